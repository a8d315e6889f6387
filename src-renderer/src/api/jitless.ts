import { z } from 'zod'

/**
 * Imported before anything builds a schema: Zod 4 otherwise probes `new Function` when a schema is built, which the
 * Content-Security-Policy (no eval) reports as a violation, and compiles object parsers with it.
 */
z.config({ jitless: true })
