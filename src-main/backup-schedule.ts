import type { App } from './app'
import { scheduledBackupDue } from './policy/backup'

const SYSTEM = { userId: null, username: 'system' }

/** R-SEC-2: the daily backup at the set time, checked every minute while the app runs. */
export function startBackupSchedule(app: App, log: (error: unknown) => void): () => void {
  const check = async () => {
    const status = await app.services.backup.status()
    if (status.settings.folder && scheduledBackupDue(status.settings.dailyAt, status.lastBackupAt, new Date())) {
      await app.services.backup.create(SYSTEM)
    }
  }
  const timer = setInterval(() => void check().catch(log), 60_000)
  return () => clearInterval(timer)
}
