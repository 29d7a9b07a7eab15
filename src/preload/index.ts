// The renderer's only door into main: a narrow API on window.chargebench, no logic. Only the contract's
// calls and the desktop's own channels can be invoked; everything else is refused here and again in main.
// It imports the names of the calls only: no zod, no schemas, no OCPP code.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { benchMethods, desktopMethods, EVENTS_ACK_CHANNEL, EVENTS_CHANNEL } from '../shared/api/methods';
import type { ChargeBenchBridge, EventsMessage } from '../shared/api/bridge';

const allowed = new Set<string>([...benchMethods, ...desktopMethods]);

const bridge: ChargeBenchBridge = {
  invoke: (channel, arg) => {
    if (!allowed.has(channel)) return Promise.reject(new Error(`Unknown bench call "${channel}"`));
    return ipcRenderer.invoke(channel, arg);
  },
  onEvents: (listener, onMissed) => {
    const handler = (_e: IpcRendererEvent, message: EventsMessage) => {
      try {
        if ('missed' in message) onMissed?.(message.missed);
        else listener(message.events);
      } finally {
        // Taken: main sends on while the window keeps up (a window that stops taking is not sent more).
        ipcRenderer.send(EVENTS_ACK_CHANNEL, message.seq);
      }
    };
    ipcRenderer.on(EVENTS_CHANNEL, handler);
    // This page listens from now on: what main sent before (to a page loading or reloading) was never taken.
    ipcRenderer.send(EVENTS_ACK_CHANNEL, 'listening');
    return () => void ipcRenderer.off(EVENTS_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('chargebench', bridge);
