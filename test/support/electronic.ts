/** Small but real-looking electronic files for the R-ELEC tests and the bench: their first bytes and structure count. */
import zlib from 'node:zlib'

export function pdfBytes(pages: number, padding = 0): Buffer {
  const objects = Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n`)
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count ${pages} >> endobj\n` +
      objects.join('') +
      `%${'x'.repeat(padding)}\n%%EOF\n`,
    'latin1'
  )
}

export function jpegBytes(seed: string, padding = 64): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
    Buffer.from(seed),
    Buffer.alloc(padding, 0x20),
    Buffer.from([0xff, 0xd9])
  ])
}

export function pngBytes(seed: string): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(seed)])
}

/** A little-endian TIFF whose image directories chain `pages` times (each with no entries). */
export function tiffBytes(pages: number): Buffer {
  const header = Buffer.alloc(8)
  header.write('II', 0, 'latin1')
  header.writeUInt16LE(42, 2)
  header.writeUInt32LE(8, 4)
  const directories = Array.from({ length: pages }, (_, i) => {
    const directory = Buffer.alloc(6)
    directory.writeUInt16LE(0, 0)
    directory.writeUInt32LE(i === pages - 1 ? 0 : 8 + (i + 1) * 6, 2)
    return directory
  })
  return Buffer.concat([header, ...directories])
}

/** A PNG that a browser really decodes: `width`×`height` pixels of one RGB colour, for prints of a viewed image. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())])
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0))
  ])
}
