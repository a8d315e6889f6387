/**
 * A stand-in for the `electron` module: it records what the shell asks of Electron, so the built main process can be
 * started and attacked without the Electron binary (which cannot be downloaded on the build machines).
 */
import fs from 'node:fs'

type Listener = (...args: never[]) => unknown

export interface FakeEvent {
  prevented: boolean
  preventDefault(): void
}

export function fakeEvent(): FakeEvent {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true
    }
  }
}

class Emitter {
  readonly listeners = new Map<string, Listener[]>()

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }

  once(event: string, listener: Listener): this {
    return this.on(event, listener)
  }

  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => (listener as (...a: unknown[]) => unknown)(...args))
  }
}

let nextContentsId = 1

export interface PrintCall {
  options: Record<string, unknown>
  /** The document the window showed when it was printed. */
  html: string
}

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  shownHtml = ''

  getPrintersAsync(): Promise<{ name: string; displayName: string; description: string; options: object }[]> {
    return Promise.resolve(shell.printers.map((name) => ({ name, displayName: name, description: '', options: {} })))
  }

  print(options: Record<string, unknown>, callback: (success: boolean, reason: string) => void): void {
    shell.printed.push({ options, html: this.shownHtml })
    callback(shell.printerWorks, shell.printerWorks ? '' : 'Print job failed')
  }

  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    shell.pdfs.push({ options, html: this.shownHtml })
    return Promise.resolve(Buffer.from(`%PDF-1.7 stand-in for ${this.shownHtml.length} characters`))
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
}

export class BrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents()
  loaded: { url?: string; file?: string } = {}
  minimized = false
  destroyed = false
  focused = 0
  restored = 0

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super()
    shell.windows.push(this)
    shell.onWindow?.()
  }

  loadURL(url: string): Promise<void> {
    this.loaded = { url }
    return Promise.resolve()
  }

  loadFile(file: string): Promise<void> {
    this.loaded = { file }
    this.webContents.shownHtml = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
    return Promise.resolve()
  }

  destroy(): void {
    this.destroyed = true
  }

  isMinimized(): boolean {
    return this.minimized
  }

  restore(): void {
    this.restored += 1
    this.minimized = false
  }

  focus(): void {
    this.focused += 1
  }

  show(): void {}
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void
) => void
type PermissionHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void

class FakeApp extends Emitter {
  singleInstanceLock = true
  quits = 0
  exitCode: number | null = null
  paths: Record<string, string> = {}
  private readyResolve: (() => void) | null = null
  private readonly ready = new Promise<void>((resolve) => {
    this.readyResolve = resolve
  })

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock
  }

  whenReady(): Promise<void> {
    return this.ready
  }

  becomeReady(): void {
    this.readyResolve?.()
  }

  quit(): void {
    this.quits += 1
    shell.onQuit?.()
  }

  exit(code: number): void {
    this.exitCode = code
    shell.onQuit?.()
  }

  getPath(name: string): string {
    return this.paths[name] ?? `/nonexistent/${name}`
  }

  getAppPath(): string {
    return this.paths.app ?? '/nonexistent/app'
  }
}

export const shell = {
  windows: [] as BrowserWindow[],
  errorBoxes: [] as string[],
  printers: [] as string[],
  printerWorks: true,
  printed: [] as PrintCall[],
  pdfs: [] as PrintCall[],
  saveDialogs: [] as { defaultPath?: string }[],
  saveAnswer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
  ipcHandlers: new Map<string, IpcHandler>(),
  headersListener: null as HeadersListener | null,
  permissionHandler: null as PermissionHandler | null,
  applicationMenu: undefined as unknown,
  onWindow: null as (() => void) | null,
  onQuit: null as (() => void) | null,
  app: new FakeApp()
}

export const app = shell.app

export const dialog = {
  showErrorBox(title: string, content: string): void {
    shell.errorBoxes.push(`${title}: ${content}`)
  },
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    shell.saveDialogs.push(args[args.length - 1] as { defaultPath?: string })
    return Promise.resolve(shell.saveAnswer)
  }
}

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    shell.ipcHandlers.set(channel, handler)
  }
}

export const Menu = {
  setApplicationMenu(menu: unknown): void {
    shell.applicationMenu = menu
  }
}

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(listener: HeadersListener): void {
        shell.headersListener = listener
      }
    },
    setPermissionRequestHandler(handler: PermissionHandler): void {
      shell.permissionHandler = handler
    }
  }
}
