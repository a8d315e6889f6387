import { contextBridge, ipcRenderer } from 'electron'
import type { ArchiveApi } from './contract'

/** The one door between renderer and main: a single invoke, validated on the other side. */
const api: ArchiveApi = {
  invoke: (channel, input) => ipcRenderer.invoke('archive:invoke', channel, input)
}

contextBridge.exposeInMainWorld('archive', api)
