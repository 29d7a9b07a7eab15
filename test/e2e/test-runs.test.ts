// Conformance runs end to end, as a QA engineer drives them: `chargebench serve` in its own process,
// Debian's Chromium signed in, a built-in virtual charger. The Test runs screen starts TC_003_CS and
// TC_017_1_CS (picked by id), shows both verdicts, runs them again with the charger refusing to unlock
// (TC_017_1_CS fails at the step it guards, explained next to its frames), and compares the two runs.
// Then a charger the bench does not drive itself (`chargebench vcp` in its own process): the run asks
// first, the person is asked to plug in with a dialog over the live view, does it and answers Done, then
// skips presenting the card. Takes the screenshots of the screens, at 1440x900 and at 1366x768.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildUi, chargerConnected, chromiumPath, launchChromium, signedInPage, startServe, type ServeProcess } from '../helpers/serve';

const root = join(import.meta.dirname, '..', '..');
const shots = resolve(root, process.env.CHARGEBENCH_SCREENSHOTS ?? join('test-results', 'screenshots'));
/** The smaller laptop screen, looked at too (kept out of the README). */
const small = resolve(root, 'test-results', 'screenshots-1366');
const CP = 'VCP-OCTT';

describe.skipIf(!chromiumPath())(
  'conformance runs in a browser (serve mode)',
  () => {
    let serve: ServeProcess;
    let browser: Browser;
    let page: Page;
    const runIds: string[] = [];

    /** A screenshot at the usual size (the README's in `shots`, the others with the test results), and one at 1366x768. */
    const shot = async (name: string, readme = false) => {
      await page.screenshot({ path: join(readme ? shots : join(root, 'test-results', 'screenshots'), `${name}.png`) });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(small, `${name}.png`) });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.waitForTimeout(300);
    };

    async function startRun(): Promise<string> {
      await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Test runs', exact: true }).click();
      await page.getByRole('combobox', { name: 'Charger' }).click();
      // A virtual charger carries its badge in the picker.
      await page.getByRole('option', { name: new RegExp(`^${CP}.*Virtual charger`) }).click();
      await page.getByRole('radio', { name: 'Chosen by id' }).check();
      const search = page.getByRole('textbox', { name: 'Search cases' });
      const list = page.getByRole('group', { name: 'Cases to run' });
      for (const id of ['TC_003_CS', 'TC_017_1_CS']) {
        await search.fill(id);
        await list.getByRole('checkbox', { name: new RegExp(`^${id} `) }).check();
      }
      await page.getByRole('button', { name: `Start 2 cases on ${CP}`, exact: true }).click();
      await page.waitForURL(/#\/test-runs\/run-/);
      return decodeURIComponent(/#\/test-runs\/([^?]+)/.exec(page.url())![1]);
    }

    const caseState = (id: string) => page.getByRole('list', { name: 'Cases of the run' }).getByRole('button', { name: new RegExp(`^${id}: `) });

    beforeAll(async () => {
      buildUi();
      mkdirSync(shots, { recursive: true });
      mkdirSync(small, { recursive: true });
      mkdirSync(join(root, 'test-results', 'screenshots'), { recursive: true });
      serve = await startServe();
      await serve.call('virtualChargers:create', { id: CP, connectors: 2, firmwareVersion: '1.4.2' });
      browser = await launchChromium();
      page = await signedInPage(browser, serve);
      await chargerConnected(serve, CP);
    }, 180_000);

    let vcp: ChildProcess | null = null;

    afterAll(async () => {
      vcp?.kill('SIGTERM');
      await browser?.close();
      await serve?.stop();
    });

    it('runs TC_003_CS and TC_017_1_CS on a virtual charger and shows both verdicts', async () => {
      runIds.push(await startRun());
      await expect.poll(() => caseState('TC_003_CS').getAttribute('aria-label'), { timeout: 60_000 }).toBe('TC_003_CS: pass');
      await expect.poll(() => caseState('TC_017_1_CS').getAttribute('aria-label'), { timeout: 60_000 }).toBe('TC_017_1_CS: pass');
      await expect.poll(() => page.getByRole('group', { name: 'Downloads' }).isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await page.getByLabel('Verdicts so far').textContent()).toContain('2 pass');
      const run = await serve.call('tests:get', { runId: runIds[0] });
      expect(run.cases.map((c: { id: string; verdict: string }) => [c.id, c.verdict])).toEqual([
        ['TC_003_CS', 'pass'],
        ['TC_017_1_CS', 'pass'],
      ]);
      await caseState('TC_003_CS').click();
      await shot('test-runs-results');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JUnit XML' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.junit\.xml$/);
    });

    it('runs them again with the charger refusing to unlock: the failure is explained next to its frames', async () => {
      await serve.call('virtualChargers:setFault', { id: CP, fault: 'action', value: { on: true, action: 'UnlockConnector', mode: 'reject' } });
      runIds.push(await startRun());
      await shot('test-runs-live');
      await expect.poll(() => caseState('TC_017_1_CS').getAttribute('aria-label'), { timeout: 60_000 }).toBe('TC_017_1_CS: fail');
      await expect.poll(() => page.getByRole('group', { name: 'Downloads' }).isVisible(), { timeout: 30_000 }).toBe(true);
      await caseState('TC_017_1_CS').click();
      const deciding = page.getByRole('region', { name: 'Deciding step' });
      await expect.poll(() => deciding.textContent()).toContain('UnlockConnector');
      expect(await deciding.getByLabel('Actual').textContent()).toMatch(/UnlockFailed|NotSupported|Rejected/i);
      expect(await page.getByRole('table', { name: 'Frames of TC_017_1_CS' }).locator('tr[data-highlighted]').count()).toBeGreaterThan(0);
      await page.waitForTimeout(700); // the click's ripple fades
      await shot('test-runs-failure', true);
      await serve.call('virtualChargers:setFault', { id: CP, fault: 'action', value: { on: false, action: 'UnlockConnector' } });
    });

    it('lists both runs of the charger and compares them', async () => {
      await page.getByRole('link', { name: '← Test runs' }).click();
      const table = page.getByRole('table', { name: 'Test runs' });
      await expect.poll(() => table.getByRole('row').count()).toBe(3);
      const picks = table.getByRole('checkbox');
      await picks.nth(1).check();
      await picks.nth(0).check();
      await shot('test-runs');
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      const side = page.getByRole('table', { name: 'Verdicts side by side' });
      await expect.poll(() => side.getByRole('row', { name: 'TC_017_1_CS worse' }).isVisible()).toBe(true);
      expect(page.url()).toContain(`a=${encodeURIComponent(runIds[0])}`);
      await page.getByRole('switch', { name: 'Only the cases whose verdict changed' }).uncheck();
      await shot('test-runs-compare');
    });

    it('asks the person at a real charger with a dialog over the live view, sends the answers, and the skipped step makes the case inconclusive', async () => {
      const EXT = 'EXT-1';
      vcp = spawn(process.execPath, [join(root, 'bin', 'chargebench.mjs'), 'vcp', '--url', `ws://127.0.0.1:${serve.port}/ocpp`, '--id', EXT], { cwd: root, stdio: ['pipe', 'ignore', 'ignore'] });
      for (const deadline = Date.now() + 15_000; !(await serve.call('chargers:get', { id: EXT }).catch(() => null))?.boot;) {
        if (Date.now() > deadline) throw new Error(`${EXT} did not connect`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Test runs', exact: true }).click();
      await page.getByRole('combobox', { name: 'Charger' }).click();
      await page.getByRole('option', { name: new RegExp(`^${EXT}`) }).click();
      await page.getByRole('radio', { name: 'Chosen by id' }).check();
      await page.getByRole('textbox', { name: 'Search cases' }).fill('TC_003_CS');
      await page
        .getByRole('group', { name: 'Cases to run' })
        .getByRole('checkbox', { name: /^TC_003_CS / })
        .check();
      await page.getByRole('button', { name: `Start 1 case on ${EXT}…`, exact: true }).click();
      const confirm = page.getByRole('dialog', { name: `Run 1 conformance case on ${EXT}?` });
      // What TC_003_CS does to a real charger, and nothing it does not: it never resets it.
      const said = await confirm.textContent();
      expect(said).toContain('Charging sessions are started and stopped on it');
      expect(said).toContain('asked to plug and unplug the cable');
      expect(said).not.toContain('reset and rebooted');
      await confirm.getByRole('button', { name: `Start the run on ${EXT}` }).click();

      const prompt = page.getByRole('dialog', { name: new RegExp(`Action needed at ${EXT}`) });
      await expect.poll(() => prompt.isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await prompt.textContent()).toContain('Plug the EV cable into connector 1');
      expect(await prompt.getByLabel('Connector').textContent()).toBe('1');
      await page.waitForTimeout(1500); // the countdown moves
      await shot('test-runs-prompt', true);
      vcp.stdin!.write('plug 1\n');
      await prompt.getByRole('button', { name: 'Done', exact: true }).click();
      // The case goes on (the frames of the plug-in pass on the live view), and asks for the card next.
      await expect.poll(async () => (await prompt.isVisible()) && (await prompt.textContent())?.includes('OCTT-VALID'), { timeout: 30_000 }).toBe(true);
      // (Behind the dialog, so out of the accessibility tree while it is open.)
      const liveFrames = () => page.evaluate(() => document.querySelector('table[aria-label="Frames of TC_003_CS so far"]')?.textContent ?? '');
      await expect.poll(liveFrames).toMatch(/StatusNotification.*"status":"Preparing"/);
      await shot('test-runs-prompt-card');
      await prompt.getByRole('button', { name: 'Skip', exact: true }).click();
      // The case ends; the cable the person plugged in is asked out again, for the next case.
      await expect.poll(async () => (await prompt.isVisible()) && (await prompt.textContent())?.includes('Unplug the EV cable from connector 1'), { timeout: 30_000 }).toBe(true);
      vcp.stdin!.write('unplug 1\n');
      await prompt.getByRole('button', { name: 'Done', exact: true }).click();
      await expect.poll(() => prompt.isVisible()).toBe(false);
      await expect
        .poll(
          () =>
            page
              .getByRole('list', { name: 'Cases of the run' })
              .getByRole('button', { name: /^TC_003_CS: / })
              .getAttribute('aria-label'),
          { timeout: 30_000 },
        )
        // The plug-in passed on the person's Done (not checked from frames), and the list says so.
        .toBe("TC_003_CS: inconclusive, 1 step passed on the operator's word");
    });
  },
  240_000,
);
