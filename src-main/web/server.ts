import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { IMPORT_FILE_BASE64_MAX, IMPORT_FILE_MB } from '../../src-preload/contract'
import type { Dispatcher } from '../ipc/dispatch'
import { CONTENT_SECURITY_POLICY } from '../security'

export interface WebServerOptions {
  dispatch: Dispatcher
  rendererDir: string
  port?: number
  token?: string
}

export interface WebServer {
  url: string
  /** The one-time entry address: opening it sets the token cookie and leads to the app. */
  entryUrl: string
  /** The per-start secret the cookie carries; other local tools may send it as X-Archive-Token. */
  token: string
  port: number
  close(): Promise<void>
}

const TOKEN_COOKIE = 'archive_token'
const CLIENT_COOKIE = 'archive_client'
/** What the contract accepts (an import's file) and the rest of the call around it. */
const MAX_BODY = IMPORT_FILE_BASE64_MAX + 1024 * 1024
/** A refused body is explained like any refusal, in the terms of the file it carried. */
const TOO_LARGE = JSON.stringify({
  ok: false,
  error: { code: 'VALIDATION', message: 'errors.fileTooLarge', params: { limit: IMPORT_FILE_MB } }
})
const MALFORMED_ADDRESS = 'Malformed address: check the link. 地址格式有误，请检查链接。'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2'
}

/** Null for broken percent-encoding (`%ZZ`, a cut-off `%E0%A4%A`), which anyone can type into the address bar. */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

function cookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=')
    // Another program's cookie on 127.0.0.1 may be encoded any way at all; it is none of ours, so it is passed over.
    const value = at > 0 ? decoded(part.slice(at + 1).trim()) : null
    if (value !== null) jar.set(part.slice(0, at).trim(), value)
  }
  return jar
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
  extra: Record<string, string | string[]> = {}
) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra
  })
  res.end(body)
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    // Read to the end without keeping it: a browser that is cut off mid-upload shows a network error, not the answer.
    if (size <= MAX_BODY) chunks.push(chunk as Buffer)
  }
  return size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')
}

/**
 * Browser mode: the same back end over HTTP on 127.0.0.1 only. A random token per start (exchanged for a cookie
 * from the entry address) keeps other local programs and web pages out; Host and Origin checks stop DNS rebinding
 * and cross-site requests.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url')
  // The address printed at start works once: whoever opens it first gets the token as a cookie, nobody after.
  let entryNonce: string | null = crypto.randomBytes(32).toString('base64url')
  const rendererRoot = path.resolve(options.rendererDir)
  let port = 0

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    try {
      const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
      if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 403, 'Forbidden host')
      const origin = req.headers.origin
      if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin))
        return send(res, 403, 'Forbidden origin')

      const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
      const jar = cookies(req.headers.cookie)

      if (url.pathname === '/auth') {
        if (entryNonce === null || !sameSecret(url.searchParams.get('entry') ?? undefined, entryNonce))
          return send(res, 401, 'Unauthorized')
        entryNonce = null
        const client = jar.get(CLIENT_COOKIE) ?? crypto.randomBytes(16).toString('base64url')
        return send(res, 302, '', 'text/plain', {
          Location: '/',
          'Set-Cookie': [
            `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
            `${CLIENT_COOKIE}=${client}; HttpOnly; SameSite=Strict; Path=/`
          ]
        })
      }

      if (url.pathname.startsWith('/rpc/')) {
        const presented = jar.get(TOKEN_COOKIE) ?? (req.headers['x-archive-token'] as string | undefined)
        if (!sameSecret(presented, token)) return send(res, 401, 'Unauthorized')
        if (req.method !== 'POST') return send(res, 405, 'Method not allowed', 'text/plain', { Allow: 'POST' })
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only')
        const raw = await readBody(req)
        if (raw === null) return send(res, 413, TOO_LARGE, 'application/json; charset=utf-8')
        let input: unknown
        try {
          input = raw === '' ? undefined : (JSON.parse(raw) as { input?: unknown } | null)?.input
        } catch {
          return send(res, 400, 'Malformed JSON')
        }
        const client = jar.get(CLIENT_COOKIE) ?? (req.headers['x-archive-client'] as string | undefined) ?? 'anonymous'
        const channel = decoded(url.pathname.slice('/rpc/'.length))
        if (channel === null) return send(res, 400, MALFORMED_ADDRESS)
        const envelope = await options.dispatch(channel, input, `web:${client}`)
        return send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8')
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed')
      const pathname = decoded(url.pathname)
      if (pathname === null) return send(res, 400, MALFORMED_ADDRESS)
      const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
      const file = path.resolve(rendererRoot, relative)
      if (!file.startsWith(rendererRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        return send(res, 404, 'Not found')
      }
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream'
      return send(res, 200, fs.readFileSync(file), type, {
        'Cache-Control': 'no-cache'
      })
    } catch (error) {
      console.error(error)
      if (!res.headersSent) send(res, 500, 'Internal error')
    }
  }
  // Every failure is answered inside handle, so nothing is left for the promise to reject with.
  const server = http.createServer((req, res) => void handle(req, res))

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/`
  return {
    url,
    entryUrl: `${url}auth?entry=${entryNonce}`,
    token,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
