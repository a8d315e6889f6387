import { Alert, Space, Tag } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldMark } from '@preload/contract'
import { CONSENT_FIELDS } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { useRemote } from '@renderer/useRemote'

export const MARK_COLORS: Record<FieldMark, string> = { required: 'blue', optional: 'default', refused: 'red' }

/** S107, S110: which pieces of information the purpose needs, which are optional and which the customer refused. */
export function ConsentMarks({ customerId }: { customerId: number }) {
  const { t } = useTranslation()
  const { data } = useRemote(useCallback(() => call('customerPrivacy.consents', { customerId }), [customerId]))
  if (!data) return null
  return (
    <Alert
      className="consent-marks"
      type="info"
      style={{ marginBottom: 16 }}
      message={t('customerPrivacy.consent.fieldMarks')}
      description={
        <Space size={[4, 4]} wrap>
          {CONSENT_FIELDS.map((field) => (
            <Tag key={field} color={MARK_COLORS[data.marks[field]]}>
              {t(`customerPrivacy.fields.${field}`)}：{t(`customerPrivacy.marks.${data.marks[field]}`)}
            </Tag>
          ))}
        </Space>
      }
    />
  )
}
