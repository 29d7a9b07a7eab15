// The bench UI end to end, as a user drives it: `chargebench serve` in its own process, Debian's Chromium
// on the link it prints, a virtual charger created from the UI. Asserts on what the user sees and on the
// frames in the record. Takes the README's screenshots on the way.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildUi, chromiumPath, launchChromium, startServe, type ServeProcess } from '../helpers/serve';

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
    const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
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
      await expect.poll(() => page.getByLabel('API token').isVisible()).toBe(true);
      await shot('sign-in');
      await page.goto(serve.link);
      await expect.poll(() => page.getByRole('heading', { name: 'Chargers', exact: true }).first().isVisible()).toBe(true);
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
      await expect.poll(() => row.textContent()).toContain('Available');
      await shot('chargers');
      await nav('Connect');
      await expect.poll(() => page.getByText(`ws://127.0.0.1:${serve.port}/ocpp/`).first().isVisible()).toBe(true);
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
      await expect.poll(() => table.getByRole('row').filter({ hasText: 'MeterValueSampleInterval' }).textContent()).toContain('Accepted');
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
      await page.waitForTimeout(4000); // a few more points on the chart for the screenshot
      await shot('charger-detail');
    });

    it('unlock asks first: cancel sends nothing, confirm sends exactly one UnlockConnector', async () => {
      await openOperation('Unlock connector');
      await page.getByRole('button', { name: /^Unlock connector 1/ }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.textContent()).toContain('E2E-TAG');
      await expect.poll(() => dialog.textContent()).toMatch(/kWh|Wh/);
      await shot('unlock-confirmation');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForTimeout(1000);
      expect(await sent('UnlockConnector')).toEqual([]);

      await page.getByRole('button', { name: /^Unlock connector 1/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: `Unlock connector 1 of ${CP}` })
        .click();
      await expect.poll(() => page.getByText('Unlocked').first().isVisible(), { timeout: 10_000 }).toBe(true);
      await page.waitForTimeout(500);
      const unlocks = await sent('UnlockConnector');
      expect(unlocks.map((f) => JSON.parse(f.raw)[3])).toEqual([{ connectorId: 1 }]);
    });

    it('resets the charger after a confirmation that says what will happen', async () => {
      await openOperation('Reset');
      await page.getByRole('radio', { name: 'Soft', exact: true }).check();
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
      await expect.poll(async () => (await rows.allTextContents()).filter((t) => /UnlockConnector/.test(t)).length).toBe(2);
      expect((await rows.allTextContents()).some((t) => /BootNotification|Heartbeat|StatusNotification/.test(t))).toBe(false);
    });

    it('lists the transaction and shows the other screens (light and dark)', async () => {
      await nav('Transactions');
      await expect.poll(() => page.getByText('E2E-TAG').first().isVisible(), { timeout: 10_000 }).toBe(true);
      await shot('transactions');
      await nav('Virtual chargers');
      await shot('virtual-chargers');
      await nav('Settings');
      await shot('settings');
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await openTab('overview');
      await page.waitForTimeout(1000);
      await shot('charger-detail-dark');
    });
  },
  180_000,
);
