import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebServer, type WebServer } from '@main/web/server'
import { makeApp, tempDir, type TestApp } from '../support/app'

let app: TestApp
let server: WebServer
let token: string
const rendererDir = tempDir('renderer-')

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

function request(options: {
  path: string
  method?: string
  headers?: Record<string, string>
  body?: string
  host?: string
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: options.host ?? '127.0.0.1',
        port: server.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers }
      },
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

const rpc = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  request({
    path: `/rpc/${channel}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ input })
  })

beforeAll(async () => {
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>档案室</title>')
  app = await makeApp()
  server = await startWebServer({ dispatch: app.dispatch, rendererDir })
  token = server.token
})
afterAll(async () => {
  await server.close()
  await app.close()
})

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)
    if (external) return expect(request({ path: '/', host: external.address })).rejects.toThrow(/ECONNREFUSED/)
  })

  it('uses a fresh random token on each start', async () => {
    const other = await startWebServer({ dispatch: app.dispatch, rendererDir })
    const otherToken = other.token
    await other.close()
    expect(otherToken).not.toBe(token)
    expect(otherToken.length).toBeGreaterThanOrEqual(40)
  })

  it('rejects a call without a token or with a wrong one (401)', async () => {
    expect((await rpc('app.status', {})).status).toBe(401)
    expect((await rpc('app.status', {}, { Cookie: 'archive_token=wrong' })).status).toBe(401)
    expect((await rpc('app.status', {}, { 'X-Archive-Token': `${token}x` })).status).toBe(401)
    expect((await request({ path: '/auth?entry=nope' })).status).toBe(401)
  })

  it('answers a call with the right token with the envelope', async () => {
    const reply = await rpc('app.status', {}, { 'X-Archive-Token': token })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, data: { needsSetup: true } })
  })

  it('takes a file as large as the contract accepts, and explains a body over that in an envelope', async () => {
    const cookie = { 'X-Archive-Token': token }
    const file = { target: 'items', fileName: 'list.csv', base64: 'A'.repeat(2_000_000) }
    const taken = await rpc('import.preview', file, cookie)
    // Read and passed on: the answer is the back end's (no session here), not the door's.
    expect(taken.status).toBe(200)
    expect(JSON.parse(taken.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const refused = await rpc('import.preview', { ...file, base64: 'A'.repeat(42_000_000) }, cookie)
    expect(refused.status).toBe(413)
    expect(refused.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(refused.body)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'errors.fileTooLarge', params: { limit: 30 } }
    })
  })

  /** What the page opened with the entry address does: trades the secret for its tab's token. */
  const enter = (entry: string, held?: string) =>
    request({
      path: '/auth',
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Archive-Entry': entry,
        ...(held ? { 'X-Archive-Token': held } : {})
      },
      body: '{}'
    })
  const entrySecret = () => new URL(server.entryUrl).searchParams.get('entry')!

  it('15.6: the entry address opens the app and gives each page a token of its own, for the whole run, never a cookie', async () => {
    const entry = new URL(server.entryUrl)
    for (let opened = 0; opened < 2; opened += 1) {
      const page = await request({ path: `${entry.pathname}${entry.search}` })
      expect(page.status).toBe(200)
      expect(page.body).toContain('档案室')
      expect(page.headers['set-cookie']).toBeUndefined()
    }
    const first = await enter(entrySecret())
    const second = await enter(entrySecret())
    expect([first.status, second.status]).toEqual([200, 200])
    expect(first.headers['set-cookie']).toBeUndefined()
    const [tab1, tab2] = [JSON.parse(first.body).token, JSON.parse(second.body).token] as string[]
    expect(tab1).not.toBe(tab2)
    // A tab that opens the address again keeps its token, and with it its session.
    expect(JSON.parse((await enter(entrySecret(), tab1)).body).token).toBe(tab1)
    // Two tabs, two sessions: signing in in one signs nobody in in the other.
    const admin = { username: 'webadmin', displayName: '网页管理员', password: 'Web-admin-2024' }
    expect(JSON.parse((await rpc('auth.setupAdmin', admin, { 'X-Archive-Token': tab1 })).body).ok).toBe(true)
    const status = async (tab: string) =>
      JSON.parse((await rpc('app.status', {}, { 'X-Archive-Token': tab })).body).data
    expect((await status(tab1)).session).toMatchObject({ username: 'webadmin' })
    expect((await status(tab2)).session).toBeNull()
  })

  it('explains a stale or mistyped entry address in Chinese and English instead of a bare Unauthorized', async () => {
    const stale = await request({ path: '/auth?entry=from-yesterdays-run' })
    expect(stale.status).toBe(401)
    expect(stale.headers['content-type']).toMatch(/^text\/html/)
    expect(stale.body).toContain('ARCHIVE_URL=')
    expect(stale.body).toContain('入口地址已失效')
    expect(stale.body).toContain('no longer valid')
    expect(JSON.parse((await enter('from-yesterdays-run')).body)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'errors.staleEntry' }
    })
  })

  it('rejects a foreign Host header (403), even with the right token — DNS rebinding', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '192.168.1.20']) {
      expect((await rpc('app.status', {}, { Host: host, 'X-Archive-Token': token })).status).toBe(403)
    }
    expect((await rpc('app.status', {}, { Host: `localhost:${server.port}`, 'X-Archive-Token': token })).status).toBe(
      200
    )
  })

  it('rejects a foreign Origin (403), even with the right token — cross-site requests', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`]) {
      expect((await rpc('app.status', {}, { Origin: origin, 'X-Archive-Token': token })).status).toBe(403)
    }
    expect(
      (await rpc('app.status', {}, { Origin: `http://127.0.0.1:${server.port}`, 'X-Archive-Token': token })).status
    ).toBe(200)
  })

  it('accepts only JSON POSTs on the call path, and refuses malformed JSON', async () => {
    const auth = { 'X-Archive-Token': token }
    expect((await request({ path: '/rpc/app.status', headers: auth })).status).toBe(405)
    expect(
      (
        await request({
          path: '/rpc/app.status',
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'text/plain' },
          body: '{}'
        })
      ).status
    ).toBe(415)
    expect(
      (
        await request({
          path: '/rpc/app.status',
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: '{nope'
        })
      ).status
    ).toBe(400)
  })

  it('validates inputs exactly as IPC does', async () => {
    const reply = await rpc('auth.login', { username: 1 }, { 'X-Archive-Token': token })
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('serves the app with a strict Content-Security-Policy and nothing outside its folder', async () => {
    const page = await request({ path: '/' })
    expect(page.status).toBe(200)
    expect(page.body).toContain('档案室')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).toContain("object-src 'none'")
    expect((await request({ path: '/../../etc/passwd' })).status).toBe(404)
    expect((await request({ path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404)
  })

  it('answers an address with broken percent-encoding with 400, not an internal error', async () => {
    for (const path of ['/%E0%A4%A', '/%ZZ', '/assets/%']) {
      const reply = await request({ path })
      expect(reply.status).toBe(400)
      expect(reply.body).toMatch(/Malformed address/)
    }
    const call = await request({
      path: '/rpc/%ZZ',
      method: 'POST',
      headers: { 'X-Archive-Token': token, 'Content-Type': 'application/json' },
      body: '{}'
    })
    expect(call.status).toBe(400)
  })

  it('15.6: cookies carry nothing, and none planted by another page on 127.0.0.1, malformed or not, breaks a call', async () => {
    expect((await rpc('app.status', {}, { Cookie: `archive_token=${token}` })).status).toBe(401)
    const planted = [
      'other=%E0%A4%A',
      'archive_token=%ZZ',
      'archive_client=\u00ff\u00fe',
      `archive_token=${'x'.repeat(4000)}`,
      '=; ; ==; __proto__=1; constructor=2'
    ].join('; ')
    expect((await request({ path: '/', headers: { Cookie: planted } })).status).toBe(200)
    expect((await rpc('app.status', {}, { Cookie: planted, 'X-Archive-Token': token })).status).toBe(200)
  })
})
