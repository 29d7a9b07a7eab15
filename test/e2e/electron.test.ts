// The desktop app end to end: launches the built Electron app with Playwright on a fresh profile, sees
// the Chargers screen, and creates a virtual charger that connects to the bench inside the app. Skips
// where the Electron binary is not installed (offline build machines) or, on Linux, where there is no
// display to open a window on. Never imports 'electron' (that would start a download).
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import type { ElectronApplication } from 'playwright-core';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');

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
  let userData: string | null = null;
  let app: ElectronApplication | null = null;

  afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('opens on the Chargers screen and runs a virtual charger against its own bench', async () => {
    // better-sqlite3 for Electron's ABI and a fresh build of main, preload and renderer.
    execFileSync(process.execPath, [join(root, 'scripts', 'start.mjs'), '--prepare-only'], { cwd: root, stdio: 'inherit' });
    userData = mkdtempSync(join(tmpdir(), 'chargebench-electron-'));
    const { _electron } = await import('playwright-core');
    const env: Record<string, string> = { ...(process.env as Record<string, string>), CHARGEBENCH_USER_DATA: userData, CHARGEBENCH_OCPP_PORT: '0' };
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.ELECTRON_RENDERER_URL;
    app = await _electron.launch({ executablePath: binary!, args: [root], cwd: root, env });
    const page = await app.firstWindow();
    await expect.poll(() => page.title()).toBe('ChargeBench');
    await page.getByRole('heading', { name: 'Chargers', level: 1 }).waitFor({ timeout: 30_000 });

    // The window is ours: sandboxed, no Node, only the narrow bridge.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { chargebench: object }).chargebench).sort())).toEqual(['invoke', 'onEvents']);

    const created = await page.evaluate(() =>
      (window as unknown as { chargebench: { invoke(c: string, a: unknown): Promise<unknown> } }).chargebench.invoke('virtualChargers:create', { id: 'E2E-DESKTOP-1' }),
    );
    expect(created).toMatchObject({ ok: true, value: { id: 'E2E-DESKTOP-1' } });
    // It connects to the bench in the main process and shows up on the Chargers screen.
    await page.getByText('E2E-DESKTOP-1').first().waitFor({ timeout: 30_000 });

    // The profile came from CHARGEBENCH_USER_DATA: the record is there.
    expect(existsSync(join(userData, 'data', 'chargebench.sqlite'))).toBe(true);
  }, 300_000);
});
