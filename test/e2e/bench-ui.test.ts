// The bench UI end to end, as a user drives it: `chargebench serve` in its own process, Debian's Chromium
// on the link it prints, a virtual charger created from the UI. Asserts on what the user sees and on the
// frames in the record: a cable unlocked in two clicks from the charger page, a malformed answer reported
// at once, every operation reachable at 1366x768 and kept across a reload, transactions exported to CSV,
// and a lost bench that never looks live. Takes the README's screenshots on the way.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildUi, chromiumPath, launchChromium, startServe, type ServeProcess } from '../helpers/serve';
import { strictCharger } from '../helpers/bench';

const root = join(import.meta.dirname, '..', '..');
/** The README's screenshots are refreshed with CHARGEBENCH_SCREENSHOTS=docs/screenshots; a plain run keeps them out of the tree. */
const shots = resolve(root, process.env.CHARGEBENCH_SCREENSHOTS ?? join('test-results', 'screenshots'));
const CP = 'VCP-E2E';

describe.skipIf(!chromiumPath())(
  'bench UI in a browser (serve mode)',
  () => {
    let serve: ServeProcess;
    let browser: Browser;
    let page: Page;

    /** CALL frames the bench sent for an action, from the record. */
    const sent = async (action: string) => (await serve.call('messages:page', { chargerId: CP, actions: [action], kinds: ['CALL'], direction: 'out' })) as Array<{ raw: string }>;
    // The pointer out of the way first, so no tooltip covers the screen (one already open is let fade).
    const shot = async (name: string) => {
      await page.mouse.move(1, 1);
      await page
        .getByRole('tooltip')
        .first()
        .waitFor({ state: 'detached', timeout: 2000 })
        .catch(() => undefined);
      await page.screenshot({ path: join(shots, `${name}.png`) });
    };
    const nav = (screen: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen, exact: true }).click();
    const openTab = async (tab: 'operations' | 'overview' | 'transactions' | 'log') => {
      await page.goto(`${serve.origin}/#/chargers/${CP}${tab === 'overview' ? '' : `?tab=${tab}`}`);
    };
    const openOperation = async (label: string) => {
      await openTab('operations');
      await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: label, exact: true }).click();
    };

    beforeAll(async () => {
      buildUi();
      mkdirSync(shots, { recursive: true });
      serve = await startServe();
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(10_000);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await serve?.stop();
    });

    it('asks for the token without one, and signs in with the link serve prints', async () => {
      await page.goto(serve.origin);
      await expect.poll(() => page.getByLabel('API token').isVisible(), { timeout: 10_000 }).toBe(true);
      await shot('sign-in');
      await page.goto(serve.link);
      await expect.poll(() => page.getByRole('heading', { name: 'Chargers', exact: true }).first().isVisible(), { timeout: 10_000 }).toBe(true);
      // The token leaves the address bar once used.
      expect(page.url()).not.toContain('token=');
    });

    it('creates a virtual charger from the UI and sees it connect', async () => {
      await nav('Virtual chargers');
      await page.getByRole('button', { name: 'New virtual charger' }).click();
      await page.getByRole('textbox', { name: 'Charger id', exact: true }).fill(CP);
      await page.getByRole('spinbutton', { name: 'Connectors', exact: true }).fill('2');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      const card = page.getByRole('region', { name: `Virtual charger ${CP}` });
      await expect.poll(() => card.getByText('Connected', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
      await nav('Chargers');
      const row = page.getByRole('row').filter({ hasText: CP });
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/Online/i);
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Available');
      // One of the bench's own: visibly virtual.
      expect(await row.getByText('Virtual', { exact: true }).isVisible()).toBe(true);
      await shot('chargers');
      await nav('Connect');
      await expect.poll(() => page.getByText(`ws://127.0.0.1:${serve.port}/ocpp/`).first().isVisible(), { timeout: 10_000 }).toBe(true);
      await shot('connect');
    });

    it("edits a configuration key and shows the charger's answer", async () => {
      await openOperation('Configuration keys');
      await page.getByRole('button', { name: 'Get all keys' }).click();
      await page.getByRole('button', { name: 'Edit MeterValueSampleInterval' }).click();
      const input = page.getByLabel('New value for MeterValueSampleInterval');
      await input.fill('2');
      await input.press('Enter');
      const table = page.getByRole('table', { name: 'Configuration keys' });
      await expect.poll(() => table.getByRole('row').filter({ hasText: 'MeterValueSampleInterval' }).textContent(), { timeout: 10_000 }).toContain('Accepted');
      const frames = await sent('ChangeConfiguration');
      expect(frames.map((f) => JSON.parse(f.raw)[3])).toEqual([{ key: 'MeterValueSampleInterval', value: '2' }]);
      await shot('configuration');
    });

    it('starts a remote transaction and the meter chart moves', async () => {
      await nav('Virtual chargers');
      await page.getByRole('button', { name: 'Plug connector 1', exact: true }).click();
      await openOperation('Remote start');
      await page.getByLabel('Connector', { exact: true }).click();
      await page.getByRole('option', { name: /^Connector 1\b/ }).click();
      // An empty idTag would start a session for nobody: refused on the field, nothing sent.
      await page.getByRole('button', { name: 'Start transaction' }).click();
      await expect.poll(() => page.getByText('Enter an idTag: an empty one would start a session for nobody').isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await sent('RemoteStartTransaction')).toEqual([]);
      await page.getByRole('textbox', { name: 'idTag', exact: true }).fill('E2E-TAG');
      await page.getByRole('button', { name: 'Start transaction' }).click();
      await expect.poll(() => page.getByText('Accepted').first().isVisible(), { timeout: 10_000 }).toBe(true);
      expect((await sent('RemoteStartTransaction')).map((f) => JSON.parse(f.raw)[3])).toEqual([{ connectorId: 1, idTag: 'E2E-TAG' }]);

      await openTab('overview');
      const latest = page.getByTestId('meter-latest-1');
      await expect.poll(() => latest.textContent(), { timeout: 20_000 }).toMatch(/kW/);
      const first = await latest.textContent();
      await expect.poll(() => latest.textContent(), { timeout: 20_000 }).not.toBe(first);
      expect(await page.getByTestId('meter-chart-1').locator('path').count()).toBeGreaterThan(0);
    });

    it('unlocks a stuck cable in two clicks from the charger page: the dialog names the session and the answers first; cancel sends nothing', async () => {
      await openTab('overview');
      const card = page.getByRole('region', { name: 'Connector 1' });
      await card.getByRole('button', { name: 'Unlock…' }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain('E2E-TAG');
      await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toMatch(/kWh|Wh/);
      expect(await dialog.textContent()).toMatch(/A running session on connector 1 \(E2E-TAG, transaction \d+\) may stop and the cable may be released/);
      expect(await dialog.getByLabel('What the charger may answer').textContent()).toMatch(/Unlocked.*UnlockFailed.*NotSupported/);
      expect(await dialog.getByRole('radio', { name: /^Connector 1/ }).isChecked()).toBe(true);
      await shot('unlock-confirmation');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForTimeout(1000);
      expect(await sent('UnlockConnector')).toEqual([]);

      // Two clicks: the card's Unlock, then the confirmation.
      await card.getByRole('button', { name: 'Unlock…' }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: `Unlock connector 1 of ${CP}` })
        .click();
      await expect.poll(() => page.getByText('UnlockConnector: Unlocked').isVisible(), { timeout: 10_000 }).toBe(true);
      await page.getByRole('button', { name: 'Close' }).click();
      await page.waitForTimeout(500);
      const unlocks = await sent('UnlockConnector');
      expect(unlocks.map((f) => JSON.parse(f.raw)[3])).toEqual([{ connectorId: 1 }]);
    });

    it('reports a malformed answer as malformed as soon as it arrives', async () => {
      await serve.call('virtualChargers:setFault', { id: CP, fault: 'action', value: { on: true, action: 'TriggerMessage', mode: 'malformed' } });
      await openOperation('Trigger message');
      const started = Date.now();
      await page.getByRole('button', { name: 'Trigger StatusNotification' }).click();
      await expect.poll(() => page.getByText('TriggerMessage: Malformed answer').isVisible(), { timeout: 10_000 }).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await page.getByText(/No answer/).count()).toBe(0);
      await serve.call('virtualChargers:setFault', { id: CP, fault: 'action', value: { on: false, action: 'TriggerMessage' } });
    });

    it('resets the charger after a confirmation that says what will happen', async () => {
      await openOperation('Reset');
      await page.getByRole('radio', { name: /^Soft/ }).check();
      await page.getByRole('button', { name: 'Soft reset…', exact: true }).click();
      const confirm = page.getByRole('dialog').getByRole('button', { name: new RegExp(`^Soft reset ${CP}`) });
      await confirm.click();
      await expect.poll(() => page.getByText('Accepted').first().isVisible(), { timeout: 10_000 }).toBe(true);
      expect((await sent('Reset')).map((f) => JSON.parse(f.raw)[3])).toEqual([{ type: 'Soft' }]);
    });

    it('filters the message log by action', async () => {
      await nav('Message log');
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'BootNotification' }).first().isVisible(), { timeout: 10_000 }).toBe(true);
      await shot('message-log');
      await page.getByLabel('Actions').click();
      await page.getByRole('option', { name: 'UnlockConnector', exact: true }).click();
      await page.keyboard.press('Escape');
      const rows = page.getByRole('row');
      // The unfiltered log already holds the two UnlockConnector frames, so wait for the filtered answer:
      // only those two rows, and no frame of another action.
      const shown = async () => {
        const texts = await rows.allTextContents();
        return {
          unlock: texts.filter((t) => /UnlockConnector/.test(t)).length,
          others: texts.some((t) => /BootNotification|Heartbeat|StatusNotification/.test(t)),
        };
      };
      await expect.poll(shown, { timeout: 10_000 }).toEqual({ unlock: 2, others: false });
    });

    it('starts a second session from the connector card and stops it from the transactions list', async () => {
      await expect.poll(async () => (await serve.call('chargers:get', { id: CP })).connected, { timeout: 20_000 }).toBe(true);
      // Connector 1's cable is still in after the unlock and the reset.
      await openTab('overview');
      const card = page.getByRole('region', { name: 'Connector 1' });
      await card.getByRole('button', { name: 'Start session…' }).click();
      await page.getByRole('dialog').getByRole('textbox', { name: /idTag/ }).fill('E2E-LONG-IDTAG-20CH');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: `Start on connector 1 of ${CP}` })
        .click();
      await expect.poll(() => page.getByText('RemoteStartTransaction: Accepted').isVisible(), { timeout: 10_000 }).toBe(true);
      await page.getByRole('button', { name: 'Close' }).click();
      // "Power now" with a power beside it (while the readings load, the row says so under the same label).
      const powerNow = card.locator('xpath=.//dt[normalize-space()="Power now"]/following-sibling::dd[1]');
      await expect.poll(async () => (await powerNow.allTextContents()).join(''), { timeout: 20_000 }).toMatch(/^\d[\d.,]* k?W$/);
      await page.waitForTimeout(8000); // a few more points on the chart for the screenshot
      await shot('charger-detail');

      await nav('Transactions');
      const running = page.getByRole('row').filter({ hasText: 'E2E-LONG-IDTAG-20CH' });
      await expect.poll(() => running.isVisible(), { timeout: 10_000 }).toBe(true);
      // The full idTag and the stop reason are not cut short.
      for (const text of ['E2E-LONG-IDTAG-20CH', 'UnlockCommand']) {
        const cell = page.getByRole('gridcell').filter({ hasText: text }).first();
        expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      }
      await shot('transactions');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const csv = readFileSync(await (await download).path(), 'utf8');
      expect(csv).toContain('E2E-LONG-IDTAG-20CH');
      expect(csv).toContain('UnlockCommand');
      expect(csv.trim().split(/\r?\n/)).toHaveLength(3);

      await running.getByRole('button', { name: 'Stop…' }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^Stop transaction \d+ on connector 1 of / })
        .click();
      await expect.poll(() => page.getByText('RemoteStopTransaction: Accepted').isVisible(), { timeout: 10_000 }).toBe(true);
      await page.getByRole('button', { name: 'Close' }).click();
      const stops = await sent('RemoteStopTransaction');
      expect(stops).toHaveLength(1);
    });

    it("keeps a long session's table as drawn while its chart stays live, and adds the newer values when asked", async () => {
      await serve.call('idTags:add', { idTag: 'E2E-SESSION', status: 'Accepted' });
      const cp = await strictCharger(`ws://127.0.0.1:${serve.port}/ocpp`, 'CP-SESSION');
      await cp.connect();
      await cp.client.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Soak' });
      const t0 = Date.now() - 3600_000;
      const { transactionId } = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'E2E-SESSION', meterStart: 0, timestamp: new Date(t0).toISOString() });
      // 10 values a reading, one reading a second: 2,500 rows, past what the table takes live.
      const reading = (i: number) => {
        const v = (value: string, measurand: string, unit: string, phase?: string) => ({ value, measurand, unit, ...(phase ? { phase } : {}) });
        return cp.client.call('MeterValues', {
          connectorId: 1,
          transactionId,
          meterValue: [
            {
              timestamp: new Date(t0 + i * 1000).toISOString(),
              sampledValue: [
                v(String(i * 3), 'Energy.Active.Import.Register', 'Wh'),
                v(i % 600 < 300 ? '11000' : '7400', 'Power.Active.Import', 'W'),
                ...['L1', 'L2', 'L3'].map((p) => v('16', 'Current.Import', 'A', p)),
                ...['L1-N', 'L2-N', 'L3-N'].map((p) => v('230', 'Voltage', 'V', p)),
                v('31', 'Temperature', 'Celsius'),
                v('16', 'Current.Offered', 'A'),
              ],
            },
          ],
        });
      };
      for (let i = 0; i < 250; i++) await reading(i);
      await page.goto(`${serve.origin}/#/transactions/${transactionId}`);
      await page.getByRole('grid', { name: 'Meter values (2,500)' }).waitFor();
      await reading(250);
      await reading(251);
      const waiting = page.getByTestId('meter-values-waiting');
      await expect.poll(() => waiting.textContent(), { timeout: 10_000 }).toContain('20 newer values have arrived.');
      // The chart and the summary moved; the table says up to when it holds the values.
      await expect.poll(() => page.getByTestId('transaction-meter-latest').textContent()).toBe('11.0 kW · 753 Wh');
      expect(await page.getByRole('grid', { name: 'Meter values (2,500)' }).isVisible()).toBe(true);
      await shot('transaction-detail');
      await waiting.getByRole('button', { name: 'Add them' }).click();
      await page.getByRole('grid', { name: 'Meter values (2,520)' }).waitFor();
      expect(await waiting.count()).toBe(0);
      expect(cp.violations).toEqual([]);
      await cp.client.close();
    });

    it('reaches every operation panel at 1366x768, and keeps the one chosen across a reload', async () => {
      // The window at a common laptop's size.
      const small = page;
      await small.setViewportSize({ width: 1366, height: 768 });
      await small.goto(`${serve.origin}/#/chargers/${CP}?tab=operations`);
      const menu = small.getByRole('navigation', { name: 'Operations' });
      await expect.poll(() => menu.getByRole('button').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const items = await menu.getByRole('button').allTextContents();
      expect(items).toHaveLength(16);
      for (const label of items) {
        await menu.getByRole('button', { name: label, exact: true }).click();
        await expect.poll(() => small.url(), { timeout: 10_000 }).toContain('op=');
        // The panel's last control can be scrolled to, inside the window (retried while the panel settles).
        const reachable = async () => {
          try {
            const last = small
              .getByRole('region')
              .filter({ has: small.getByRole('heading', { level: 2 }) })
              .first()
              .getByRole('button')
              .last();
            await last.scrollIntoViewIfNeeded({ timeout: 2000 });
            const box = await last.boundingBox();
            return !!box && box.y >= 0 && box.y + box.height <= 768;
          } catch {
            return false;
          }
        };
        await expect.poll(reachable, { message: label, timeout: 10_000 }).toBe(true);
      }
      await shot('operations-1366');
      expect(small.url()).toContain('op=GetDiagnostics');
      await small.reload();
      await expect.poll(() => small.getByRole('heading', { level: 2, name: /^Get diagnostics/ }).isVisible(), { timeout: 10_000 }).toBe(true);
      await small.setViewportSize({ width: 1440, height: 900 });
    });

    it('shows the other screens (light and dark)', async () => {
      await nav('Virtual chargers');
      await expect.poll(() => page.getByRole('region', { name: `Virtual charger ${CP}` }).isVisible(), { timeout: 10_000 }).toBe(true);
      await shot('virtual-chargers');
      await nav('Settings');
      await expect.poll(() => page.getByRole('heading', { name: 'Settings', level: 1 }).isVisible(), { timeout: 10_000 }).toBe(true);
      await page.waitForTimeout(500);
      await shot('settings');
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await openTab('overview');
      await page.waitForTimeout(1000);
      await shot('charger-detail-dark');
      await page.getByRole('button', { name: 'Switch to light theme' }).click();
    });

    it('never looks live when the charger or the bench is gone', async () => {
      await serve.call('virtualChargers:stop', { id: CP });
      await openTab('overview');
      await expect.poll(() => page.getByText(new RegExp(`${CP} is offline: last seen`)).isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await page.getByRole('region', { name: 'Connector 1' }).getByRole('button', { name: 'Unlock…' }).isDisabled()).toBe(true);
      await shot('charger-offline');

      // Paused (a debugger, a suspended process): its sockets stay open, but it says nothing for 15 s.
      serve.child.kill('SIGSTOP');
      try {
        await expect.poll(() => page.getByText(/^Bench not answering since/).isVisible(), { timeout: 25_000 }).toBe(true);
        expect(await page.getByText(/^The bench has not answered this window since/).isVisible()).toBe(true);
      } finally {
        serve.child.kill('SIGCONT');
      }
      await expect.poll(() => page.getByText(/^Live ·/).isVisible(), { timeout: 15_000 }).toBe(true);

      await serve.stop(true);
      await expect.poll(() => page.getByText(/^Bench unreachable since/).isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await page.getByText(/What this window shows is as of then, not live/).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Disconnect…' }).isDisabled()).toBe(true);
    });
  },
  180_000,
);
