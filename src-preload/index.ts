import { contextBridge, ipcRenderer } from 'electron'
import type { ArchiveApi } from './contract'
import { DESKTOP_CHANNELS, type DesktopPrinting } from './desktop'

/** The one door between renderer and main: a single invoke, validated on the other side. */
const api: ArchiveApi = {
  invoke: (channel, input) => ipcRenderer.invoke('archive:invoke', channel, input)
}

const desktop: DesktopPrinting = {
  printers: (html) => ipcRenderer.invoke(DESKTOP_CHANNELS.printers, html),
  print: (html, printer) => ipcRenderer.invoke(DESKTOP_CHANNELS.print, html, printer),
  savePdf: (html, fileName) => ipcRenderer.invoke(DESKTOP_CHANNELS.savePdf, html, fileName)
}

contextBridge.exposeInMainWorld('archive', api)
contextBridge.exposeInMainWorld('archiveDesktop', desktop)
