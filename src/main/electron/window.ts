// The app window: a sandboxed, context-isolated renderer that can neither navigate away nor open windows.
import { app, BrowserWindow, session } from 'electron';
import { fileURLToPath } from 'node:url';

// Both paths are relative to the bundled main script, out/main/index.js.
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));

/** The dev server's origin under `electron-vite dev`; never trusted in a packaged app. */
function devServerOrigin(): string | null {
  const url = process.env.ELECTRON_RENDERER_URL;
  if (app.isPackaged || !url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** True when `url` is a page of our own renderer: the built index.html, or the dev server. */
export function isOwnRenderer(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') return fileURLToPath(parsed) === rendererIndex;
  const dev = devServerOrigin();
  return dev !== null && parsed.origin === dev;
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'ChargeBench',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });

  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const dev = devServerOrigin();
  if (dev) void win.loadURL(process.env.ELECTRON_RENDERER_URL!);
  else void win.loadFile(rendererIndex);
  return win;
}

/** The renderer needs no camera, notifications, geolocation, ...: refuse every permission request. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}
