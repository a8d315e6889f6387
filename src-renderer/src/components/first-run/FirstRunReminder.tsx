import { Alert, Button, Modal } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '@renderer/api/client'
import { useRemote } from '@renderer/useRemote'
import { FirstRunWizard } from './FirstRunWizard'

/**
 * Issue 13: while the first-run setup is incomplete (the covers would still print 本公司, or backups have nowhere to
 * go), the administrator sees what is missing and can resume the wizard; `always` keeps the button when complete.
 */
export function FirstRunReminder({ always = false }: { always?: boolean }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const { data: setup, reload } = useRemote(useCallback(() => call('setup.get', {}), []))
  if (!setup || (setup.missing.length === 0 && !always)) return null
  const missing = setup.missing.map((gap) => t(`firstRun.gaps.${gap}`)).join(t('common.listSeparator'))
  const close = () => {
    setOpen(false)
    void reload()
  }
  return (
    <>
      <Alert
        type={setup.missing.length > 0 ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 16 }}
        message={setup.missing.length > 0 ? t('firstRun.incomplete', { missing }) : t('firstRun.complete')}
        action={<Button onClick={() => setOpen(true)}>{t('firstRun.resume')}</Button>}
      />
      <Modal open={open} title={t('firstRun.title')} footer={null} width={720} onCancel={close} destroyOnHidden>
        <FirstRunWizard onClose={close} />
      </Modal>
    </>
  )
}
