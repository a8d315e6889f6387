/** Channels of retention, holds, appraisal and destruction (R-DISP); spread into the contract in contract.ts. */
export const disposalChannels = {} as const
