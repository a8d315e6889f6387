import { UploadOutlined } from '@ant-design/icons'
import { App, Button, Form, Input, Modal, Table, Typography, Upload } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ElectronicFile, LedgerEntry } from '@preload/contract'
import { ATTACH_BASE64_MAX } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { FormModal } from '@renderer/components/FormModal'
import { PrintPreview } from '@renderer/components/PrintPreview'
import { formatDateTime } from '@renderer/errors'
import { toBase64 } from '@renderer/upload'
import { useForm, useRequired } from '@renderer/useForm'
import { useSubmit } from '@renderer/useSubmit'

/** The largest file the renderer sends in one call: base64 takes four characters for three bytes. */
const ATTACH_BYTES_MAX = (ATTACH_BASE64_MAX * 3) / 4

interface ReplaceValues {
  reason: string
}

/**
 * R-ELEC-4: a new version of a stored file, with the reason in words. Main keeps the old version beside it and
 * enters the change in the 修改台帐; nothing here overwrites anything.
 */
export function ReplaceFileModal({ file, onClose, onDone }: { file: ElectronicFile; onClose(): void; onDone(): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { submit, busy } = useSubmit()
  const [form] = useForm<ReplaceValues>()
  const required = useRequired()
  const [chosen, setChosen] = useState<File | null>(null)

  const save = ({ reason }: ReplaceValues) => {
    if (!chosen) {
      void message.error(t('validation.required'))
      return
    }
    void submit(
      async () =>
        call('electronic.replace', {
          fileId: file.id,
          fileName: chosen.name,
          base64: toBase64(await chosen.arrayBuffer()),
          reason
        }),
      {
        form,
        success: 'electronic.replace.done',
        successParams: (result) => ({ name: result.file.originalName, version: result.file.version }),
        close: onClose,
        onDone
      }
    )
  }

  return (
    <FormModal
      open
      form={form}
      values={{ reason: '' }}
      busy={busy}
      onClose={onClose}
      title={t('electronic.replace.title', { name: file.originalName })}
      width={560}
      className="replace-file"
      onFinish={save}
      extra={
        <Typography.Paragraph type="secondary">
          {t('electronic.replace.hint', { version: file.version + 1 })}
        </Typography.Paragraph>
      }
    >
      <Form.Item label={t('electronic.replace.file')} required>
        <Upload
          maxCount={1}
          showUploadList={false}
          beforeUpload={(picked) => {
            if (picked.size > ATTACH_BYTES_MAX)
              void message.error(t('errors.fileTooLarge', { limit: Math.floor(ATTACH_BYTES_MAX / 1_000_000) }))
            else setChosen(picked)
            return false
          }}
        >
          <Button icon={<UploadOutlined />}>{chosen?.name ?? t('electronic.chooseFile')}</Button>
        </Upload>
      </Form.Item>
      <Form.Item name="reason" label={t('electronic.replace.reason')} rules={required}>
        <Input.TextArea rows={3} maxLength={500} placeholder={t('electronic.replace.reasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  )
}

/** R-ELEC-4: the item's 修改台帐 on screen, and printed for signing by those who may print it. */
export function LedgerModal({ itemId, canPrint, onClose }: { itemId: number; canPrint: boolean; onClose(): void }) {
  const { t } = useTranslation()
  const { submit, fail, busy } = useSubmit()
  const [entries, setEntries] = useState<LedgerEntry[] | null>(null)
  const [preview, setPreview] = useState<string | null>(null)

  useEffect(() => {
    call('electronic.ledger', { itemId }).then(setEntries, fail)
  }, [itemId, fail])

  return (
    <Modal
      open
      width={1100}
      footer={null}
      title={t('electronic.ledger.title')}
      onCancel={onClose}
      rootClassName="ledger"
    >
      <Table<LedgerEntry>
        size="small"
        tableLayout="fixed"
        pagination={false}
        rowKey="id"
        loading={entries === null}
        dataSource={entries ?? []}
        locale={{ emptyText: t('electronic.ledger.empty') }}
        columns={[
          {
            title: t('electronic.ledger.columns.changedAt'),
            key: 'changedAt',
            width: 140,
            render: (_v, row) => formatDateTime(row.changedAt)
          },
          { title: t('electronic.ledger.columns.changedBy'), dataIndex: 'changedBy', width: 90, ellipsis: true },
          {
            title: t('electronic.ledger.columns.file'),
            key: 'file',
            width: 220,
            render: (_v, row) => (
              <>
                <div>
                  {row.oldName} → {row.newName}
                </div>
                <Typography.Text type="secondary">
                  {t('electronic.ledger.versions', { old: row.oldVersion, new: row.newVersion })}
                </Typography.Text>
              </>
            )
          },
          { title: t('electronic.ledger.columns.reason'), dataIndex: 'reason' },
          {
            title: t('electronic.ledger.columns.checksums'),
            key: 'checksums',
            width: 290,
            render: (_v, row) => (
              <div className="ledger-checksums">
                {[
                  ['old', row.oldSha256],
                  ['new', row.newSha256]
                ].map(([which, sha256]) => (
                  <div key={which}>
                    <Typography.Text type="secondary">{t(`electronic.ledger.${which}`)}</Typography.Text>{' '}
                    <Typography.Text code style={{ wordBreak: 'break-all' }}>
                      {sha256}
                    </Typography.Text>
                  </div>
                ))}
              </div>
            )
          }
        ]}
      />
      {canPrint && (
        <Button
          style={{ marginTop: 12 }}
          loading={busy}
          onClick={() =>
            void submit(() => call('print.electronicLedger', { itemId }), {
              onDone: (printed) => setPreview(printed.html)
            })
          }
        >
          {t('electronic.ledger.print')}
        </Button>
      )}
      {preview && <PrintPreview html={preview} title={t('electronic.ledger.title')} onClose={() => setPreview(null)} />}
    </Modal>
  )
}
