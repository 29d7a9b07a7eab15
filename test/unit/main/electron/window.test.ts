// The app window's security defaults (src/main/electron/window.ts) with a fake 'electron': isolated and
// sandboxed, no navigation or new windows, permissions refused, and opened where it was left.
import { describe, expect, it, vi } from 'vitest';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const fake = vi.hoisted(() => ({
  windows: [] as any[],
  appListeners: new Map<string, (...args: any[]) => void>(),
  permissionRequest: null as null | ((...args: any[]) => void),
  permissionCheck: null as null | ((...args: any[]) => boolean),
  schemes: null as any,
  handlers: new Map<string, (req: { url: string }) => Promise<Response>>(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    listeners = new Map<string, () => void>();
    maximized = false;
    shown = false;
    loaded: string | null = null;
    constructor(readonly options: any) {
      fake.windows.push(this);
    }
    once(event: string, fn: () => void) {
      this.listeners.set(event, fn);
    }
    maximize() {
      this.maximized = true;
    }
    show() {
      this.shown = true;
    }
    loadFile(file: string) {
      this.loaded = file;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    app: { isPackaged: false, getAppPath: () => '/nowhere', on: (event: string, fn: (...args: any[]) => void) => fake.appListeners.set(event, fn) },
    protocol: { registerSchemesAsPrivileged: (s: any) => (fake.schemes = s), handle: (scheme: string, fn: any) => fake.handlers.set(scheme, fn) },
    net: { fetch: async (url: string) => new Response(`file ${url}`) },
    screen: {
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: any) => (fake.permissionRequest = fn),
        setPermissionCheckHandler: (fn: any) => (fake.permissionCheck = fn),
      },
    },
  };
});

import {
  APP_ORIGIN,
  createMainWindow,
  denyAllPermissions,
  DESKTOP_CSP,
  handleAppProtocol,
  isOwnRenderer,
  lockDownWebContents,
  registerAppScheme,
  rendererFile,
} from '../../../../src/main/electron/window';

// window.ts resolves the renderer next to the bundled main script: out/main/ -> out/renderer/.
const rendererDir = fileURLToPath(new URL('../../../../src/main/renderer/', import.meta.url));
const own = `${APP_ORIGIN}/index.html`;

describe('the app window', () => {
  it('opens isolated and sandboxed, with no Node in the page, at the saved size and position', () => {
    const win = createMainWindow({ x: 100, y: 50, width: 1300, height: 900, maximized: true }) as any;
    expect(win.options).toMatchObject({ x: 100, y: 50, width: 1300, height: 900, show: false, title: 'ChargeBench' });
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    // From the app:// protocol, not file:// (whose origin would be the whole file system).
    expect(win.loaded).toBe('app://chargebench/index.html');
    win.listeners.get('ready-to-show')();
    expect(win.maximized).toBe(true);
    expect(win.shown).toBe(true);
  });

  it('trusts only its own page', () => {
    expect(isOwnRenderer(own)).toBe(true);
    expect(isOwnRenderer(`${own}#/chargers`)).toBe(true);
    expect(isOwnRenderer('file:///etc/passwd')).toBe(false);
    expect(isOwnRenderer(pathToFileURL(join(rendererDir, 'index.html')).href)).toBe(false);
    expect(isOwnRenderer('app://other/index.html')).toBe(false);
    expect(isOwnRenderer('https://example.com/')).toBe(false);
    expect(isOwnRenderer('http://localhost:5173/')).toBe(false); // no dev server outside `electron-vite dev`
    expect(isOwnRenderer('not a url')).toBe(false);
  });

  it('stops every web contents navigating, redirecting, attaching webviews or opening windows', () => {
    lockDownWebContents();
    const on = new Map<string, (e: { preventDefault: () => void }) => void>();
    let openHandler: (() => unknown) | null = null;
    fake.appListeners.get('web-contents-created')!({}, { on: (event: string, fn: any) => on.set(event, fn), setWindowOpenHandler: (fn: any) => (openHandler = fn) });
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      on.get(event)!(e);
      expect(e.preventDefault, event).toHaveBeenCalled();
    }
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('refuses every permission but the clipboard for its own page', () => {
    denyAllPermissions();
    const ask = (permission: string, url: string) => {
      let answer: boolean | undefined;
      fake.permissionRequest!({ getURL: () => url }, permission, (ok: boolean) => (answer = ok), { requestingUrl: url });
      return answer;
    };
    expect(ask('media', own)).toBe(false);
    expect(ask('notifications', own)).toBe(false);
    expect(ask('geolocation', own)).toBe(false);
    expect(ask('clipboard-sanitized-write', own)).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(fake.permissionCheck!({}, 'media', 'file:///', { requestingUrl: own })).toBe(false);
  });
});

describe('the app:// protocol', () => {
  it('is a standard, secure scheme that serves the built renderer only, with no network allowed to the page', async () => {
    registerAppScheme();
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(rendererFile('app://chargebench/index.html')).toBe(join(rendererDir, 'index.html'));
    expect(rendererFile('app://chargebench/assets/x.js')).toBe(join(rendererDir, 'assets', 'x.js'));
    // Whatever the path, nothing outside the renderer's folder.
    for (const tricky of [
      'app://chargebench/../../etc/passwd',
      'app://chargebench/%2e%2e/%2e%2e/etc/passwd',
      'app://chargebench/assets/%2F..%2F..%2F..%2Fetc%2Fpasswd',
      'app://chargebench/..%5C..%5Csecret',
    ]) {
      const file = rendererFile(tricky);
      expect(file === null || file.startsWith(rendererDir), tricky).toBe(true);
    }
    expect(rendererFile('app://chargebench/assets/%2F..%2F..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(rendererFile('app://elsewhere/index.html')).toBeNull();
    expect(DESKTOP_CSP).toContain("connect-src 'none'");
    handleAppProtocol();
    expect((await fake.handlers.get('app')!({ url: 'app://chargebench/assets/%2F..%2F..%2Fsecret' })).status).toBe(404);
  });

  it('gives no DevTools to a packaged build', async () => {
    const { app } = await import('electron');
    (app as { isPackaged: boolean }).isPackaged = true;
    (process as { resourcesPath?: string }).resourcesPath = '/nowhere';
    try {
      const win = createMainWindow({ width: 1200, height: 800, maximized: false }) as any;
      expect(win.options.webPreferences.devTools).toBe(false);
    } finally {
      (app as { isPackaged: boolean }).isPackaged = false;
    }
    expect((createMainWindow({ width: 1200, height: 800, maximized: false }) as any).options.webPreferences.devTools).toBe(true);
  });
});
