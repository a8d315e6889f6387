import { z } from 'zod'

// The policy below allows no eval, in main as in the renderer: Zod 4 would otherwise probe `new Function` when a
// schema is built and compile object parsers with it. Entry points import this module before anything builds one.
z.config({ jitless: true })

/**
 * One policy for both shells. antd writes its styles at run time, hence 'unsafe-inline' for styles only;
 * scripts come from our own files and nothing else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'"
].join('; ')
