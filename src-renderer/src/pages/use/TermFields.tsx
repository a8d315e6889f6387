import { Checkbox, DatePicker, Form, InputNumber, Radio, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { UseKind } from '@preload/contract'
import { EXCERPT_ANSWERS } from '@preload/vocabulary'
import { ISO } from './useLabels'
import { optionsOf } from '@renderer/labels'

type ExcerptAnswer = (typeof EXCERPT_ANSWERS)[number]

/** When and how much: the day it starts, a loan's due day and place, copies; a loan asks whether an excerpt would do (R-USE-3). */
export function TermFields({ kind, onExcerptAnswer }: { kind: UseKind; onExcerptAnswer(answer: ExcerptAnswer): void }) {
  const { t } = useTranslation()
  return (
    <>
      <Space wrap align="start">
        <Form.Item
          name="startOn"
          label={t(kind === 'consultation' ? 'use.fields.readOn' : 'use.fields.startOn')}
          required
        >
          <DatePicker format={ISO} />
        </Form.Item>
        {kind === 'loan' && (
          <Form.Item name="dueOn" label={t('use.fields.dueOn')} required>
            <DatePicker format={ISO} />
          </Form.Item>
        )}
        {kind !== 'consultation' && (
          <Form.Item name="copies" label={t('use.fields.copies')}>
            <InputNumber min={1} max={100} precision={0} />
          </Form.Item>
        )}
      </Space>
      {kind === 'loan' && (
        <>
          <Form.Item name="offSite" valuePropName="checked">
            <Checkbox>{t('use.fields.offSite')}</Checkbox>
          </Form.Item>
          <Form.Item name="excerptAnswer" label={t('use.form.excerptQuestion')} required>
            <Radio.Group
              onChange={(event) => onExcerptAnswer(event.target.value)}
              options={optionsOf(t, EXCERPT_ANSWERS, 'use.excerptAnswers')}
            />
          </Form.Item>
        </>
      )}
    </>
  )
}
