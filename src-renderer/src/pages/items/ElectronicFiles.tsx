import { UploadOutlined } from '@ant-design/icons'
import { App, Button, Select, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ElectronicFile, FileRole, ViewedFile } from '@preload/contract'
import { ATTACH_BASE64_MAX, FILE_ROLES } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { LedgerModal, ReplaceFileModal } from './ElectronicLedger'
import { FileViewer } from './FileViewer'
import { toBase64 } from '@renderer/upload'
import { useSubmit } from '@renderer/useSubmit'
import { optionsOf } from '@renderer/labels'

/** The largest file the renderer sends in one call: base64 takes four characters for three bytes. */
const ATTACH_BYTES_MAX = (ATTACH_BASE64_MAX * 3) / 4

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** R-ELEC-1: an item's electronic files and scans with their fixity values, and attaching one. */
export function ElectronicFiles({ itemId, canWrite }: { itemId: number; canWrite: boolean }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { submit, fail, busy } = useSubmit()
  const [files, setFiles] = useState<ElectronicFile[]>([])
  const [role, setRole] = useState<FileRole>('scan')
  const [preview, setPreview] = useState<string | null>(null)
  const [viewing, setViewing] = useState<ViewedFile | null>(null)
  const [replacing, setReplacing] = useState<ElectronicFile | null>(null)
  const [ledgerOpen, setLedgerOpen] = useState(false)

  const load = useCallback(async () => {
    try {
      setFiles(await call('electronic.list', { itemId }))
    } catch (error) {
      fail(error)
    }
  }, [itemId, fail])

  useEffect(() => {
    void load()
  }, [load])

  const attach = (chosen: File) => {
    if (chosen.size > ATTACH_BYTES_MAX) {
      void message.error(t('errors.fileTooLarge', { limit: Math.floor(ATTACH_BYTES_MAX / 1_000_000) }))
      return
    }
    void submit(
      async () =>
        call('electronic.attach', {
          itemId,
          role,
          fileName: chosen.name,
          base64: toBase64(await chosen.arrayBuffer())
        }),
      {
        success: (result) => (result.duplicate ? 'electronic.duplicate' : 'electronic.attached'),
        successParams: () => ({ name: chosen.name }),
        onDone: load
      }
    )
  }

  return (
    <>
      <ElectronicFilesTable
        files={files}
        canWrite={canWrite}
        onView={(file) => void submit(() => call('electronic.view', { fileId: file.id }), { onDone: setViewing })}
        onReplace={setReplacing}
      />
      {canWrite && (
        <Space style={{ marginTop: 12 }}>
          <Typography.Text>{t('electronic.role')}</Typography.Text>
          <Select<FileRole>
            style={{ width: 130 }}
            value={role}
            onChange={setRole}
            options={optionsOf(t, FILE_ROLES, 'electronic.roles')}
          />
          <Upload
            showUploadList={false}
            beforeUpload={(chosen) => {
              attach(chosen)
              return false
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              {t('electronic.attach')}
            </Button>
          </Upload>
          {files.length > 0 && (
            <Button
              onClick={() =>
                void submit(() => call('print.electronicRegister', { itemIds: [itemId] }), {
                  onDone: (printed) => setPreview(printed.html)
                })
              }
            >
              {t('electronic.printRegister')}
            </Button>
          )}
          {files.length > 0 && <Button onClick={() => setLedgerOpen(true)}>{t('electronic.ledger.open')}</Button>}
        </Space>
      )}
      {!canWrite && files.some((file) => file.replacesId !== null) && (
        <Button style={{ marginTop: 12 }} onClick={() => setLedgerOpen(true)}>
          {t('electronic.ledger.open')}
        </Button>
      )}
      {replacing && <ReplaceFileModal file={replacing} onClose={() => setReplacing(null)} onDone={load} />}
      {ledgerOpen && <LedgerModal itemId={itemId} canPrint={canWrite} onClose={() => setLedgerOpen(false)} />}
      {preview && (
        <PrintPreview html={preview} title={t('electronic.printRegister')} onClose={() => setPreview(null)} />
      )}
      {viewing && <FileViewer file={viewing} onClose={() => setViewing(null)} />}
    </>
  )
}

/** The item's files with their fixity values, each marked once a newer version supersedes it. */
function ElectronicFilesTable({
  files,
  canWrite,
  onView,
  onReplace
}: {
  files: ElectronicFile[]
  canWrite: boolean
  onView(file: ElectronicFile): void
  onReplace(file: ElectronicFile): void
}) {
  const { t } = useTranslation()
  return (
    <Table<ElectronicFile>
      className="electronic-files"
      tableLayout="fixed"
      style={{ marginTop: 16 }}
      size="small"
      pagination={false}
      title={() => t('electronic.title')}
      rowKey="id"
      dataSource={files}
      locale={{ emptyText: t('electronic.empty') }}
      columns={[
        { title: t('electronic.columns.name'), dataIndex: 'originalName', ellipsis: true },
        {
          title: t('electronic.columns.role'),
          key: 'role',
          width: 72,
          render: (_v, row) => t(`electronic.roles.${row.role}`)
        },
        {
          title: t('electronic.columns.type'),
          key: 'type',
          width: 64,
          render: (_v, row) => t(`electronic.types.${row.type}`)
        },
        {
          title: t('electronic.columns.size'),
          key: 'size',
          width: 76,
          align: 'right',
          render: (_v, row) => formatBytes(row.size)
        },
        {
          title: t('electronic.columns.pages'),
          dataIndex: 'pages',
          width: 56,
          align: 'right',
          render: (pages) => pages ?? '—'
        },
        {
          title: t('electronic.columns.checksum'),
          key: 'sha256',
          width: 150,
          render: (_v, row) => (
            <Tooltip title={row.sha256}>
              <Typography.Text code copyable={{ text: row.sha256 }}>
                {row.sha256.slice(0, 12)}…
              </Typography.Text>
            </Tooltip>
          )
        },
        {
          title: t('electronic.columns.version'),
          key: 'version',
          width: 92,
          render: (_v, row) => (
            <Space size={4} wrap>
              {row.version}
              {row.supersededBy !== null && (
                <Tooltip
                  title={t('electronic.superseded', {
                    version: files.find((one) => one.id === row.supersededBy)?.version ?? row.version + 1
                  })}
                >
                  <Tag className="superseded">{t('electronic.supersededShort')}</Tag>
                </Tooltip>
              )}
            </Space>
          )
        },
        {
          title: t('electronic.columns.attached'),
          key: 'attached',
          width: 110,
          render: (_v, row) => `${row.attachedAt.slice(0, 10)} ${row.attachedBy}`
        },
        {
          title: t('common.actions'),
          key: 'view',
          width: canWrite ? 104 : 56,
          render: (_v, row) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => onView(row)}>
                {t('electronic.view')}
              </Button>
              {canWrite && row.supersededBy === null && (
                <Button type="link" size="small" onClick={() => onReplace(row)}>
                  {t('electronic.replace.open')}
                </Button>
              )}
            </Space>
          )
        }
      ]}
    />
  )
}
