// volumes.ts and use.ts still take their LIKE patterns from here; the item search itself lives in db/item-search.ts.
export { containsPattern } from '../db/full-text'
