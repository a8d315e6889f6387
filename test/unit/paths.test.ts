import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, portProblem, readPort, resolveDataDir } from '@main/paths'

describe('data folder', () => {
  it('--data-dir wins over ARCHIVE_DATA_DIR, which wins over the per-user folder', () => {
    const env = { ARCHIVE_DATA_DIR: '/srv/archive', XDG_CONFIG_HOME: '/home/a/.config' }
    expect(resolveDataDir(['--data-dir', '/mnt/usb/archive'], env)).toBe(path.resolve('/mnt/usb/archive'))
    expect(resolveDataDir(['--data-dir=/mnt/usb/other'], env)).toBe(path.resolve('/mnt/usb/other'))
    expect(resolveDataDir([], env)).toBe(path.resolve('/srv/archive'))
    expect(resolveDataDir([], { XDG_CONFIG_HOME: '/home/a/.config' })).toBe(path.join('/home/a/.config', 'ArchiveRoom'))
  })

  it('uses the Windows application data folder on Windows', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('ArchiveRoom')
  })

  it('reads a port and ignores nonsense', () => {
    expect(readPort(['--port', '8123'])).toBe(8123)
    expect(readPort(['--port', 'abc'])).toBeUndefined()
    expect(readPort(['--port', '70000'])).toBeUndefined()
    expect(readPort([])).toBeUndefined()
  })

  it('explains a port that may not be used (Windows reserves ranges, Unix the ports below 1024), and only that', () => {
    const refused = Object.assign(new Error('listen EACCES'), { code: 'EACCES' })
    expect(portProblem(refused, 80)).toMatch(/端口 80[^]*\n.*Port 80 .*--port/)
    expect(portProblem(new Error('something else'), 80)).toBeNull()
  })
})
