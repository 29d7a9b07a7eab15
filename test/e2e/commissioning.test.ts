// Commissioning end to end, as an installer walks it: `chargebench serve` in its own process, Debian's
// Chromium signed in, a built-in virtual charger. The wizard takes the site and job, the charger chosen
// from the connected ones and the recommended plan, runs the checks (the operator steps automatic, the
// session on the virtual charger's clock) until every step has a verdict, takes the on-site checklist
// with a photo, signs the handover with a drawn signature and downloads the report. Takes the README's
// screenshots of the checks, the checklist, the handover and a page of the HTML report.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { builtInTemplates, CommissioningTemplate } from '../../src/shared/api/commissioning';
import { chromiumPath, screenshotsDir, startUiSession, stopUiSession, type ServeProcess } from '../helpers/serve';

const CP = 'VCP-COMM';
/** The recommended baseline with meter values every 5 s and a 20 s test session. */
const QUICK = CommissioningTemplate.parse({
  ...builtInTemplates[0],
  name: 'Depot quick check',
  keys: { ...builtInTemplates[0]!.keys, MeterValueSampleInterval: '5' },
  sessionSeconds: 20,
});
/** A 1x1 PNG, as a photo of the installation. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(!chromiumPath())(
  'commissioning in a browser (serve mode)',
  () => {
    let serve: ServeProcess;
    let browser: Browser;
    let page: Page;
    let id = '';

    /** A step of the wizard's stepper (a tab; its name starts with the step's number until it is done). */
    const step = (name: string) => page.getByRole('tab', { name: new RegExp(`^(\\d+\\s*)?${name}`) });

    beforeAll(async () => {
      ({ serve, browser, page } = await startUiSession({ id: CP, connectors: 1, firmwareVersion: '1.4.2' }, async (bench) => {
        await bench.call('commissioning:saveTemplate', { template: QUICK });
      }));
    }, 180_000);

    afterAll(() => stopUiSession({ serve, browser }));

    it('takes the site and job, the charger and the plan, and runs the checks to a verdict on every step', async () => {
      await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Commissioning', exact: true }).click();
      await page.getByRole('button', { name: 'New commissioning' }).click();
      await page.getByRole('button', { name: 'Next' }).click();
      expect(await page.getByText('Name the site').isVisible()).toBe(true);
      await page.getByRole('combobox', { name: 'Site' }).fill('Depot Nord');
      await page.getByRole('textbox', { name: 'Site address' }).fill('Hafenstraße 1, Hamburg');
      await page.getByRole('textbox', { name: 'Charger location' }).fill('Bay 4');
      await page.getByRole('textbox', { name: /^Installer/ }).fill('A. Person');
      await page.getByRole('textbox', { name: 'Company' }).fill('Elektro GmbH');
      await page.getByRole('textbox', { name: 'Customer' }).fill('Stadtwerke Nord');
      await page.getByRole('button', { name: 'Next' }).click();

      await page
        .getByRole('list', { name: 'Connected chargers' })
        .getByRole('button', { name: new RegExp(CP) })
        .click();
      await page.getByRole('button', { name: `Next: plan for ${CP}` }).click();
      await page.getByRole('table', { name: 'Configuration baseline' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Test session (s)' }).inputValue()).toBe('300');
      // Serve mode runs on real time: the site's saved quick template (meter values every 5 s, a 20 s session) keeps the walk short.
      await page.getByRole('combobox', { name: 'Template' }).click();
      await page.getByRole('option', { name: QUICK.name }).click();
      expect(await page.getByRole('textbox', { name: 'Test session (s)' }).inputValue()).toBe('20');
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('button', { name: `Start the checks on ${CP}` }).click();
      // The wizard's own URL (…/new?step=checks) until the commissioning is made, then the commissioning's.
      await page.waitForURL(/#\/commissioning\/(?!new\?)[^/?]+\?step=checks/);
      id = decodeURIComponent(/#\/commissioning\/([^?]+)/.exec(page.url())![1]);
      await expect.poll(async () => (await serve.call('commissioning:get', { id })).state, { timeout: 120_000 }).toBe('finished');
      const view = await serve.call('commissioning:get', { id });
      const steps = page.getByRole('list', { name: 'Steps of the plan' });
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'steps run' }).textContent()).toBe(`${view.steps.length} of ${view.steps.length} steps run.`);
      for (const s of view.steps as Array<{ title: string; result: { verdict: string } | null }>) {
        expect(s.result, s.title).not.toBeNull();
        expect(await steps.getByRole('listitem', { name: s.title }).textContent()).toContain({ pass: 'Pass', fail: 'Fail', notApplicable: 'Not applicable' }[s.result!.verdict as 'pass'] ?? '');
      }
      expect(view.steps.every((s: { result: { verdict: string } | null }) => s.result && ['pass', 'notApplicable'].includes(s.result.verdict))).toBe(true);
      await page.getByRole('table', { name: 'Configuration diff' }).waitFor();
      await page.screenshot({ path: join(screenshotsDir, 'commissioning-checks.png') });
    });

    it('takes the on-site checklist with measured values and a photo', async () => {
      await step('On-site checklist').click();
      const values: Record<string, string> = { 'Earth resistance': '0.8', 'RCD trip time': '18', 'RCD trip current': '27', 'Insulation resistance': '>500', 'Phase rotation': 'L1-L2-L3' };
      for (const label of [
        'Earth resistance',
        'RCD trip time',
        'RCD trip current',
        'Insulation resistance',
        'Phase rotation',
        'Cable and connector undamaged and correctly rated',
        'Mounting, clearances and impact protection',
        'Labelling and circuit identified at the distribution board',
      ]) {
        const item = page.getByRole('region', { name: label, exact: true });
        await item.getByRole('button', { name: 'Conform', exact: true }).click();
        if (values[label]) {
          await item.getByRole('textbox', { name: new RegExp(`^${label}: measured value`) }).fill(values[label]);
          await item.getByRole('textbox', { name: `${label}: notes` }).click();
        }
      }
      await page.getByLabel('Photo files').setInputFiles({ name: 'distribution-board.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('img', { name: 'distribution-board.png' }).waitFor();
      // The preview shows (the page's policy lets data: images in): a blocked image has no width.
      await expect.poll(() => page.getByRole('img', { name: 'distribution-board.png' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      await page.getByLabel('Photo files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
      await page.getByText('notes.txt is not a JPEG, PNG or WebP image: not added.').waitFor();
      await expect.poll(async () => (await serve.call('commissioning:get', { id })).checklist.filter((e: { result: string | null }) => e.result === 'conform').length, { timeout: 10_000 }).toBe(8);
      const view = await serve.call('commissioning:get', { id });
      expect(view.checklist.find((e: { id: string }) => e.id === 'earthResistance').value).toBe('0.8');
      expect(view.photos.map((p: { name: string }) => p.name)).toEqual(['distribution-board.png']);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshotsDir, 'commissioning-checklist.png') });
    });

    it('signs the handover with a drawn signature, after asking', async () => {
      await step('Handover').click();
      const pad = page.getByRole('img', { name: "Installer's signature: draw here" });
      const box = (await pad.boundingBox())!;
      await page.mouse.move(box.x + 30, box.y + box.height * 0.7);
      await page.mouse.down();
      for (let i = 1; i <= 24; i++) await page.mouse.move(box.x + 30 + i * 14, box.y + box.height * (0.5 + 0.25 * Math.sin(i / 2)));
      await page.mouse.up();
      await page.getByRole('checkbox', { name: /acknowledges that the charger was handed over/ }).check();
      await page.screenshot({ path: join(screenshotsDir, 'commissioning-handover.png') });
      await page.getByRole('button', { name: 'Sign the handover' }).click();
      const ask = page.getByRole('dialog', { name: `Sign the handover of ${CP}?` });
      expect(await ask.textContent()).toContain('Stadtwerke Nord');
      await ask.getByRole('button', { name: /^Sign: / }).click();
      await page.getByText(/Handed over on .* The record is final\./).waitFor();
      await expect.poll(() => page.getByRole('img', { name: /^Signature of / }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      const view = await serve.call('commissioning:get', { id });
      expect(view.state).toBe('handedOver');
      expect(view.handover.installer.kind).toBe('drawn');
      expect(view.handover.installer.image).toMatch(/^data:image\/png;base64,/);
      expect(view.handover.customer).toMatchObject({ name: 'Stadtwerke Nord', acknowledged: true });
    });

    it('downloads the report and shows it', async () => {
      await step('Report').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Report (HTML)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.html$/);
      await page.getByText(/Report \(HTML\) saved/).waitFor();
      const href = await page.getByRole('link', { name: 'Open the report' }).getAttribute('href');
      const report = await page.context().newPage();
      await report.setViewportSize({ width: 1100, height: 1400 });
      await report.goto(href!);
      expect(await report.content()).toContain('Depot Nord');
      await report.screenshot({ path: join(screenshotsDir, 'commissioning-report.png') });
      await report.close();
    });
  },
  600_000,
);
