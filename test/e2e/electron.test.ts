// The desktop app end to end: launches the built Electron app with Playwright and checks its window.
// Skips where the Electron binary is not installed (offline build machines) or, on Linux, where there
// is no display to open a window on.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathTxt = join(dir, 'path.txt');
    if (!existsSync(pathTxt)) return null; // never require('electron') without it: that starts a download
    const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

describe.skipIf(!binary || !display)('desktop app (Electron)', () => {
  it('opens the ChargeBench window with the bench running', async () => {
    execFileSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], { stdio: 'inherit' });
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
    try {
      const page = await app.firstWindow();
      await expect.poll(() => page.title()).toBe('ChargeBench');
      await expect.poll(() => page.textContent('body')).toContain('Connected chargers');
    } finally {
      await app.close();
    }
  }, 120_000);
});
