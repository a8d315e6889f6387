import { Alert, Descriptions, Space, Tag } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilingSettings, Item, RecordDisposal } from '@preload/contract'
import { ITEM_STATUS_COLORS } from '@renderer/tagColors'
import { nameOfCode } from '@renderer/useFilingSettings'
import { WithRule } from '@renderer/components/RuleTag'

/** Where the item stands: status, custody, destruction or expiry (R-DISP), holds, and the action it awaits. */
export function ItemStatusBar({
  item,
  disposal,
  children
}: {
  item: Item
  disposal: RecordDisposal | null
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Space style={{ marginBottom: 16 }}>
      <Tag color={ITEM_STATUS_COLORS[item.status]}>{t(`itemStatuses.${item.status}`)}</Tag>
      {item.custody !== 'in_store' && (
        <Tag color={item.custody === 'destroyed' ? 'red' : 'orange'}>{t(`custody.${item.custody}`)}</Tag>
      )}
      {disposal?.register && (
        <Tag color="red">
          {t('disposal.destroyedNotice', {
            date: disposal.register.destroyedOn,
            register: String(disposal.register.registerId).padStart(4, '0'),
            line: disposal.register.lineNo
          })}
        </Tag>
      )}
      {item.archivalCode && disposal && !disposal.register && (
        <Tag>{disposal.expiresOn ? t('disposal.expiry', { date: disposal.expiresOn }) : t('disposal.permanent')}</Tag>
      )}
      {disposal?.holds.map((name) => (
        <Tag key={name} color="purple">
          {t('disposal.holdTag', { name })}
        </Tag>
      ))}
      {children}
    </Space>
  )
}

/** The filing year with the rule it follows, and every described field of the item. */
export function ItemFacts({ item, settings }: { item: Item; settings: FilingSettings | null }) {
  const { t } = useTranslation()
  const or = (value: string) => value || '—'
  const facts: [string, ReactNode][] = [
    ['items.fields.archivalCode', item.archivalCode ?? '—'],
    ['items.volume', item.volumeCode ?? '—'],
    ['items.fields.responsibleParty', item.responsibleParty],
    ['items.fields.documentNumber', or(item.documentNumber)],
    ['items.fields.dateFormed', item.dateFormed],
    ['items.fields.pageCount', item.pageCount],
    ['items.fields.categoryCode', nameOfCode(settings?.categories, item.categoryCode)],
    ['items.fields.retentionCode', nameOfCode(settings?.retentionPeriods, item.retentionCode)],
    ['items.fields.classification', t(`classifications.${item.classification}`)],
    ['items.fields.openStatus', t(`openStatuses.${item.openStatus}`)],
    ['items.fields.documentKind', t(`documentKinds.${item.documentKind}`)],
    ['items.pages', item.startPage ? `${item.startPage}–${item.endPage}` : '—'],
    ['items.fields.customerId', item.customerName ?? '—'],
    ['items.fields.customerDocType', item.customerDocType ? t(`customerDocTypes.${item.customerDocType}`) : '—'],
    ['items.fields.sealedOriginal', item.sealedOriginal ? t('common.yes') : t('common.no')],
    ['items.fields.departmentCopyNote', or(item.departmentCopyNote)]
  ]
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={
          <WithRule
            text={`${t('items.filingYear', { year: item.year })} — ${t(item.yearReason.reason, item.yearReason.params)}`}
            ruleId={item.yearReason.ruleId}
          />
        }
      />
      <Descriptions bordered size="small" column={2}>
        {facts.map(([label, value]) => (
          <Descriptions.Item key={label} label={t(label)}>
            {value}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('items.fields.remarks')} span={2}>
          {or(item.remarks)}
        </Descriptions.Item>
      </Descriptions>
    </>
  )
}
