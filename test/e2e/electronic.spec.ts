import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Page } from '@playwright/test'
import { expect, test } from './server'
import {
  ARCHIVE_MANAGER,
  ARCHIVIST,
  codedItem,
  createAccountQuickly,
  DEPARTMENT_HEAD,
  enterAllSignatures,
  rpc,
  setUpAdministrator,
  signIn,
  signOut,
  type Person
} from './steps'

test.use({ viewport: { width: 1366, height: 768 } })

const STAFF: Person = { username: 'zhangsan', name: '张三', password: 'Zhangsan-2024' }

/** A one-page PDF that Chromium's viewer opens: the cross-reference offsets are counted, not guessed. */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'
  ]
  let body = '%PDF-1.4\n'
  const offsets = objects.map((object, index) => {
    const offset = body.length
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
    return offset
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  let crc = 0xffffffff
  for (const byte of body) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const sum = Buffer.alloc(4)
  sum.writeUInt32BE((crc ^ 0xffffffff) >>> 0)
  return Buffer.concat([length, body, sum])
}

/** A grey page scan with bars where the lines of text would be, big enough to see under the watermark. */
function scanPng(width = 420, height = 594): Buffer {
  const rows = Array.from({ length: height }, (_, y) => {
    const row = Buffer.alloc(width + 1, 248)
    row[0] = 0
    const line = y > 60 && y < height - 60 && y % 24 < 8
    if (line) row.fill(120, 1 + 50, 1 + width - 50 - ((Math.floor(y / 24) * 37) % 90))
    return row
  })
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0))
  ])
}
const PNG = scanPng()

const shot = (page: Page, name: string) => page.screenshot({ path: path.join('test-results', name) })

