// A fake 'electron' for the desktop's save-dialog channels (exports, uploads, reports): the handlers main
// registers, kept by channel, and a save dialog each test answers. Used as
// `vi.mock('electron', () => import('<path>/helpers/fake-electron'))`; the test imports `fake` from here.
import { vi } from 'vitest';

export const fake = {
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  saveDialog: vi.fn(),
};

export const ipcMain = {
  handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => fake.handlers.set(channel, fn),
  removeHandler: (channel: string) => fake.handlers.delete(channel),
};
export const dialog = { showSaveDialog: fake.saveDialog };
export const BrowserWindow = { fromWebContents: () => ({ id: 1 }) };

/** The page the desktop's own renderer is, and an IPC event from a page at `url`. */
export const OWN = 'file:///app/out/renderer/index.html';
export const from = (url: string) => ({ sender: {}, senderFrame: { url, parent: null } });

/** Calls the handler of `channel` as the renderer would. */
export const invoke = (channel: string, event: unknown, args: unknown) => Promise.resolve(fake.handlers.get(channel)!(event, args)) as Promise<any>;
