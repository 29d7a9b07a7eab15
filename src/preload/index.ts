// The renderer's only door into main: a narrow API on window.chargebench, no logic.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('chargebench', {
  getStatus: () => ipcRenderer.invoke('bench:getStatus'),
});
