import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
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

/** A 1×1 grey PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
  'base64'
)

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

  // R-ELEC-8: the staff viewer may read the catalogue, not the file, until a consultation of theirs is approved.
  await signOut(page)
  await signIn(page, STAFF)
  await page.getByRole('menuitem', { name: '档案' }).click()
  await page.getByRole('button', { name: letter.title, exact: true }).click()
  const files = page.locator('.item-detail .electronic-files')
  await files
    .getByRole('row', { name: /_001\.png/ })
    .getByRole('button', { name: '查看' })
    .click()
  await expect(page.getByText('查看该电子文件需要已批准、且在有效期内的查阅或借阅申请。').last()).toBeVisible()
  await expect(page.locator('.file-viewer')).toHaveCount(0)
  await signOut(page)

  // The request itself is use.spec.ts's story; here it is entered and signed through the RPC the pages use.
  await signIn(page, ARCHIVIST)
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
  await signOut(page)

  await signIn(page, STAFF)
  await page.getByRole('menuitem', { name: '档案' }).click()
  await page.getByRole('button', { name: letter.title, exact: true }).click()
  await files
    .getByRole('row', { name: /_001\.png/ })
    .getByRole('button', { name: '查看' })
    .click()
  const viewer = page.locator('.file-viewer')
  await expect(viewer.locator('img')).toBeVisible()
  await expect(viewer.locator('.watermark span').first()).toContainText(`${STAFF.name} ${today}`)
  await shot(page, 'electronic-viewer.png')
  // The README's picture of the viewer.
  await page.screenshot({ path: path.join('docs', 'screenshots', 'electronic-viewer-zh.png') })
  await viewer.locator('.ant-modal-close').click()
  await signOut(page)

  // R-ELEC-3: a stored scan altered on disk is found by the machine check and opens an incident on its record.
  const stored = path.join(server.dataDir, 'files', 'sha256')
  const sha = createHash('sha256').update(PNG).digest('hex')
  const damaged = path.join(stored, sha.slice(0, 2), sha)
  fs.chmodSync(damaged, 0o644)
  fs.appendFileSync(damaged, 'x')
  await signIn(page, ARCHIVIST)
  await page.getByRole('menuitem', { name: '档案' }).click()
  await page.getByRole('button', { name: '机读检查' }).click()
  const check = page.locator('.fixity-check')
  await check.getByRole('button', { name: '检查全部文件' }).click()
  await expect(check.locator('.fixity-progress')).toHaveText('已检查 2 / 2，校验值不符 1，缺失 0')
  await check.locator('.ant-modal-close').click()
  await page.getByRole('button', { name: letter.title, exact: true }).click()
  await expect(page.locator('.item-detail')).toContainText(`机读检查：电子文件“${letter.archivalCode}_001.png”`)
  await shot(page, 'electronic-incident.png')
})
