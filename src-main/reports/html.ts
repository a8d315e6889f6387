/**
 * HTML written as a tagged template: every interpolated value is escaped unless it is already HTML built the same
 * way, so a printable cannot be turned into markup by what a person typed (R-STAT-2). Fragments compose, arrays of
 * fragments are joined, and the one way to splice text in unescaped is `rawHtml`, for the code's own constants.
 *
 *   html`<td class="${cls}">${row.title}</td>`   // cls and title escaped
 *   html`<tbody>${rows}</tbody>`                 // rows: SafeHtml[] from html``, joined with ''
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/** Escapes text for use in HTML content and in double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch)
}

/** Only this module can make a SafeHtml: the key is not exported, so a look-alike object is never trusted. */
const MINT: unique symbol = Symbol('SafeHtml')

/** A piece of HTML whose every value has been escaped (or that came from `rawHtml`). */
export class SafeHtml {
  // An ES private field makes the type nominal: an object that merely has a `value` is not a SafeHtml to TypeScript.
  readonly #value: string
  constructor(key: typeof MINT, value: string) {
    if (key !== MINT) throw new Error('SafeHtml is made by html`…` or rawHtml(), not by hand')
    this.#value = value
  }

  /** The HTML text, for the finished document. */
  get value(): string {
    return this.#value
  }
}

/** What may be interpolated: text and numbers (escaped), nothing (null/undefined print as ''), or HTML fragments. */
export type HtmlValue = string | number | null | undefined | SafeHtml | readonly SafeHtml[]

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value
  if (value === null || value === undefined) return ''
  // A stray string in an array (only possible past the types) is text like any other and is escaped.
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '')
  })
  return new SafeHtml(MINT, out)
}

/** Fragments joined by a separator, e.g. table rows by '\n'; a text separator is escaped like any value. */
html.join = (fragments: readonly SafeHtml[], separator: string | SafeHtml): SafeHtml =>
  new SafeHtml(MINT, fragments.map(render).join(render(separator)))

/** Nothing, e.g. the absent half of a condition. */
html.empty = new SafeHtml(MINT, '')

/**
 * Trusts a string as HTML as it is. Only for the code's own constants that escaping would corrupt — never for data,
 * and never for anything a person typed. Every use says why it is needed.
 */
export function rawHtml(trusted: string): SafeHtml {
  return new SafeHtml(MINT, trusted)
}
