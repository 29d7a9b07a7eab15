// The app window: a sandboxed, context-isolated renderer that can neither navigate away nor open windows,
// opened where the user left it.
import { app, BrowserWindow, screen, session, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitToDisplays, MIN_HEIGHT, MIN_WIDTH, type WindowState } from './window-state';

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

/** The app icon (Linux shows it on the window; Windows and macOS take it from the executable). */
export function appIcon(): string | undefined {
  // Packaged: copied next to app.asar by electron-builder (extraResources); otherwise resources/ in the project.
  const file = app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'resources', 'icon.png');
  return existsSync(file) ? file : undefined;
}

export function createMainWindow(saved: WindowState): BrowserWindow {
  const state = fitToDisplays(saved, [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'ChargeBench',
    icon: appIcon(),
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });

  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });

  const dev = devServerOrigin();
  if (dev) void win.loadURL(process.env.ELECTRON_RENDERER_URL!);
  else void win.loadFile(rendererIndex);
  return win;
}

/** Whatever web contents come to exist (the window, a devtools page, ...): no navigation, no new windows, no webviews. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // In-page navigation (the router's #/chargers) is not a navigation and is unaffected.
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/**
 * The renderer needs no camera, notifications (main shows those), geolocation, ...: every permission is
 * refused, except writing to the clipboard (copy buttons) for our own page.
 */
export function denyAllPermissions(): void {
  const allowed = (permission: string, url: string) => permission === 'clipboard-sanitized-write' && isOwnRenderer(url);
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback, details) => callback(allowed(permission, details.requestingUrl ?? wc.getURL())));
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin, details) => allowed(permission, details.requestingUrl ?? origin));
}
