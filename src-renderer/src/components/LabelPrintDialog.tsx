import { TagsOutlined } from '@ant-design/icons'
import { Button, Form, InputNumber, Modal, Radio, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput } from '@preload/contract'
import { call } from '../api/client'
import { useSubmit } from '../useSubmit'
import { PrintPreview } from './PrintPreview'

type Layout = ChannelInput<'print.labels'>['layout']
type Subject = ChannelInput<'print.labels'>['subject']

interface LayoutValues {
  kind: Layout['kind']
  columns: number
  rows: number
  start: number
  widthMm: number
  heightMm: number
}

const DEFAULTS: LayoutValues = { kind: 'sheet', columns: 2, rows: 5, start: 1, widthMm: 60, heightMm: 40 }
const STORAGE_KEY = 'archive-room.label-layout'

/** The layout last used on this PC: label sheets and label printers stay the same from one print to the next. */
function rememberedLayout(): LayoutValues {
  try {
    return {
      ...DEFAULTS,
      ...(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<LayoutValues>),
      start: 1
    }
  } catch {
    return DEFAULTS
  }
}

function layoutOf(values: LayoutValues): Layout {
  return values.kind === 'sheet'
    ? { kind: 'sheet', columns: values.columns, rows: values.rows, start: values.start }
    : { kind: 'roll', widthMm: values.widthMm, heightMm: values.heightMm }
}

/** 打印标签: chooses A4 label sheets (columns × rows, first free label) or a label printer's size, then previews. */
export function LabelPrintDialog({ subject, ids, onClose }: { subject: Subject; ids: number[]; onClose(): void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<LayoutValues>()
  const { submit, busy } = useSubmit()
  const [preview, setPreview] = useState<string | null>(null)
  const kind = Form.useWatch('kind', form) ?? rememberedLayout().kind
  const columns = Form.useWatch('columns', form) ?? DEFAULTS.columns
  const rows = Form.useWatch('rows', form) ?? DEFAULTS.rows

  const print = (values: LayoutValues) =>
    submit(() => call('print.labels', { subject, ids, layout: layoutOf(values) }), {
      form,
      onDone: ({ html }) => {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(values))
        setPreview(html)
      }
    })

  if (preview !== null) {
    return <PrintPreview html={preview} title={t('labels.title', { count: ids.length })} onClose={onClose} />
  }
  return (
    <Modal
      open
      title={
        <Space>
          <TagsOutlined />
          {t('labels.title', { count: ids.length })}
        </Space>
      }
      okText={t('print.preview')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" initialValues={rememberedLayout()} onFinish={(values) => void print(values)}>
        <Form.Item name="kind" label={t('labels.layout')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'sheet', label: t('labels.sheet') },
              { value: 'roll', label: t('labels.roll') }
            ]}
          />
        </Form.Item>
        {kind === 'sheet' ? (
          <Space size="large" wrap>
            <SizeField name="columns" min={1} max={4} />
            <SizeField name="rows" min={1} max={12} />
            <SizeField name="start" min={1} max={columns * rows} tooltip={t('labels.startHint')} />
          </Space>
        ) : (
          <Space size="large" wrap>
            <SizeField name="widthMm" min={30} max={120} />
            <SizeField name="heightMm" min={20} max={100} />
          </Space>
        )}
        <Typography.Paragraph type="secondary">{t('labels.hint')}</Typography.Paragraph>
      </Form>
    </Modal>
  )
}

/**
 * Ticking rows for labels: the table's row selection (kept across pages), the 打印标签 button with the count, and
 * the dialog. Rows that cannot carry a label yet (an item without its archival code) cannot be ticked.
 */
export function useLabelPrinting<Row extends { id: number }>(subject: Subject, printable: (row: Row) => boolean) {
  const { t } = useTranslation()
  const [selected, setSelected] = useState<number[]>([])
  const [open, setOpen] = useState(false)
  return {
    rowSelection: {
      selectedRowKeys: selected,
      preserveSelectedRowKeys: true,
      onChange: (keys: React.Key[]) => setSelected(keys.map(Number)),
      getCheckboxProps: (row: Row) => ({ disabled: !printable(row) })
    },
    labelButton: (
      <Button
        icon={<TagsOutlined />}
        disabled={selected.length === 0}
        title={selected.length === 0 ? t('labels.selectFirst') : undefined}
        onClick={() => setOpen(true)}
      >
        {selected.length === 0 ? t('labels.print') : `${t('labels.print')} (${selected.length})`}
      </Button>
    ),
    labelDialog: open && <LabelPrintDialog subject={subject} ids={selected} onClose={() => setOpen(false)} />
  }
}

/** One whole number of the layout, within the bounds the labels allow. */
function SizeField({
  name,
  min,
  max,
  tooltip
}: {
  name: Exclude<keyof LayoutValues, 'kind'>
  min: number
  max: number
  tooltip?: string
}) {
  const { t } = useTranslation()
  return (
    <Form.Item name={name} label={t(`labels.${name}`)} tooltip={tooltip} rules={[{ required: true }]}>
      <InputNumber min={min} max={max} precision={0} />
    </Form.Item>
  )
}
