/**
 * R-SEC-2: a reminder is due when the last backup is older than the set number of days. Before the first backup the
 * days count from the installation (the administrator's account), so a fresh install does not claim a week without a
 * backup; with neither there is nothing to remind of.
 */
export function backupDue(
  lastBackupAt: string | null,
  installedAt: string | null,
  now: Date,
  reminderDays: number
): boolean {
  const since = lastBackupAt ?? installedAt
  if (since === null) return false
  return now.getTime() - new Date(since).getTime() >= reminderDays * 86_400_000
}

/** Named with the local date and time, so a folder of backups sorts in time order: archive-room-20260302-093005.sqlite. */
export function backupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`
  return `archive-room-${day}-${time}.sqlite`
}

/** The scheduled daily backup runs once a day at or after the set time, if none was taken since that time today. */
export function scheduledBackupDue(dailyAt: string | null, lastBackupAt: string | null, now: Date): boolean {
  if (dailyAt === null) return false
  const [hours, minutes] = dailyAt.split(':').map(Number)
  const slot = new Date(now)
  slot.setHours(hours, minutes, 0, 0)
  if (now < slot) return false
  return lastBackupAt === null || new Date(lastBackupAt) < slot
}
