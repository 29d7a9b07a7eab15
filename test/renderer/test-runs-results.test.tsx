// @vitest-environment jsdom
// A finished test run: its failure explained next to its frames with the reports to download, a re-run
// offered; the history of a charger's runs, and two runs compared.
import { describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import type { RunListItem, RunResult } from '../../src/shared/api/test-runs';
import { fakeClient, withBench } from './fake-client';
import { cases, failed, listItem, passed, run, screens, summary, twoChargersEachTest } from './test-runs-fixtures';

twoChargersEachTest();

describe('results', () => {
  it("explains a failure with the deciding step's expected and actual beside its frames, highlights them, and downloads the reports", async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run() });
    const download = vi.spyOn(client, 'downloadReport');
    render(withBench(client, screens, '/test-runs/run-1'));
    // The first failed case opens by itself.
    const article = await screen.findByRole('article', { name: 'Case TC_017_1_CS' });
    expect(within(article).getByText('Charger sends StopTransaction (reason UnlockCommand): reason UnlockCommand (got Local)')).toBeTruthy();
    const deciding = within(article).getByRole('region', { name: 'Deciding step' });
    expect(deciding.textContent).toContain('Deciding step 2: Charger sends StopTransaction (reason UnlockCommand)');
    expect(within(deciding).getByLabelText('Expected').textContent).toBe('StopTransaction with reason UnlockCommand');
    expect(within(deciding).getByLabelText('Actual').textContent).toBe('StopTransaction with reason Local');
    const its = within(deciding).getByRole('table', { name: 'Frames of step 2' });
    expect(within(its).getAllByRole('row')).toHaveLength(2);
    expect(its.textContent).toContain('"reason":"Local"');

    const all = within(article).getByRole('table', { name: 'Frames of TC_017_1_CS' });
    const highlighted = all.querySelectorAll('tr[data-highlighted]');
    expect(highlighted).toHaveLength(1);
    expect(highlighted[0].textContent).toContain('stop-7');
    // Another step chosen: its frames are highlighted instead.
    await user.click(within(article).getByRole('row', { name: /Bench sends UnlockConnector/ }));
    expect([...all.querySelectorAll('tr[data-highlighted]')].map((r) => r.textContent)).toEqual([expect.stringContaining('UnlockConnector'), expect.stringContaining('UnlockConnector result')]);

    expect(within(article).getByRole('region', { name: 'Decisions taken' }).textContent).toContain('either order');
    expect(within(article).getByRole('region', { name: 'Observations' }).textContent).toContain('Heartbeat');
    expect(screen.getByText(/took 3\.0 s \(1 min 30 s of charger time\)/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Evidence pack (zip)' }));
    await user.click(screen.getByRole('button', { name: 'PDF' }));
    expect(download.mock.calls).toEqual([[{ runId: 'run-1', file: 'evidence.zip' }], [{ runId: 'run-1', file: 'report.pdf' }]]);
    expect(await screen.findByText(/saved to test download/)).toBeTruthy();

    // Another case from the list; and the failed one offered to run again.
    await user.click(screen.getByRole('button', { name: 'TC_003_CS: pass' }));
    expect(screen.getByRole('article', { name: 'Case TC_003_CS' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Re-run the 1 failed case…' }));
    expect(screen.getByTestId('where').textContent).toBe('/test-runs?charger=VCP1&rerun=run-1');
  });

  it('offers to re-run a stopped run’s inconclusive case as inconclusive, not as failed', async () => {
    const stoppedRun = run({
      state: 'stopped',
      cases: [{ ...passed('TC_003_CS', 'Regular Charging Session - Plugin First'), verdict: 'inconclusive', reason: 'The run was stopped' }],
      summary: summary({ inconclusive: 1 }),
    });
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => stoppedRun });
    render(withBench(client, screens, '/test-runs/run-1'));
    expect(await screen.findByRole('button', { name: 'Re-run the 1 inconclusive case…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /failed case/ })).toBeNull();
  });

  it('shows a report the bench cannot make as an error', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run() });
    client.downloadReport = async () => {
      throw new CallFailure({ status: 501, message: 'No Chromium to print the PDF with' });
    };
    render(withBench(client, screens, '/test-runs/run-1'));
    await user.click(await screen.findByRole('button', { name: 'PDF' }));
    expect(await screen.findByText('PDF: No Chromium to print the PDF with')).toBeTruthy();
  });
});

describe('history and comparison', () => {
  it('says how many cases a stopped run left out, and nothing of the kind for a finished one', async () => {
    // Started and finished on a fake clock 70 s apart, in 3.7 s of wall time: the history says what it took.
    const stopped: RunListItem = {
      ...listItem(run({ id: 'run-s', state: 'stopped', finishedAt: '2025-01-01T10:01:10.000Z' })),
      summary: summary({ pass: 3, inconclusive: 1 }),
      planned: 40,
      wallMs: 3687,
      // Its startedAt is the fake clock's (2025); on the wall clock it ran on 2026-12-05.
      wallStartedAt: '2026-12-05T08:00:00.000Z',
    };
    const whole: RunListItem = { ...listItem(run({ id: 'run-f', startedAt: '2025-01-01T09:00:00.000Z' })), summary: summary({ pass: 2 }) };
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [stopped, whole] });
    render(withBench(client, screens, '/test-runs?charger=VCP1'));
    const rows = within(await screen.findByRole('table', { name: 'Test runs' })).getAllByRole('row');
    expect(rows[1].textContent).toContain('Stopped36 of 40 cases not run');
    expect(rows[1].textContent).toContain('2026');
    expect(rows[1].textContent).not.toContain('2025');
    expect(rows[2].textContent).toContain('2025');
    expect(within(rows[1]).getAllByRole('cell').at(-1)!.textContent).toBe('3.7 s');
    expect(rows[2].textContent).toContain('Finished');
    expect(rows[2].textContent).not.toContain('not run');
  });

  it('compares two runs with the same verdicts: the switch for changed cases is off (every case shows) and says why', async () => {
    const a = run({ id: 'run-a' });
    const b = run({ id: 'run-b', startedAt: '2025-01-02T10:00:00.000Z' });
    const runs = { 'run-a': a, 'run-b': b } as Record<string, RunResult>;
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': ({ runId }) => runs[runId] });
    render(withBench(client, screens, '/test-runs/compare?a=run-a&b=run-b'));
    expect(await screen.findByText(/^From A \(the earlier run\) to B: no verdict changed/)).toBeTruthy();
    const toggle = screen.getByRole('switch', { name: /^Only the cases whose verdict changed \(none did/ }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(toggle.disabled).toBe(true);
    expect(within(screen.getByRole('table', { name: 'Verdicts side by side' })).getAllByRole('row').length).toBe(a.cases.length + 1);
  });

  it("lists a charger's runs and compares two: the verdicts that changed, side by side", async () => {
    const user = userEvent.setup();
    const a = run({ id: 'run-a', charger: { vendor: 'Acme', model: 'Wall 22', firmware: '1.4.2', serial: null }, startedAt: '2025-01-01T10:00:00.000Z' });
    const b = run({
      id: 'run-b',
      charger: { vendor: 'Acme', model: 'Wall 22', firmware: '1.5.0', serial: null },
      startedAt: '2025-01-02T10:00:00.000Z',
      cases: [
        { ...passed('TC_003_CS', 'Regular Charging Session - Plugin First'), verdict: 'fail', reason: 'No StartTransaction within 30 s' },
        { ...failed, verdict: 'pass', reason: null },
        passed('TC_001_CS', 'Cold Boot Charge Point'),
      ],
      summary: summary({ pass: 2, fail: 1 }),
    });
    const runs = { 'run-a': a, 'run-b': b } as Record<string, RunResult>;
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [listItem(b), listItem(a)], 'tests:get': ({ runId }) => runs[runId] });
    render(withBench(client, screens, '/test-runs?charger=VCP1'));
    const table = await screen.findByRole('table', { name: 'Test runs' });
    expect(client.callsOf('tests:list')).toContainEqual({ chargerId: 'VCP1' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const compare = screen.getByRole('button', { name: 'Compare' });
    expect((compare as HTMLButtonElement).disabled).toBe(true);
    const picks = within(table).getAllByRole('checkbox');
    await user.click(picks[1]);
    await user.click(picks[0]);
    await user.click(compare);
    expect(screen.getByTestId('where').textContent).toBe('/test-runs/compare?a=run-a&b=run-b');

    expect(await screen.findByText('From A (the earlier run) to B: 2 verdicts changed: 1 worse, 1 better, of 2 cases in both runs. 1 case is in one run only.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Run A' }).textContent).toContain('firmware 1.4.2');
    expect(screen.getByRole('region', { name: 'Run B' }).textContent).toContain('firmware 1.5.0');
    const side = screen.getByRole('table', { name: 'Verdicts side by side' });
    const worse = within(side).getByRole('row', { name: 'TC_003_CS worse' });
    expect(
      within(worse)
        .getAllByText(/Pass|Fail/)
        .map((e) => e.textContent),
    ).toEqual(['Pass', 'Fail']);
    expect(worse.textContent).toContain('No StartTransaction within 30 s');
    expect(within(side).getByRole('row', { name: 'TC_017_1_CS better' })).toBeTruthy();
    expect(within(worse).getByRole('link', { name: 'TC_003_CS in run A' }).getAttribute('href')).toBe('/test-runs/run-a?case=TC_003_CS');
    // A case in one run only is no verdict change: shown with every case, not counted.
    expect(within(side).queryByRole('row', { name: /^TC_001_CS/ })).toBeNull();
    await user.click(screen.getByRole('switch', { name: 'Only the cases whose verdict changed' }));
    expect(within(side).getByRole('row', { name: 'TC_001_CS in one run only' }).textContent).toContain('Not in this run');

    // Picked the other way round (the newer first), the earlier run is still the baseline: the regression reads as worse.
    cleanup();
    render(withBench(client, screens, '/test-runs/compare?a=run-b&b=run-a'));
    const again = await screen.findByRole('table', { name: 'Verdicts side by side' });
    expect(within(again).getByRole('row', { name: 'TC_003_CS worse' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Run A' }).textContent).toContain('the earlier run, the baseline');
    await user.click(screen.getByRole('button', { name: 'Swap: the later run as A' }));
    expect(within(again).getByRole('row', { name: 'TC_003_CS better' })).toBeTruthy();
  });
});
