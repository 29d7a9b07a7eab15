// Which Node runs what. The desktop app's tools (Electron 45 with @electron/get, electron-builder) need
// Node 22.12 or newer; serve mode, the CLI, the tests, the typecheck and the build run on the Node that
// package.json's engines names (20.19+). README's table says the same, and a test holds the three (and
// the engines of the packages in package-lock.json) together. Run directly (before `npm run dev` /
// `npm run dist`), it says plainly when this Node cannot run the desktop app.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The oldest Node the desktop app and its tools run on. */
export const DESKTOP_NODE = '22.12';

/** Whether `version` (e.g. "20.20.2") runs the desktop app. */
export function runsDesktop(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  const [wantMajor, wantMinor] = DESKTOP_NODE.split('.').map(Number);
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1]) && !runsDesktop()) {
  console.error(
    `The desktop app needs Node ${DESKTOP_NODE} or newer (Electron 45 and electron-builder require it); this is Node ${process.versions.node}.\n` +
      'Serve mode runs on this Node: npm start (or npm run serve) opens the bench in a browser.',
  );
  process.exit(1);
}
