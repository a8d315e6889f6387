export const BUILD_INPUTS: string[]
export const BUILD_STAMP: string
export function buildIsCurrent(root: string): boolean
export function markBuilt(root: string): void
