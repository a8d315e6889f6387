import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import en from '@preload/i18n/en'
import zhCN, { type MessageKey } from '@preload/i18n/zh-CN'

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]
  )
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : []
  })
}

describe('translations', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('a message key no catalogue holds does not compile (tsc -p test checks the directive)', () => {
    // @ts-expect-error the key names no sentence
    const unknown: MessageKey = 'policy.noSuchSentence'
    expect(keys(zhCN)).not.toContain(unknown)
    const known: MessageKey = 'policy.disposal.holdPeriod'
    expect(keys(en)).toContain(known)
  })

  it('issue 14: no sentence names a rule id; a rule is the tag after the sentence, whose tooltip is rules.<id>', () => {
    for (const tree of [zhCN, en]) {
      for (const key of keys(tree).filter((key) => !key.startsWith('rules.'))) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree)
        expect(String(value), key).not.toMatch(/R-[A-Z]+-\d/)
      }
    }
  })

  it('no translation is empty', () => {
    for (const tree of [zhCN, en]) {
      const flat = keys(tree)
      for (const key of flat) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree)
        expect(value, key).not.toBe('')
      }
    }
  })

  it('every message key main or the renderer uses exists in both languages', () => {
    const root = path.resolve(__dirname, '../..')
    const known = new Set(keys(zhCN))
    const used = new Set<string>()
    for (const file of [
      ...sourceFiles(path.join(root, 'src-main')),
      ...sourceFiles(path.join(root, 'src-preload')),
      ...sourceFiles(path.join(root, 'src-renderer/src'))
    ]) {
      for (const match of fs
        .readFileSync(file, 'utf8')
        .matchAll(/['"`]((?:errors|validation|policy)\.[A-Za-z]+(?:\.[A-Za-z]+)*)['"`]/g))
        used.add(match[1])
    }
    expect(used.size).toBeGreaterThan(20)
    expect([...used].filter((key) => !known.has(key))).toEqual([])
  })
})
