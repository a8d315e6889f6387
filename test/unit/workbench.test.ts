import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ROLES } from '@preload/contract'
import { sectionsOf } from '@renderer/access'
import { call } from '@renderer/api/client'
import { askWorkbenchAhead, linkFor, workbenchCards, workbenchReads } from '@renderer/pages/dashboard/workbench'
import { permissionsOf } from '../support/permissions'

const RENDERER = path.resolve(__dirname, '../../src-renderer/src')
const SECTIONS = [
  'dashboard',
  'customers',
  'records',
  'use',
  'disposal',
  'storage',
  'statistics',
  'settings',
  'audit',
  'users',
  'backup'
]

describe("R-ROLE-7 each role's workbench shows what it can act on and links only to its own menu", () => {
  it.each(ROLES)('%s: no workbench card or to-do links to a section outside the menu', (role) => {
    const menu = sectionsOf(permissionsOf(role))
    for (const card of workbenchCards(permissionsOf(role)))
      if (card.link !== null) expect(menu, card.key).toContain(card.link)
    for (const section of SECTIONS)
      expect(linkFor(permissionsOf(role), section)).toBe(menu.includes(section as never) ? section : null)
  })

  it('a staff viewer sees their own requests and loans, not the archivist’s filing and loan desk', () => {
    const keys = workbenchCards(permissionsOf('staff_viewer')).map((card) => card.key)
    expect(keys).toContain('myRequests')
    expect(keys).not.toContain('todo')
    expect(keys).not.toContain('overdueFiling')
    expect(keys).not.toContain('overdueLoans')
  })

  it('a department head has the place for requests awaiting signature, and their own requests', () => {
    const keys = workbenchCards(permissionsOf('department_head')).map((card) => card.key)
    expect(keys).toEqual(expect.arrayContaining(['awaitingSignature', 'myRequests']))
  })

  it('the archivist keeps the to-do list, late filing and overdue loans', () => {
    const keys = workbenchCards(permissionsOf('archivist')).map((card) => card.key)
    expect(keys).toEqual(expect.arrayContaining(['todo', 'overdueFiling', 'overdueLoans', 'customers']))
  })

  it('no workbench file navigates to a fixed address: every link goes through the checked card config', () => {
    const files = [
      'pages/DashboardPage.tsx',
      'components/TodoCard.tsx',
      'components/OverdueLoansCard.tsx',
      ...fs.readdirSync(path.join(RENDERER, 'pages/dashboard')).map((file) => `pages/dashboard/${file}`)
    ]
    for (const file of files) {
      const source = fs.readFileSync(path.join(RENDERER, file), 'utf8')
      expect(source, file).not.toMatch(/navigate\(\s*['"]/)
      expect(source, file).not.toMatch(/navigate\(`\/[a-z]/)
    }
  })

  it('issue 19: what is asked ahead at sign-in is what the cards ask, once each, and only what main lets the role ask', () => {
    const code = ['pages', 'components']
      .flatMap((folder) =>
        fs
          .readdirSync(path.join(RENDERER, folder), { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.tsx') || file.endsWith('.ts'))
          .map((file) => fs.readFileSync(path.join(RENDERER, folder, file), 'utf8'))
      )
      .join('\n')
    const literal = (input: object) =>
      Object.keys(input).length === 0
        ? '{}'
        : `{ ${Object.entries(input)
            .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
            .join(', ')} }`
    // A paged card calls through `usePagedQuery(fetch, firstPage)`: its first call is the channel `fetch` calls with
    // the hook's own first page (read from useRemote.ts) overlaid by `firstPage`, written out as a plain call here.
    const hook = fs.readFileSync(path.join(RENDERER, 'useRemote.ts'), 'utf8')
    const start = /useState<Q & Paging>\(\{ page: (\d+), pageSize: (\d+), \.\.\.initial \}\)/.exec(hook)
    expect(start, 'the first page usePagedQuery starts from').not.toBeNull()
    const startPage = { page: Number(start![1]), pageSize: Number(start![2]) }
    const objectOf = (text: string): object | null => {
      try {
        return JSON.parse(
          text
            .replace(/'/g, '"')
            .replace(/(\w+):/g, '"$1":')
            .replace(/,\s*}/, '}')
        )
      } catch {
        return null // a first page with a variable in it: no plain call to match, so a read it should answer fails
      }
    }
    const fetchers = new Map(
      [...code.matchAll(/const (\w+) = \((\w+)(?::[^)]*)?\) => call\('([\w.]+)', \2\)/g)].map((m) => [m[1], m[3]])
    )
    const pagedCalls = [
      ...code.matchAll(
        /usePagedQuery\(\s*(?:(\w+)|\((\w+)(?::[^)]*)?\)\s*=>\s*call\('([\w.]+)',\s*\2\)),\s*(\{[^{}]*\})/g
      )
    ].flatMap(([, named, , channel = fetchers.get(named), firstPage]) => {
      const first = objectOf(firstPage)
      return channel && first ? [`call('${channel}', ${literal({ ...startPage, ...first })})`] : []
    })
    const calls = [code, ...pagedCalls].join('\n')
    for (const role of ROLES) {
      const permissions = permissionsOf(role)
      const reads = workbenchReads(permissions)
      expect(new Set(reads.map((read) => JSON.stringify(read))).size, role).toBe(reads.length)
      for (const [channel, input] of reads) {
        expect(permissions.channels, `${role} ${channel}`).toContain(channel)
        expect(calls, `${role}: no card calls ${channel} with ${literal(input)}`).toContain(
          `call('${channel}', ${literal(input)})`
        )
      }
    }
    expect(workbenchReads(permissionsOf('archivist')).map(([channel]) => channel)).toEqual(
      expect.arrayContaining(['dashboard.todo', 'dashboard.holdings', 'settings.getFiling'])
    )
  })
})

describe('issue 19: the workbench is asked for ahead only where it will show', () => {
  afterEach(() => vi.unstubAllGlobals())

  // The address stays at #/dashboard when its last person signs out there; the next may have no workbench at all.
  it.each(ROLES)('%s, signing in at the workbench’s address', async (role) => {
    let asked: string[] = []
    vi.stubGlobal('location', { hash: '#/dashboard' })
    vi.stubGlobal('window', {
      archive: {
        invoke: (channel: string) => {
          asked.push(channel)
          return Promise.resolve({ ok: true, data: null })
        }
      }
    })
    // Signing in forgets what was asked for the person before.
    await call('auth.login', { username: role, password: 'x' })
    asked = []
    askWorkbenchAhead(permissionsOf(role))
    const shows = sectionsOf(permissionsOf(role)).includes('dashboard')
    expect(asked).toEqual(shows ? workbenchReads(permissionsOf(role)).map(([channel]) => channel) : [])
  })
})
