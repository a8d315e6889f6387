import fs from 'node:fs'
import path from 'node:path'

/** Forces a file's bytes to the disk, so a copy reported as done survives a power cut. */
export function fsyncFile(file: string): void {
  const handle = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(handle)
  } finally {
    fs.closeSync(handle)
  }
}

/** Makes a rename or a new file in the folder durable. Windows cannot open a folder for syncing; NTFS journals it. */
export function fsyncFolder(fileInFolder: string): void {
  let handle: number
  try {
    handle = fs.openSync(path.dirname(fileInFolder), 'r')
  } catch (error) {
    if (process.platform === 'win32') return
    throw error
  }
  try {
    fs.fsyncSync(handle)
  } catch (error) {
    if (process.platform !== 'win32') throw error
  } finally {
    fs.closeSync(handle)
  }
}
