// First: Zod is told never to generate code before anything builds a schema (see security.ts).
import { CONTENT_SECURITY_POLICY } from './security'
import path from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type IpcMainInvokeEvent } from 'electron'
import { createApp, startupFailure, type App } from './app'
import { startBackupSchedule } from './backup-schedule'
import { registerDesktopPrinting } from './desktop-printing'
import { startingDispatcher } from './ipc/starting'
import { version } from '../package.json'
import { APP_FOLDER, dataDirProblem, resolveDataDir } from './paths'

let backend: App | null = null
let mainWindow: BrowserWindow | null = null

const rendererUrl = process.env.ELECTRON_RENDERER_URL
const rendererFile = path.join(__dirname, '../renderer/index.html')

/** Only our own window, showing our own page, may call the back end. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  if (!mainWindow || event.sender !== mainWindow.webContents) return false
  const url = event.senderFrame?.url ?? ''
  return rendererUrl
    ? url.startsWith(rendererUrl)
    : url.startsWith('file://') && decodeURIComponent(new URL(url).pathname).endsWith('/renderer/index.html')
}

/** Where a document is laid out for the printer: never shown, no scripts, no preload, no way to the back end. */
function createPrintWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, javascript: false }
  })
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 860,
    title: '档案室 Archive Room',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.webContents.on('will-navigate', (event) => event.preventDefault())
  mainWindow.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  if (rendererUrl) void mainWindow.loadURL(rendererUrl)
  else void mainWindow.loadFile(rendererFile)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  app
    .whenReady()
    .then(async () => {
      const dataDir = resolveDataDir(process.argv, process.env, path.join(app.getPath('appData'), APP_FOLDER))
      const problem = dataDirProblem(dataDir)
      if (problem !== null) {
        console.error(problem)
        dialog.showErrorBox('档案室 Archive Room', problem)
        app.exit(1)
        return
      }
      // The window opens at once: while the database opens or upgrades, it shows how far that has come.
      const starting = startingDispatcher(version)
      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
        })
      })
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
      ipcMain.handle('archive:invoke', async (event, channel: unknown, input: unknown) => {
        if (!isTrustedSender(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'errors.forbidden' } }
        return starting.dispatch(String(channel), input, `window:${event.sender.id}`)
      })
      registerDesktopPrinting({
        ipcMain,
        dialog,
        createWindow: createPrintWindow,
        mainWindow: () => mainWindow,
        isTrusted: isTrustedSender,
        dataDir,
        downloadsDir: app.getPath('downloads')
      })
      Menu.setApplicationMenu(null)
      createWindow()
      try {
        backend = await createApp({
          dataDir,
          appFolders: [app.getAppPath(), path.dirname(app.getPath('exe'))],
          importWorker: path.join(__dirname, 'import-worker.js'),
          backupWorker: path.join(__dirname, 'backup-worker.js'),
          migrationWorker: path.join(__dirname, 'migrate-worker.js'),
          onStartup: starting.report
        })
      } catch (error) {
        // The window stays, saying why, that nothing saved was lost and where the log is; closing it quits.
        console.error(error)
        starting.fail(startupFailure(error, dataDir))
        return
      }
      starting.handOver(backend.dispatch)
      startBackupSchedule(backend, (error) => backend?.log.error('scheduled backup failed', error))
    })
    .catch((error: unknown) => {
      // Anything that failed before the window could say it: say so instead of leaving a process with no window.
      console.error(error)
      dialog.showErrorBox('档案室 Archive Room', String(error instanceof Error ? error.message : error))
      app.exit(1)
    })

  app.on('window-all-closed', () => {
    // Quit only once the database is closed, so its log is checkpointed into the file.
    void (backend?.close() ?? Promise.resolve()).finally(() => app.quit())
  })
}
