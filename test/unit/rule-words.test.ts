/** A rule id on screen is a tag whose tooltip is the rule in words: every rule the code cites has its sentence. */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '@preload/i18n/en'
import zhCN from '@preload/i18n/zh-CN'

const root = path.resolve(__dirname, '../..')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : []
  })
}

/** Rule ids in quotes outside comments (R-… of domain.md, S… of customer-rules.md): the ones a decision carries to the screen. */
function citedRules(): string[] {
  const cited = new Set<string>()
  for (const file of ['src-main', 'src-preload', 'src-renderer/src'].flatMap((dir) =>
    sourceFiles(path.join(root, dir))
  ))
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*(\*|\/\/|\/\*)/.test(line)) continue
      for (const match of line.matchAll(/['"`](R-[A-Z]+-\d+|S\d+)['"`]/g)) cited.add(match[1])
    }
  return [...cited].sort()
}

describe('rule sentences', () => {
  it('every rule the code cites has its sentence in both languages', () => {
    const rules = citedRules()
    expect(rules.length).toBeGreaterThan(25)
    for (const [language, tree] of Object.entries({ 'zh-CN': zhCN, en }))
      expect(
        rules.filter((id) => typeof (tree.rules as Record<string, string>)[id] !== 'string'),
        language
      ).toEqual([])
  })
})
