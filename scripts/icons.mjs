#!/usr/bin/env node
// Draws resources/icon.png and resources/icon.ico from resources/icon.svg in Debian's Chromium.
// The ICO holds PNG images (allowed since Windows Vista), one per size the Windows shell asks for.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources')
const svg = fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8')
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
const page = await browser.newPage()

async function render(size) {
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(
    `<body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`
  )
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
}

fs.writeFileSync(path.join(resources, 'icon.png'), await render(512))

const images = []
for (const size of ICO_SIZES) images.push({ size, png: await render(size) })
await browser.close()

const header = Buffer.alloc(6 + 16 * images.length)
header.writeUInt16LE(0, 0)
header.writeUInt16LE(1, 2)
header.writeUInt16LE(images.length, 4)
let offset = header.length
images.forEach(({ size, png }, index) => {
  const entry = 6 + 16 * index
  header.writeUInt8(size >= 256 ? 0 : size, entry)
  header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
  header.writeUInt16LE(1, entry + 4)
  header.writeUInt16LE(32, entry + 6)
  header.writeUInt32LE(png.length, entry + 8)
  header.writeUInt32LE(offset, entry + 12)
  offset += png.length
})
fs.writeFileSync(path.join(resources, 'icon.ico'), Buffer.concat([header, ...images.map(({ png }) => png)]))
console.log(`resources/icon.png (512 px) and resources/icon.ico (${ICO_SIZES.join(', ')} px) written`)
