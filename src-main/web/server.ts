import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { IMPORT_FILE_BASE64_MAX, IMPORT_FILE_MB } from '@preload/contract'
import en from '@preload/i18n/en'
import zhCN from '@preload/i18n/zh-CN'
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
  /**
   * The entry address, good for this run: each time it is opened the page gets a token of its own, which it keeps
   * for its tab and sends as a header, never as a cookie.
   */
  entryUrl: string
  /** The per-start secret other local tools may send as X-Archive-Token (with X-Archive-Client naming their session). */
  token: string
  port: number
  close(): Promise<void>
}

const TOKEN_HEADER = 'x-archive-token'
const ENTRY_HEADER = 'x-archive-entry'
/** Tabs opened with the entry address in one run: a person's, so a few; the oldest give way beyond this. */
const MAX_TABS = 1000
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

/** A stale or mistyped entry address is explained, in both languages, with what to do instead. */
const STALE_ENTRY_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>档案室 Archive Room</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6">
<p>${zhCN.errors.staleEntry}</p><p lang="en">${en.errors.staleEntry}</p></body></html>`

/**
 * Browser mode: the same back end over HTTP on 127.0.0.1 only. No cookie carries anything: cookies ignore ports, so
 * every other web service on 127.0.0.1 would receive them, and any page there could plant some. The entry address
 * (a random secret per start) gives each page that opens it a token of its own, which the page keeps in its tab's
 * session storage (other ports are other origins and cannot read it) and sends as a header; Host and Origin checks
 * stop DNS rebinding and cross-site requests, and no other site can send that header without our consent (CORS).
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url')
  const entrySecret = crypto.randomBytes(32).toString('base64url')
  /** Each tab's token, to the session it names: a hash of it, so that no token ends up in a session key or a log. */
  const tabs = new Map<string, string>()
  const rendererRoot = path.resolve(options.rendererDir)
  let port = 0

  const newTab = () => {
    const tab = crypto.randomBytes(32).toString('base64url')
    tabs.set(tab, `tab-${crypto.createHash('sha256').update(tab).digest('base64url').slice(0, 22)}`)
    if (tabs.size > MAX_TABS) tabs.delete(tabs.keys().next().value!)
    return tab
  }

  /** The session a call belongs to, or null when it carries no credential of this run. */
  const sessionOf = (req: http.IncomingMessage): string | null => {
    const presented = req.headers[TOKEN_HEADER]
    if (typeof presented !== 'string') return null
    const tab = tabs.get(presented)
    if (tab !== undefined) return tab
    if (!sameSecret(presented, token)) return null
    const client = req.headers['x-archive-client']
    return typeof client === 'string' ? client : 'anonymous'
  }

  const serveFile = (res: http.ServerResponse, relative: string) => {
    const file = path.resolve(rendererRoot, relative)
    if (!file.startsWith(rendererRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(res, 404, 'Not found')
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream'
    return send(res, 200, fs.readFileSync(file), type, { 'Cache-Control': 'no-cache' })
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    try {
      const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
      if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 403, 'Forbidden host')
      const origin = req.headers.origin
      if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin))
        return send(res, 403, 'Forbidden origin')

      const url = new URL(req.url ?? '/', `http://${req.headers.host}`)

      if (url.pathname === '/auth') {
        if (req.method === 'POST') {
          // The page opened with the entry address trades the secret for its tab's token; a tab that has one keeps it.
          const entry = req.headers[ENTRY_HEADER]
          if (typeof entry !== 'string' || !sameSecret(entry, entrySecret))
            return send(
              res,
              401,
              JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'errors.staleEntry' } }),
              'application/json; charset=utf-8'
            )
          const held = req.headers[TOKEN_HEADER]
          const tab = typeof held === 'string' && tabs.has(held) ? held : newTab()
          return send(res, 200, JSON.stringify({ token: tab }), 'application/json; charset=utf-8')
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed')
        if (!sameSecret(url.searchParams.get('entry') ?? undefined, entrySecret))
          return send(res, 401, STALE_ENTRY_PAGE, 'text/html; charset=utf-8')
        return serveFile(res, 'index.html')
      }

      if (url.pathname.startsWith('/rpc/')) {
        const session = sessionOf(req)
        if (session === null) return send(res, 401, 'Unauthorized')
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
        const channel = decoded(url.pathname.slice('/rpc/'.length))
        if (channel === null) return send(res, 400, MALFORMED_ADDRESS)
        const envelope = await options.dispatch(channel, input, `web:${session}`)
        return send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8')
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed')
      const pathname = decoded(url.pathname)
      if (pathname === null) return send(res, 400, MALFORMED_ADDRESS)
      return serveFile(res, pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, ''))
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
    entryUrl: `${url}auth?entry=${entrySecret}`,
    token,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
