import { Foundation1764000000000 } from './1764000000000-Foundation'

export const MIGRATIONS = [Foundation1764000000000]
