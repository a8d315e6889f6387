import { scanPayload } from '@preload/scan'
import { html, type SafeHtml } from './html'

/** The two symbols every label carries: Code 128 for the USB scanner at the counter, QR for a phone. */
export interface Barcodes {
  linear: SafeHtml
  matrix: SafeHtml
}

export type BarcodeRenderer = (code: string) => Barcodes

type Bwip = typeof import('bwip-js/node')

let bwip: Promise<Bwip> | null = null

/** Printable ASCII, as long as a label's width can carry at a scannable module width. */
const SCANNABLE = /^[\x20-\x7e]{1,40}$/

// No quiet zone in the symbols: the label's 3 mm white edge is wider than the ten modules Code 128 asks for.
function svgImage(svg: string, alt: string, className: string): SafeHtml {
  // An <img> with a data: address: the generated SVG never enters the document's markup.
  const source = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`
  return html`<img class="${className}" src="${source}" alt="${alt}">`
}

/**
 * Loads the barcode generator when the first label is printed (it takes a fifth of a second to load, which start-up
 * should not pay) and returns a renderer that works synchronously from then on.
 */
export async function barcodeRenderer(): Promise<BarcodeRenderer> {
  bwip ??= import('bwip-js/node')
  const generator = await bwip
  const symbol = (options: Parameters<Bwip['toSVG']>[0], className: string): SafeHtml => {
    try {
      return svgImage(generator.toSVG(options), options.text, className)
    } catch {
      return html``
    }
  }
  return (code) => {
    const text = scanPayload(code)
    return {
      // Code 128 only for what a keyboard-wedge scanner types back unchanged: a code imported from an old catalogue
      // may hold Chinese or be very long, and then only the QR code (UTF-8) carries it.
      linear: SCANNABLE.test(text)
        ? symbol({ bcid: 'code128', text, height: 10, includetext: false }, 'barcode-linear')
        : html``,
      matrix: symbol({ bcid: 'qrcode', text }, 'barcode-matrix')
    }
  }
}
