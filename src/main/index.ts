// The Electron entry: starts the bench core, wires IPC and opens the window; stops the bench on quit.
import { app, dialog, Notification, safeStorage, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Bench } from './core/bench';
import { keyringSecrets } from './store/secrets';
import { forwardEvents, registerIpc } from './electron/ipc';
import { registerExportIpc } from './electron/export-ipc';
import { registerUploadIpc } from './electron/upload-ipc';
import { registerReportIpc } from './electron/report-ipc';
import { appIcon, createMainWindow, denyAllPermissions, handleAppProtocol, isOwnRenderer, lockDownWebContents, registerAppScheme } from './electron/window';
import { loadWindowState, trackWindowState } from './electron/window-state';
import { ChargerAlerts, type Alert } from './electron/charger-alerts';
import { printWithElectron } from './electron/pdf';

/** Must match appId in electron-builder.yml: Windows shows notifications only for a known app id. */
const APP_ID = 'dev.chargebench.app';

// A separate profile (tests, or a second bench side by side): its own record, window state and
// single-instance lock. Set before anything reads userData.
if (process.env.CHARGEBENCH_USER_DATA) app.setPath('userData', resolve(process.env.CHARGEBENCH_USER_DATA));

/** CHARGEBENCH_OCPP_PORT overrides the saved ocppPort setting for this run (0 = any free port). */
function ocppPortOverride(): number | undefined {
  const raw = process.env.CHARGEBENCH_OCPP_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : undefined;
}

/**
 * better-sqlite3 built for Electron's ABI. From a checkout, scripts/start.mjs builds it into
 * .electron-native/ (node_modules keeps the Node build that serve mode and the tests use). In a packaged
 * app electron-builder has rebuilt node_modules' copy for Electron and unpacked it from the asar.
 */
function electronNativeBinding(): string | undefined {
  const addon = ['build', 'Release', 'better_sqlite3.node'];
  const file = app.isPackaged ? join(process.resourcesPath, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', ...addon) : join(app.getAppPath(), '.electron-native', 'better-sqlite3', ...addon);
  // undefined: better-sqlite3 finds its addon the usual way.
  return existsSync(file) ? file : undefined;
}

let bench: Bench | null = null;
let mainWindow: BrowserWindow | null = null;
/** Shown notifications, held so their click handlers are not garbage-collected. */
const notifications = new Set<Notification>();

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function notify(alert: Alert): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: alert.title, body: alert.body, icon: appIcon() });
  notifications.add(n);
  n.on('click', focusWindow);
  n.on('close', () => notifications.delete(n));
  n.show();
}

/** The saved port was taken and the bench opened on another: chargers set up for the saved one will not reach it, so say so. */
function warnIfPortMoved(started: Bench, win: BrowserWindow): void {
  const wanted = ocppPortOverride() ?? started.settings.get().ocppPort;
  const { port } = started.ocppAddress();
  if (!wanted || wanted === port) return;
  void dialog.showMessageBox(win, {
    type: 'warning',
    title: 'ChargeBench',
    message: `Port ${wanted} is in use by another program`,
    detail: `ChargeBench listens for chargers on port ${port} instead, until it is restarted. Chargers set up for port ${wanted} cannot connect meanwhile: close the other program and restart ChargeBench, or choose another port in Settings.`,
    buttons: ['OK'],
  });
}

async function onReady(): Promise<void> {
  denyAllPermissions();
  handleAppProtocol();
  try {
    bench = await Bench.start({
      dataDir: join(app.getPath('userData'), 'data'),
      // The saved ocppPort setting unless overridden; when that port is taken the app still opens, on a free one.
      port: ocppPortOverride(),
      portInUse: 'anyFree',
      nativeBinding: electronNativeBinding(),
      face: 'the ChargeBench desktop app',
      // Reports print to PDF with Electron itself: no Chromium needed on disk.
      printPdf: printWithElectron,
      // Charger passwords encrypted with the OS keyring where there is one.
      secrets: safeStorage.isEncryptionAvailable() ? keyringSecrets({ encrypt: (s) => safeStorage.encryptString(s), decrypt: (b) => safeStorage.decryptString(b) }) : undefined,
    });
  } catch (e) {
    dialog.showErrorBox('ChargeBench could not start', (e as Error).message);
    app.exit(1);
    return;
  }
  registerIpc(bench, isOwnRenderer);
  registerExportIpc(bench, isOwnRenderer);
  registerUploadIpc(bench, isOwnRenderer);
  registerReportIpc(bench, isOwnRenderer);

  const alerts = new ChargerAlerts(notify);
  bench.bus.subscribe((e) => alerts.onEvent(e));

  const stateFile = join(app.getPath('userData'), 'window-state.json');
  mainWindow = createMainWindow(loadWindowState(stateFile));
  trackWindowState(mainWindow, stateFile);
  warnIfPortMoved(bench, mainWindow);
  const stopForwarding = forwardEvents(bench, mainWindow.webContents);
  mainWindow.on('closed', () => {
    stopForwarding();
    alerts.dispose();
    mainWindow = null;
  });
}

if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
registerAppScheme();
lockDownWebContents();

if (!app.requestSingleInstanceLock()) {
  // Another ChargeBench already owns the port and the record: hand over to it.
  app.quit();
} else {
  app.on('second-instance', focusWindow);

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
