/** Channels of inspections, environment log, dashboard and annual statistics (R-KEEP-2..4, R-STAT); spread into the contract in contract.ts. */
export const custodyChannels = {} as const
