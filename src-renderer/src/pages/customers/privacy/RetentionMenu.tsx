import { DownOutlined } from '@ant-design/icons'
import { App, Button, Dropdown } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RetentionPurge } from '@preload/contract'
import { RETENTION_CLASSES } from '@preload/vocabulary'
import { call } from '@renderer/api/client'
import { WithRule } from '@renderer/components/RuleTag'
import { useSubmit } from '@renderer/useSubmit'

/**
 * The archive manager's two end-of-life steps for the whole register, in one menu, each counted by a dry run first and done only
 * once confirmed: S143 the move of customers without contact to the inactive archive, S139/S141 the erasure of the
 * information whose retention has run out. Main audits each customer it touches.
 */
export function RetentionMenu({ onDone }: { onDone(): void }) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const { submit, fail } = useSubmit()
  const [counting, setCounting] = useState<'archive' | 'purge' | null>(null)

  const archive = async () => {
    setCounting('archive')
    try {
      const [{ archived }, settings] = await Promise.all([
        call('customerPrivacy.archiveInactive', { dryRun: true }),
        call('customerPrivacy.settings', {})
      ])
      const months = settings.data.inactiveMonths
      if (archived === 0) return void message.info(t('customerPrivacy.retention.archiveNone', { months }))
      modal.confirm({
        title: <WithRule text={t('customerPrivacy.retention.archive')} ruleId="S143" />,
        content: t('customerPrivacy.retention.archiveCount', { count: archived, months }),
        okText: t('customerPrivacy.retention.archive'),
        cancelText: t('common.cancel'),
        onOk: () =>
          submit(() => call('customerPrivacy.archiveInactive', {}), {
            success: 'customerPrivacy.retention.archived',
            successParams: (result) => ({ count: result.archived }),
            onDone
          })
      })
    } catch (error) {
      fail(error)
    } finally {
      setCounting(null)
    }
  }

  const classesOf = (purge: RetentionPurge) =>
    RETENTION_CLASSES.filter((name) => purge.classes[name] > 0)
      .map((name) => `${t(`customerPrivacy.retention.classes.${name}`)} ${purge.classes[name]}`)
      .join('、')

  const purge = async () => {
    setCounting('purge')
    try {
      const counted = await call('customerPrivacy.purgeExpired', { dryRun: true })
      if (counted.customers === 0) return void message.info(t('customerPrivacy.retention.purgeNone'))
      modal.confirm({
        title: <WithRule text={t('customerPrivacy.retention.purge')} ruleId="S139" />,
        content: t('customerPrivacy.retention.purgeCount', {
          customers: counted.customers,
          classes: classesOf(counted)
        }),
        okText: t('customerPrivacy.retention.purge'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () =>
          submit(() => call('customerPrivacy.purgeExpired', {}), {
            success: 'customerPrivacy.retention.purged',
            successParams: (result) => ({ customers: result.customers }),
            onDone
          })
      })
    } catch (error) {
      fail(error)
    } finally {
      setCounting(null)
    }
  }

  // One menu, so the customers page's toolbar keeps to one line at 1366 pixels.
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'archive', label: t('customerPrivacy.retention.archive') },
          { key: 'purge', label: t('customerPrivacy.retention.purge'), danger: true }
        ],
        onClick: ({ key }) => void (key === 'archive' ? archive() : purge())
      }}
    >
      <Button loading={counting !== null}>
        {t('customerPrivacy.retention.menu')} <DownOutlined />
      </Button>
    </Dropdown>
  )
}
