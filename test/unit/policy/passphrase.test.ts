import { describe, expect, it } from 'vitest'
import { passphraseStrength } from '@main/policy/passphrase'

describe('R-SEC-2 issue 15.2: the recovery passphrase resists guessing', () => {
  it.each([
    '档案室钥匙在二楼保险柜第三格',
    'correct horse battery staple',
    'Archiv-Raum 2026!',
    '新口令 写在 蓝色 信封里'
  ])('accepts %s', (p) => expect(passphraseStrength(p)).toEqual({ ok: true, value: undefined }))

  it.each([
    ['short one', 'validation.passphraseShort'],
    ['档案室的钥匙', 'validation.passphraseShort'],
    ['            ', 'validation.passphraseShort'],
    ['a b c d e f g', 'validation.passphraseShort'],
    ['ab cd ef gh i', 'validation.passphraseShort'],
    ['钥 匙 在 二 楼', 'validation.passphraseShort'],
    ['aaaaaaaaaaaaaaaa', 'validation.passphraseGuessable'],
    ['abababababababab', 'validation.passphraseGuessable'],
    ['1234 5678 9012 3456', 'validation.passphraseGuessable'],
    ['202603021234', 'validation.passphraseGuessable']
  ])('refuses %j with %s', (passphrase, reason) =>
    expect(passphraseStrength(passphrase)).toMatchObject({ ok: false, refusal: { ruleId: 'R-SEC-2', reason } })
  )
})
