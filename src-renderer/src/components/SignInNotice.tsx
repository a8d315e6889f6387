import { Alert, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '@preload/contract'

const minute = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm')

/**
 * R-ROLE-7: the person's sign-in before this one, in the header for the whole session, so that a sign-in they did not
 * make (someone using a password the administrator reset) is noticed.
 */
export function LastSignIn({ session }: { session: Pick<SessionInfo, 'lastSignInAt'> }) {
  const { t } = useTranslation()
  return (
    <Typography.Text type="secondary" data-testid="last-sign-in">
      {session.lastSignInAt === null ? t('signIn.first') : t('signIn.last', { at: minute(session.lastSignInAt) })}
    </Typography.Text>
  )
}

/** R-ROLE-7: a reset of the password since that sign-in, with who did it, for whoever signs in with it. */
export function PasswordResetNotice({ session }: { session: Pick<SessionInfo, 'passwordReset'> }) {
  const { t } = useTranslation()
  if (session.passwordReset === null) return null
  const { at, by } = session.passwordReset
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="password-reset-notice"
      message={t('signIn.reset', { at: minute(at), by })}
      style={{ marginBottom: 16 }}
    />
  )
}
