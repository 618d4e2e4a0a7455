// Runs sandboxed: only contextBridge and ipcRenderer from 'electron' are available, no Node.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './api';

contextBridge.exposeInMainWorld(
  'accueil',
  buildApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
