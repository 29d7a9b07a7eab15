// The app window: a sandboxed, context-isolated renderer that can neither navigate away nor open windows,
// opened where the user left it.
import { app, BrowserWindow, net, protocol, screen, session, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fitToDisplays, MIN_HEIGHT, MIN_WIDTH, type WindowState } from './window-state';

// Both paths are relative to the bundled main script, out/main/index.js.
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

/**
 * The UI is loaded from app://chargebench/, a custom protocol serving the built renderer only, rather
 * than file:// (which would give the page the whole file system as its origin).
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://chargebench`;

/**
 * The page's policy as served by the protocol: the page's own, with no network at all (the desktop UI
 * talks to the bench over IPC only).
 */
export const DESKTOP_CSP =
  "default-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'none'";

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Must run before the app is ready: app:// behaves as a standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** The file of out/renderer an app:// URL names, or null for anything outside it. */
export function rendererFile(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== APP_ORIGIN && `${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const file = normalize(join(rendererDir, rel === '/' ? '/index.html' : rel));
  return file.startsWith(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep) ? file : null;
}

/** Serves app://chargebench/<path> from out/renderer, with the desktop's policy on every page. */
export function handleAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFile(request.url);
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    return new Response(res.body, {
      status: res.status,
      headers: { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': DESKTOP_CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}

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
  if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
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
  const state = fitToDisplays(
    saved,
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea),
  );
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
      // No DevTools in a packaged build: a user's machine is not a debugging target.
      devTools: !app.isPackaged,
    },
  });

  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });

  const dev = devServerOrigin();
  if (dev) void win.loadURL(process.env.ELECTRON_RENDERER_URL!);
  else void win.loadURL(`${APP_ORIGIN}/index.html`);
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
