import { describe, expect, it } from 'vitest'
import { escapeHtml, html, rawHtml, SafeHtml } from '@main/reports/html'

const EVIL = `<script>alert("x")</script>&'`
const EVIL_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;'

describe('html tagged template', () => {
  it('escapes &, <, >, double and single quotes in every interpolated string', () => {
    expect(html`<td>${EVIL}</td>`.value).toBe(`<td>${EVIL_ESCAPED}</td>`)
    expect(html`${'&'}${'<'}${'>'}${'"'}${"'"}`.value).toBe('&amp;&lt;&gt;&quot;&#39;')
    expect(escapeHtml(EVIL)).toBe(EVIL_ESCAPED)
  })

  it('leaves the template text itself as written, and other text untouched', () => {
    expect(html`<p class="a">&nbsp;${'关于仓储合同的请示 2024-03-15'}</p>`.value).toBe(
      '<p class="a">&nbsp;关于仓储合同的请示 2024-03-15</p>'
    )
    expect(html``.value).toBe('')
    expect(html`${'x'}`.value).toBe('x')
  })

  it('escapes values in attributes, so a quote cannot end the attribute', () => {
    expect(html`<td class="${'" onclick="alert(1)'}">`.value).toBe('<td class="&quot; onclick=&quot;alert(1)">')
    expect(html`<td title='${"' onmouseover='x"}'>`.value).toBe(`<td title='&#39; onmouseover=&#39;x'>`)
  })

  it('prints numbers with String() and nothing for null and undefined', () => {
    expect(html`${0}|${-1.5}|${2024}|${1e21}|${NaN}`.value).toBe('0|-1.5|2024|1e+21|NaN')
    expect(html`<td>${null}</td><td>${undefined}</td>`.value).toBe('<td></td><td></td>')
  })

  it('nests fragments as they are, escaping each value exactly once', () => {
    const cell = html`<b>${EVIL}</b>`
    const row = html`<tr><td>${cell}</td></tr>`
    expect(row.value).toBe(`<tr><td><b>${EVIL_ESCAPED}</b></td></tr>`)
    expect(html`<table>${row}</table>`.value).toBe(`<table><tr><td><b>${EVIL_ESCAPED}</b></td></tr></table>`)
    // no double escaping through any depth of nesting
    expect(html`${html`${html`${'&'}`}`}`.value).toBe('&amp;')
  })

  it('treats an entity in a value as text: it prints literally, not as the character', () => {
    expect(html`${'&amp; &nbsp;'}`.value).toBe('&amp;amp; &amp;nbsp;')
  })

  it('joins arrays of fragments with nothing between them', () => {
    const cells = ['a<', 'b&', 'c"'].map((v) => html`<td>${v}</td>`)
    expect(html`<tr>${cells}</tr>`.value).toBe('<tr><td>a&lt;</td><td>b&amp;</td><td>c&quot;</td></tr>')
    expect(html`<tbody>${[]}</tbody>`.value).toBe('<tbody></tbody>')
  })

  it('escapes a plain string that reaches an array past the types', () => {
    const smuggled = [html`<i>ok</i>`, '<b>bad</b>'] as unknown as SafeHtml[]
    expect(html`${smuggled}`.value).toBe('<i>ok</i>&lt;b&gt;bad&lt;/b&gt;')
  })

  it('html.join puts a separator between fragments; a text separator is escaped', () => {
    const rows = [html`<tr>1</tr>`, html`<tr>2</tr>`]
    expect(html.join(rows, '\n').value).toBe('<tr>1</tr>\n<tr>2</tr>')
    expect(html.join(rows, '<hr>').value).toBe('<tr>1</tr>&lt;hr&gt;<tr>2</tr>')
    expect(html.join(rows, html`<hr>`).value).toBe('<tr>1</tr><hr><tr>2</tr>')
    expect(html.join([], '\n').value).toBe('')
    expect(html`a${html.empty}b`.value).toBe('ab')
  })

  it('never trusts a look-alike: only html`` and rawHtml make SafeHtml', () => {
    const fake = { value: '<b>x</b>' } as unknown as SafeHtml
    expect(html`${fake}`.value).not.toContain('<b>')
    const Forge = SafeHtml as unknown as new (key: symbol, value: string) => SafeHtml
    expect(() => new Forge(Symbol('SafeHtml'), '<b>x</b>')).toThrow()
  })

  it('rawHtml is the only way in unescaped', () => {
    expect(html`<style>${rawHtml('body { font-family: "Noto Serif CJK SC"; }')}</style>`.value).toBe(
      '<style>body { font-family: "Noto Serif CJK SC"; }</style>'
    )
    expect(html`<style>${'body { font-family: "Noto Serif CJK SC"; }'}</style>`.value).toContain('&quot;')
  })

  it('refuses at compile time what it cannot print sensibly', () => {
    // @ts-expect-error a boolean would print "false"; choose a value instead
    html`${false}`
    // @ts-expect-error an array of strings is not HTML; map it through html`` first
    html`${['a', 'b']}`
    // @ts-expect-error an object would print "[object Object]"
    html`${{ value: 'x' }}`
    // @ts-expect-error a SafeHtml is not a string: it goes into another html`` (or `.value` at the very end)
    const asString: string = html`x`
    expect(asString).toBeInstanceOf(SafeHtml)
  })
})