test('R-ELEC-1/3/8: batch attach scans by code, a staff viewer sees one only after approval with their name over it, a damaged file becomes an incident', async ({
  page,
  server
}) => {
  await setUpAdministrator(page, server)
  await createAccountQuickly(page, ARCHIVIST, 'archivist')
  await createAccountQuickly(page, DEPARTMENT_HEAD, 'department_head', 'ZS')
  await createAccountQuickly(page, ARCHIVE_MANAGER, 'archive_manager')
  await createAccountQuickly(page, STAFF, 'staff_viewer', 'ZS')
  await signOut(page)
  await signIn(page, ARCHIVIST)
  // Registering records is records.spec.ts's story; this one is about their files.
  const contract = await codedItem(page, { title: '上海顺达物流有限公司仓储合同', pageCount: 6 })
  const letter = await codedItem(page, { title: '关于续签仓储合同的请示', pageCount: 2 })

  // R-ELEC-1: the scanner's folder, each file named by archival code (the letter's scan with a sequence number).
  await page.getByRole('menuitem', { name: '档案' }).click()
  await page.getByRole('button', { name: '批量挂接' }).click()
  const drawer = page.locator('.batch-attach')
  await drawer
    .locator('input[type=file]')
    .last()
    .setInputFiles([
      { name: `${contract.archivalCode}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf() },
      { name: `${letter.archivalCode}_001.png`, mimeType: 'image/png', buffer: PNG },
      { name: '扫描仪说明.png', mimeType: 'image/png', buffer: PNG }
    ])
  await expect(drawer.locator('.batch-counts')).toHaveText('共 3 个文件：已匹配 2，未匹配 1，有歧义 0')
  await expect(drawer.getByRole('row', { name: /扫描仪说明/ })).toContainText('未匹配')
  await expect(drawer.getByRole('row', { name: /_001\.png/ })).toContainText(`已匹配${letter.archivalCode}`)
  await shot(page, 'electronic-batch-plan.png')
  await drawer.getByRole('button', { name: '挂接已匹配的 2 个文件' }).click()
  await expect(drawer).toContainText('挂接完成：新挂接 2 个，已存在跳过 0 个，失败 0 个。')
  // Re-running the same folder attaches nothing twice.
  await drawer.getByRole('button', { name: '挂接已匹配的 2 个文件' }).click()
  await expect(drawer).toContainText('挂接完成：新挂接 0 个，已存在跳过 2 个，失败 0 个。')
  await drawer.locator('.ant-drawer-close').click()

  // R-ELEC-8: the staff viewer, at their own desk (a tab is a session of its own), may read the catalogue entry but
  // not the file until a consultation of theirs is approved.
  const desk = await page.context().newPage()
  await desk.goto(server.entryUrl)
  await signIn(desk, STAFF)
  await desk.getByRole('menuitem', { name: '档案' }).click()
  await desk.getByRole('button', { name: letter.title, exact: true }).click()
  const scan = desk.locator('.item-detail .electronic-files').getByRole('row', { name: /_001\.png/ })
  await scan.getByRole('button', { name: '查看' }).click()
  await expect(desk.getByText('查看该电子文件需要已批准、且在有效期内的查阅或借阅申请。').last()).toBeVisible()
  await expect(desk.locator('.file-viewer')).toHaveCount(0)

  // The request itself is use.spec.ts's story; here the archivist enters and signs it through the RPC the pages use.
  const staff = (await rpc(page, 'use.applicants', {})).find((person) => person.displayName === STAFF.name)!
  const today = new Date().toLocaleDateString('sv')
  const request = await rpc(page, 'use.create', {
    kind: 'consultation',
    applicantKind: 'internal',
    applicantUserId: staff.id,
    applicantName: STAFF.name,
    departmentCode: 'ZS',
    purpose: '核对续签请示',
    reason: '续签前核对',
    records: [{ subject: 'item', id: letter.id }],
    startOn: today,
    dueOn: today
  })
  expect((await enterAllSignatures(page, request, today)).status).toBe('approved')

  await scan.getByRole('button', { name: '查看' }).click()
  const viewer = desk.locator('.file-viewer')
  await expect(viewer.locator('img')).toBeVisible()
  await expect(viewer.locator('.watermark span').first()).toContainText(`${STAFF.name} ${today}`)
  // The pictures wait for the refusal's notice to go and the viewer to finish opening.
  await expect(desk.locator('.ant-message-notice')).toHaveCount(0)
  await expect(viewer.locator('.ant-modal')).not.toHaveClass(/ant-zoom/)
  await shot(desk, 'electronic-viewer.png')
  // The README's picture of the viewer.
  await desk.screenshot({ path: path.join('docs', 'screenshots', 'electronic-viewer-zh.png') })
  await desk.close()

  // R-ELEC-3: a stored scan altered on disk is found by the machine check and opens an incident on its record.
  const stored = path.join(server.dataDir, 'files', 'sha256')
  const sha = createHash('sha256').update(PNG).digest('hex')
  const damaged = path.join(stored, sha.slice(0, 2), sha)
  fs.chmodSync(damaged, 0o644)
  fs.appendFileSync(damaged, 'x')
  await page.getByRole('button', { name: '机读检查' }).click()
  const check = page.locator('.fixity-check')
  await check.getByRole('button', { name: '检查全部文件' }).click()
  await expect(check.locator('.fixity-progress')).toHaveText('已检查 2 / 2，校验值不符 1，缺失 0')
  await check.locator('.ant-modal-close').click()
  await page.getByRole('button', { name: letter.title, exact: true }).click()
  await expect(page.locator('.item-detail')).toContainText(`机读检查：电子文件“${letter.archivalCode}_001.png”`)
  await shot(page, 'electronic-incident.png')

  // R-ELEC-4: the damaged scan is scanned again; the old version stays, marked, and the 修改台帐 says who and why.
  const files = page.locator('.item-detail .electronic-files')
  await files
    .getByRole('row', { name: /_001\.png/ })
    .getByRole('button', { name: '替换' })
    .click()
  const replace = page.locator('.replace-file')
  await replace.locator('input[type=file]').setInputFiles({
    name: `${letter.archivalCode}_001.png`,
    mimeType: 'image/png',
    buffer: scanPng(420, 600)
  })
  await replace.getByLabel('修改原因').fill('原扫描件校验值不符，重新扫描')
  await page
    .getByRole('dialog', { name: /替换电子文件/ })
    .getByRole('button', { name: '保存' })
    .click()
  await expect(files.locator('.superseded')).toHaveCount(1)
  await page.getByRole('button', { name: '修改台帐' }).click()
  const ledger = page.locator('.ledger')
  await expect(ledger).toContainText('原扫描件校验值不符，重新扫描')
  await expect(ledger).toContainText(sha)
  await expect(ledger).toContainText('第 1 版 → 第 2 版')
  await expect(page.locator('.ant-message-notice')).toHaveCount(0)
  await shot(page, 'electronic-ledger.png')
})
