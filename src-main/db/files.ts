import fs from 'node:fs'

/** Forces a file's bytes to the disk, so a copy reported as done survives a power cut. */
export function fsyncFile(file: string): void {
  const handle = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(handle)
  } finally {
    fs.closeSync(handle)
  }
}

/** What opening or flushing a folder fails with where folders cannot be flushed: Windows, some network and FAT drivers. */
const FOLDER_UNSYNCABLE = new Set(['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EBADF'])

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code

/** A file's text, or null only when there is no such file: one that is there but unreadable is an error. */
export function readTextIfPresent(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
}

/** A renamed or linked file survives a power cut (or a pulled stick) only once its folder is flushed too. */
export async function syncFolder(folder: string): Promise<void> {
  let handle: fs.promises.FileHandle
  try {
    handle = await fs.promises.open(folder, 'r')
  } catch (error) {
    if (FOLDER_UNSYNCABLE.has(errorCode(error) ?? '')) return
    throw error
  }
  try {
    await handle.sync()
  } catch (error) {
    if (!FOLDER_UNSYNCABLE.has(errorCode(error) ?? '')) throw error
  } finally {
    await handle.close()
  }
}

/** The value a JSON text holds, or null when it is no JSON: a damaged file is then told apart from a missing one. */
export function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
