// The Electron entry: starts the bench core, wires IPC and opens the window; stops the bench on quit.
import { app, dialog, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from './bench';
import { forwardEvents, registerIpc } from './electron/ipc';
import { createMainWindow, denyAllPermissions, isOwnRenderer } from './electron/window';

const BENCH_PORT = 9000;

/**
 * better-sqlite3 built for Electron's ABI (scripts/start.mjs builds it into .electron-native/);
 * node_modules keeps the Node build that serve mode and the tests use.
 */
function electronNativeBinding(): string | undefined {
  // TODO(packaging): ship the addon as an extra resource and look under process.resourcesPath.
  const root = app.isPackaged ? process.resourcesPath : app.getAppPath();
  const file = join(root, '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

let bench: Bench | null = null;
let mainWindow: BrowserWindow | null = null;

async function onReady(): Promise<void> {
  denyAllPermissions();
  try {
    bench = await Bench.start({
      dataDir: join(app.getPath('userData'), 'data'),
      port: BENCH_PORT,
      nativeBinding: electronNativeBinding(),
    });
  } catch (e) {
    dialog.showErrorBox('ChargeBench could not start', (e as Error).message);
    app.exit(1);
    return;
  }
  registerIpc(bench, isOwnRenderer);
  mainWindow = createMainWindow();
  const stopForwarding = forwardEvents(bench, mainWindow.webContents);
  mainWindow.on('closed', () => {
    stopForwarding();
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another ChargeBench already owns the port and the record: hand over to it.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(onReady, (e) => {
    console.error('chargebench:', e);
    app.exit(1);
  });

  // The bench is the app: closing its window quits, on macOS too.
  app.on('window-all-closed', () => app.quit());

  let stopping: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    if (!bench) return;
    // Hold the quit until the chargers are disconnected and the record is flushed and closed.
    event.preventDefault();
    stopping ??= bench
      .stop()
      .catch((e) => console.error('chargebench: stopping the bench failed:', e))
      .finally(() => {
        bench = null;
        app.quit();
      });
  });
}
