import { allowed, refuse, type Decision } from './decision'

const MIN_CHARACTERS = 12
const MIN_WORDS = 4
/** Fewer different characters than this is a repeated key or a run of digits, however long. */
const MIN_DISTINCT = 5
/** A word worth counting: two Chinese characters, or three of any other script ("a b c d" is four keys, not words). */
const isWord = (word: string) => /\p{Script=Han}.*\p{Script=Han}/u.test(word) || [...word].length >= 3

/**
 * Issue 15.2, R-SEC-2: the recovery passphrase opens every backup on any PC, so it must resist guessing: at least
 * 12 characters besides spaces (a Chinese sentence counts each character), or at least four words; and not one or two
 * keys held down or a run of digits.
 */
export function passphraseStrength(passphrase: string): Decision {
  // Judged on what a person would type: invisible format characters (zero-width spaces, direction marks) add nothing
  // to guess, and full-width digits are digits (NFKC). The passphrase itself is wrapped as given.
  const visible = passphrase
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .trim()
  const characters = [...visible]
  const typed = characters.filter((c) => c.trim() !== '')
  const words = visible.split(/\s+/).filter(isWord)
  if (typed.length < MIN_CHARACTERS && words.length < MIN_WORDS)
    return refuse('R-SEC-2', 'validation.passphraseShort', { min: MIN_CHARACTERS, words: MIN_WORDS })
  if (new Set(typed).size < MIN_DISTINCT || /^[\p{Nd}\s]+$/u.test(visible))
    return refuse('R-SEC-2', 'validation.passphraseGuessable')
  return allowed
}
