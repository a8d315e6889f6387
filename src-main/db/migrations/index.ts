import { Foundation1764000000000 } from './1764000000000-Foundation'
import { Records1764100000000 } from './1764100000000-Records'

export const MIGRATIONS = [Foundation1764000000000, Records1764100000000]
