import { scanPayload } from '../../src-preload/scan'
import { html, type SafeHtml } from './html'

/** The two symbols every label carries: Code 128 for the USB scanner at the counter, QR for a phone. */
export interface Barcodes {
  linear: SafeHtml
  matrix: SafeHtml
}

export type BarcodeRenderer = (code: string) => Barcodes

type Bwip = typeof import('bwip-js/node')

let bwip: Promise<Bwip> | null = null

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
  return (code) => {
    const text = scanPayload(code)
    return {
      linear: svgImage(
        generator.toSVG({ bcid: 'code128', text, height: 10, includetext: false }),
        text,
        'barcode-linear'
      ),
      matrix: svgImage(generator.toSVG({ bcid: 'qrcode', text }), text, 'barcode-matrix')
    }
  }
}
