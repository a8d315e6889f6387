import path from 'node:path'
import type { Page, Request } from '@playwright/test'
import type { Role } from '@preload/contract'
import { sampleCustomer } from '../support/samples'
import { expect, test } from './server'
import {
  ADMIN,
  ARCHIVIST,
  codedItem,
  createAccount,
  createAccountQuickly,
  rpc,
  setUpAdministrator,
  signIn,
  signOut,
  type Person
} from './steps'

const PEOPLE: Record<Exclude<Role, 'sysadmin' | 'archivist'>, Person> = {
  security_officer: { username: 'anquan', name: '安保员', password: 'Security-2024x' },
  auditor: { username: 'shenji', name: '沈计', password: 'Auditor-2024x' },
  archive_manager: { username: 'wangjl', name: '王经理', password: 'Manager-2024x' },
  department_head: { username: 'zhaobz', name: '赵部长', password: 'Head-2024xx', department: '招商运营部' },
  staff_viewer: { username: 'zhangsan', name: '张三', password: 'Zhangsan-2024', department: '招商运营部' },
  deputy_gm: { username: 'liufz', name: '刘副总', password: 'Deputy-2024xx' },
  gm: { username: 'chenzj', name: '陈总经理', password: 'General-2024x' }
}

const LONG_TITLE =
  '关于上海顺达物流有限公司浦东新区张江高科技园区第三期仓储用地租赁合同续签及租金调整事项的请示与批复（含附件）'

/** Rows with long titles and codes in every table a person opens first. */
async function seed(page: Page) {
  const customer = await rpc(
    page,
    'customers.create',
    sampleCustomer({ name: '上海顺达国际物流供应链管理股份有限公司浦东新区张江高科技园区分公司' })
  )
  const items = []
  for (let index = 0; index < 4; index += 1) {
    items.push(
      await codedItem(page, {
        title: `${LONG_TITLE}之${index + 1}`,
        customerId: customer.id,
        documentNumber: `沪顺达物流〔2014〕第${1000 + index}号`,
        retentionCode: 'D10',
        dateFormed: '2014-05-10',
        receivedOn: '2014-05-12',
        pageCount: 120 + index
      })
    )
  }
  const volume = await rpc(page, 'volumes.create', {
    fondsCode: 'J001',
    categoryCode: 'KH',
    year: 2014,
    retentionCode: 'D10',
    departmentCode: 'ZS',
    title: `${LONG_TITLE}（案卷）`
  })
  await rpc(page, 'volumes.addItem', { volumeId: volume.id, itemId: items[0].id })
  await rpc(page, 'appraisal.create', {
    title: '2014年到期档案鉴定（招商运营部客户合同及往来函件）',
    records: [{ subject: 'item', id: items[1].id }]
  })
}

interface Measure {
  width: number
  problems: string[]
}

/** What a person at this window would see cut off, pushed sideways or squeezed to a column of single characters. */
function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const viewport = window.innerWidth
    const problems: string[] = []
    const width = document.documentElement.scrollWidth
    if (width > viewport) problems.push(`page is ${width}px wide`)
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect()
      return box.width > 0 && box.height > 0 && element.closest('.ant-tabs-tabpane-hidden') === null
    }
    const name = (element: Element) => (element.textContent ?? '').trim().slice(0, 30)
    // Lines of text in an element: its text's boxes sorted from the top, a new line wherever one starts below the last.
    const lines = (element: Element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      const boxes: DOMRect[] = []
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue
        const range = document.createRange()
        range.selectNodeContents(node)
        boxes.push(...Array.from(range.getClientRects()).filter((box) => box.width > 0))
      }
      boxes.sort((a, b) => a.top - b.top)
      let count = 0
      let bottom = -Infinity
      for (const box of boxes) {
        if (box.top > bottom - 3) count += 1
        bottom = box.top > bottom - 3 ? box.bottom : Math.max(bottom, box.bottom)
      }
      return count
    }
    for (const button of Array.from(document.querySelectorAll('.ant-layout button'))) {
      if (!visible(button)) continue
      const box = button.getBoundingClientRect()
      // A button inside a table that scrolls sideways is reached by scrolling the table.
      if (box.right > viewport + 0.5 && button.closest('.ant-table-content') === null)
        problems.push(`button "${name(button)}" ends at ${Math.round(box.right)}px`)
      if (button.scrollWidth > button.clientWidth + 1) problems.push(`button "${name(button)}" is clipped`)
      if (lines(button) > 1) problems.push(`button "${name(button)}" wraps`)
    }
    for (const label of Array.from(document.querySelectorAll('.ant-layout-sider .ant-menu-title-content'))) {
      if (label.scrollWidth > label.clientWidth + 1) problems.push(`menu "${name(label)}" is cut off`)
    }
    // A code, date or number (one token of ASCII without spaces) or a header on two lines reads as two.
    for (const cell of Array.from(document.querySelectorAll('.ant-layout td, .ant-layout th'))) {
      if (!visible(cell)) continue
      const text = (cell.textContent ?? '').trim()
      const token = /^[\x21-\x7e]{4,}$/.test(text) && cell.querySelector('button, a') === null
      if ((token || cell.tagName === 'TH') && lines(cell) > 1) problems.push(`"${text.slice(0, 30)}" wraps`)
    }
    for (const label of Array.from(
      document.querySelectorAll(
        '.ant-layout .ant-checkbox-wrapper, .ant-layout .ant-radio-wrapper, .ant-layout .ant-tabs-tab, .ant-layout-sider .ant-menu-title-content'
      )
    )) {
      if (visible(label) && lines(label) > 1) problems.push(`"${name(label)}" wraps onto ${lines(label)} lines`)
    }
    return { width, problems }
  })
}

