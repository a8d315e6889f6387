import fs from 'node:fs'

/**
 * The app's clock. With ARCHIVE_CLOCK_FILE set (end-to-end tests only), the time written in that file is "now"
 * while the file exists, so a test can move past a loan's due date or a six-month hold; otherwise the real time.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): () => Date {
  const file = env.ARCHIVE_CLOCK_FILE
  if (!file) return () => new Date()
  return () => {
    let text: string
    try {
      text = fs.readFileSync(file, 'utf8').trim()
    } catch {
      return new Date()
    }
    const pinned = new Date(text)
    if (Number.isNaN(pinned.getTime())) throw new Error(`ARCHIVE_CLOCK_FILE holds no time: ${text}`)
    return pinned
  }
}
