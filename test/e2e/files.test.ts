// Diagnostics the bench receives, end to end as a user does it: `chargebench serve` in its own process,
// Debian's Chromium signed in, a virtual charger of the bench's own. The Get diagnostics panel fills in a
// bench location by itself (FTP, or HTTP), the charger uploads to it, and the file appears on the charger's
// Files tab with a download button that downloads what the charger sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, screenshotsDir, startUiSession, stopUiSession, type ServeProcess } from '../helpers/serve';

const CP = 'VCP-FILES';

describe.skipIf(!chromiumPath())(
  'files chargers send, in a browser (serve mode)',
  () => {
    let serve: ServeProcess;
    let browser: Browser;
    let page: Page;

    const openOperation = async (label: string) => {
      await page.goto(`${serve.origin}/#/chargers/${CP}?tab=operations`);
      await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: label, exact: true }).click();
    };
    const location = () => page.getByRole('textbox', { name: 'Upload location' });

    /** Requests diagnostics with the location the panel filled in; resolves with that location and the file name the charger announced. */
    async function requestDiagnostics(over: 'FTP' | 'HTTP'): Promise<{ url: string; fileName: string }> {
      await openOperation('Get diagnostics');
      await page.getByRole('button', { name: `Bench over ${over}`, exact: true }).click();
      await expect
        .poll(() => location().inputValue(), { timeout: 10_000 })
        .toMatch(over === 'FTP' ? /^ftp:\/\/diag-[0-9a-f]{12}:[0-9a-f]{32}@127\.0\.0\.1:\d+\/$/ : /^http:\/\/127\.0\.0\.1:\d+\/uploads\/[\w-]{24}\/$/);
      const url = await location().inputValue();
      if (over === 'FTP') await page.screenshot({ path: join(screenshotsDir, 'get-diagnostics.png') });
      await page.getByRole('button', { name: 'Request diagnostics' }).click();
      const coming = page.getByText(/will upload "diagnostics-/);
      await expect.poll(() => coming.isVisible(), { timeout: 10_000 }).toBe(true);
      const fileName = /"([^"]+)"/.exec((await coming.textContent()) ?? '')![1];
      return { url, fileName };
    }

    beforeAll(async () => {
      ({ serve, browser, page } = await startUiSession({ id: CP, connectors: 1 }));
    }, 180_000);

    afterAll(() => stopUiSession({ serve, browser }));

    it('fills in a bench FTP location, and the upload appears on the Files tab with a download button', async () => {
      const { url, fileName } = await requestDiagnostics('FTP');
      const ftpPort = Number(new URL(url).port);
      expect(ftpPort).not.toBe(serve.port);
      await page.getByRole('link', { name: 'Files tab' }).click();
      const table = page.getByRole('table', { name: `Files uploaded by ${CP}` });
      const row = table.getByRole('row').filter({ hasText: fileName });
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('FTP');
      const button = row.getByRole('button', { name: `Download ${fileName}` });
      await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
      expect(await row.textContent()).toMatch(/in 6 days|in 7 days/);
      await page.waitForTimeout(500); // the tab indicator slides over
      await page.screenshot({ path: join(screenshotsDir, 'files.png') });

      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe(fileName);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text).toContain(`ChargeBench virtual charge point ${CP} diagnostics`);
      expect(text).toContain('"BootNotification"');
    });

    it('fills in a bench HTTP location when asked, a new one per request, and that upload is listed too', async () => {
      const first = await requestDiagnostics('HTTP');
      // The panel has a fresh location for the next request.
      await expect.poll(() => location().inputValue()).not.toBe(first.url);
      await page.goto(`${serve.origin}/#/chargers/${CP}?tab=files`);
      const row = page
        .getByRole('table', { name: `Files uploaded by ${CP}` })
        .getByRole('row')
        .filter({ hasText: first.fileName });
      await expect.poll(() => row.getByRole('button', { name: `Download ${first.fileName}` }).isEnabled(), { timeout: 15_000 }).toBe(true);
      expect(await row.textContent()).toContain('HTTP');
      const uploads = (await serve.call('files:uploads', { chargerId: CP })) as Array<{ name: string; via: string; status: string }>;
      expect(uploads.map((u) => [u.via, u.status])).toEqual([
        ['http', 'received'],
        ['ftp', 'received'],
      ]);
    });
  },
  240_000,
);