/** Requests to main that the page sent and that have not come back yet, by page. */
const pending = new WeakMap<Page, () => number>()

function countRequests(page: Page) {
  let count = 0
  const rpc = (url: string) => url.includes('/rpc/')
  page.on('request', (request) => {
    if (rpc(request.url())) count += 1
  })
  const done = (request: Request) => {
    if (rpc(request.url())) count -= 1
  }
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  pending.set(page, () => count)
}

/** Waits until the page opened has its data: no request to main outstanding and no spinner, twice in a row. */
async function settle(page: Page) {
  const spinning = page.locator('.ant-layout-content .ant-spin-spinning')
  for (let look = 0; look < 2; look += 1) {
    await expect.poll(() => pending.get(page)?.() ?? 0, { intervals: [50] }).toBe(0)
    await expect(spinning).toHaveCount(0)
    // A page sends its requests once it rendered: look again once that would have happened.
    await page.waitForTimeout(200)
  }
}

/** The README's pictures of the office PC's screen, taken on the way. */
const SCREENSHOTS: Record<string, string> = {
  'liwen zh-CN 档案': 'records-1366.png',
  'shenji zh-CN 审计': 'audit-log-1366.png'
}

const NARROW = { width: 1366, height: 768 }
const WIDE = { width: 1920, height: 1080 }

async function language(page: Page, name: '中文' | 'English') {
  await page.locator('.ant-layout-header .ant-segmented').getByText(name, { exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', name === '中文' ? 'zh-CN' : 'en')
}

/**
 * Visits every section of the menu and every tab inside it in the language shown, and looks at each at 1366 and at
 * 1920 px (resizing the page already open, which is quicker than opening it twice). Adds what it found wrong, by
 * where, and the page widths.
 */
async function tour(page: Page, who: string, widths: Record<string, number>, found: string[]): Promise<void> {
  const lang = await page.locator('html').getAttribute('lang')
  const check = async (where: string) => {
    await settle(page)
    const shot = SCREENSHOTS[`${who} ${lang} ${where}`]
    if (shot) await page.screenshot({ path: path.join('docs', 'screenshots', shot) })
    // Narrow first: a page laid out wide and then narrowed has charts that follow the window only a moment later.
    for (const viewport of [NARROW, WIDE]) {
      await page.setViewportSize(viewport)
      const { width, problems } = await measure(page)
      const label = `${who} ${lang} ${viewport.width} ${where}`
      widths[label] = width
      found.push(...problems.map((problem) => `${label}: ${problem}`))
    }
    await page.setViewportSize(NARROW)
  }
  const sections = page.locator('.ant-layout-sider .ant-menu-item')
  const count = await sections.count()
  for (let index = 0; index < count; index += 1) {
    const section = sections.nth(index)
    await section.click()
    await expect(section).toHaveClass(/ant-menu-item-selected/)
    const name = (await section.textContent()) ?? String(index)
    await check(name)
    const tabs = page.locator('.ant-layout-content .ant-tabs-nav-list > .ant-tabs-tab')
    const tabCount = await tabs.count()
    for (let tab = 1; tab < tabCount; tab += 1) {
      await tabs.nth(tab).click()
      await check(`${name} › ${(await tabs.nth(tab).textContent()) ?? tab}`)
    }
  }
}

const EVERYONE: Person[] = [ADMIN, ARCHIVIST, ...Object.values(PEOPLE)]
/** Three people a room: setting up a room and its records takes longer than a tour, and the tours share nothing. */
const GROUPS = [0, 3, 6].map((first) => EVERYONE.slice(first, first + 3))

for (const group of GROUPS) {
  const names = group.map((person) => person.username).join(', ')
  test(`${names}: at 1366×768 and 1920×1080 no page is wider than the window, in Chinese or English`, async ({
    page,
    server
  }) => {
    test.setTimeout(600_000)
    countRequests(page)
    await page.setViewportSize(NARROW)
    await setUpAdministrator(page, server)
    await createAccount(page, ARCHIVIST)
    for (const person of group) {
      const role = Object.entries(PEOPLE).find(([, other]) => other === person)?.[0] as Role | undefined
      if (role) await createAccountQuickly(page, person, role, person.department ? 'ZS' : '')
    }
    await signOut(page)
    await signIn(page, ARCHIVIST)
    await seed(page)

    const widths: Record<string, number> = {}
    const found: string[] = []
    for (const person of group) {
      await signOut(page)
      await signIn(page, person)
      await tour(page, person.username, widths, found)
      await language(page, 'English')
      await tour(page, person.username, widths, found)
      await language(page, '中文')
    }
    console.log(JSON.stringify(widths))
    expect(found).toEqual([])
  })
}
