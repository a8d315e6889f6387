import { Tag, Tooltip } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** A rule id as a small tag after the sentence it backs; pointing at it shows the rule itself in words. */
export function RuleTag({ ruleId }: { ruleId: string }) {
  const { t, i18n } = useTranslation()
  const sentence = `rules.${ruleId}`
  return (
    <Tooltip title={i18n.exists(sentence) ? t(sentence) : undefined}>
      <Tag
        bordered={false}
        className="rule-tag"
        style={{ marginInline: '6px 0', paddingInline: 4, fontSize: 11, lineHeight: '16px', verticalAlign: 'baseline' }}
      >
        {ruleId}
      </Tag>
    </Tooltip>
  )
}

/** A reason people read, and the rule it rests on as a tag. */
export function WithRule({ text, ruleId }: { text: ReactNode; ruleId?: string | null }) {
  return (
    <>
      {text}
      {ruleId ? <RuleTag ruleId={ruleId} /> : null}
    </>
  )
}
