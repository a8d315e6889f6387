import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, IN_ELECTRON, test } from './server'
import { ADMIN, setUpAdministrator } from './steps'

/**
 * Another web service on 127.0.0.1, as a developer tool or a local page would be: it records what the browser sends
 * it, and its page plants cookies for 127.0.0.1 (cookies ignore ports), malformed ones among them.
 */
async function otherLocalService() {
  const received: http.IncomingHttpHeaders[] = []
  const server = http.createServer((req, res) => {
    received.push(req.headers)
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><title>other</title><script>
      document.cookie = 'archive_token=%ZZ; path=/'
      document.cookie = 'archive_client=%E0%A4%A; path=/rpc'
      document.cookie = 'session=' + 'x'.repeat(3000) + '; path=/'
      document.cookie = '=%; path=/'
      document.title = 'planted'
    </script>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) }
}

// Tabs, entry addresses and other local web services exist only in browser mode.
test.skip(IN_ELECTRON, 'browser mode only')

test('15.6/15.7: no credential reaches another local service, planted cookies change nothing, the CSP sees no eval', async ({
  page,
  server
}) => {
  const other = await otherLocalService()
  try {
    await page.addInitScript(() => {
      const seen: string[] = []
      Object.assign(window, { cspViolations: seen })
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`)
      )
    })
    await setUpAdministrator(page, server)
    expect(page.url()).not.toContain('entry=')
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([])
    const tab = await page.evaluate(() => sessionStorage.getItem('archive-room.tab'))
    expect(tab).toBeTruthy()
    expect(await page.context().cookies()).toEqual([])

    // The same tab visits the other service, which plants its cookies, then comes back to the app.
    await page.goto(other.url)
    await expect(page).toHaveTitle('planted')
    await page.goto(other.url)
    const secrets = [tab!, new URL(server.entryUrl).searchParams.get('entry')!]
    for (const headers of other.received) {
      for (const secret of secrets) expect(JSON.stringify(headers)).not.toContain(secret)
    }
    expect(other.received.at(-1)?.cookie).toContain('archive_token=%ZZ')
    await page.goto(new URL(server.entryUrl).origin)
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.name)
    await page.reload()
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.name)

    // The printed address, opened again in a second tab, works for the whole run; a stale one is explained.
    const second = await page.context().newPage()
    await second.goto(server.entryUrl)
    await expect(second.locator('form#login')).toBeVisible()
    await second.goto(`${new URL(server.entryUrl).origin}/auth?entry=stale`)
    await expect(second.getByText('这个入口地址已失效', { exact: false })).toBeVisible()
    await expect(second.getByText('ARCHIVE_URL=', { exact: false }).first()).toBeVisible()
  } finally {
    await other.close()
  }
})
