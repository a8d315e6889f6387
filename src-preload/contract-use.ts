/** Channels of consultation and loans (R-USE); spread into the contract in contract.ts. */
export const useChannels = {} as const
