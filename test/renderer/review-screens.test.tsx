// @vitest-environment jsdom
// What a review of the screens found, each held here: a running session's duration up to the last contact
// whether the charger is offline or the link to the bench is lost; two runs compared start over when other
// runs are compared on the same screen, and name a case in one run only in words; a new FTP port saved is
// not called "taken" before the bench has said where it listens now.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useNavigate } from 'react-router';
import { fakeClient, liveBench, Where, withBench, stubResizeObserver } from './fake-client';
import { aCaseResult, aCharger, aConnector, aTransaction } from './builders';
import { CallFailure } from '../../src/renderer/src/api/client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { formatDuration } from '../../src/renderer/src/features/transactions/TransactionsTable';
import { CompareScreen } from '../../src/renderer/src/features/test-runs/CompareScreen';
import { SettingsScreen } from '../../src/renderer/src/app/screens';
import { formatTime } from '../../src/renderer/src/components/format';
import { defaultTestData, type CaseResult, type RunResult } from '../../src/shared/api/test-runs';
import type { BenchSettings } from '../../src/shared/api/views';
import type { BenchStatus } from '../../src/shared/api/status';
import { defaultSettings } from '../../src/shared/api/settings';

stubResizeObserver();

const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  off = undefined;
  cleanup();
});

describe('a running session in the transactions list, not live', () => {
  const running = aTransaction(31, 'CP001', 1, 'TAG-A', { startTime: ago(120) });
  const open = (chargerPatch: Parameters<typeof aCharger>[1]) => {
    const client = fakeClient({ 'transactions:list': () => [running] });
    off = liveBench(client, {
      chargers: { CP001: aCharger('CP001', chargerPatch) },
      activeTransactions: { 31: running },
      meter: { 'CP001/1': [{ t: Date.now() - 60 * 60_000, energyWh: 12_000, powerW: 7000, transactionId: 31 }] },
    });
    render(withBench(client, <TransactionsScreen />, '/transactions'));
  };
  const row = async () => {
    await screen.findByText('#31');
    return within(screen.getAllByRole('row').find((r) => r.textContent?.includes('#31'))!);
  };

  it('its charger offline: up to the charger’s last contact, and says it is offline', async () => {
    const lastSeen = ago(30);
    open({ connected: false, lastSeen });
    const r = await row();
    const shown = r.getByText(`≥ ${formatDuration(Date.parse(lastSeen) - Date.parse(running.startTime))}`);
    expect(shown.getAttribute('title')).toBe(`Up to the last contact (${formatTime(lastSeen)}): CP001 is offline`);
    expect(r.getByText('at last contact')).toBeTruthy();
  });

  it('the link to the bench lost: up to then, not to the online charger’s last message (the session’s start)', async () => {
    // Online, and heard last when the session started two hours ago; its connector charging (not a session it lost).
    open({ connected: true, lastSeen: running.startTime, connectors: [aConnector(1, { status: 'Charging' })] });
    const r = await row();
    expect(r.getByText('so far')).toBeTruthy();
    const since = ago(1);
    act(() => useBench.setState({ link: 'closed', linkSince: since }));
    const shown = r.getByText(`≥ ${formatDuration(Date.parse(since) - Date.parse(running.startTime))}`);
    expect(shown.getAttribute('title')).toBe(`Up to the last contact (${formatTime(since)}): the link to the bench is down`);
    expect(r.queryByText(/offline/)).toBeNull();
    expect(r.getByText('at last contact')).toBeTruthy();
    expect(r.queryByText('so far')).toBeNull();
  });
});

describe('two runs compared', () => {
  const verdict = (id: string, v: CaseResult['verdict']): CaseResult => aCaseResult({ id, title: id, section: '2', verdict: v, ms: 10 });
  const run = (id: string, startedAt: string, cases: CaseResult[]): RunResult => ({
    id,
    chargerId: 'VCP1',
    charger: { vendor: 'ChargeBench', model: 'Virtual AC', firmware: '1.0.0', serial: null },
    virtual: true,
    startedAt,
    finishedAt: startedAt,
    ms: 1000,
    wallMs: 1000,
    fakeTime: true,
    benchVersion: '0.1.0',
    data: defaultTestData(),
    pics: null,
    planned: cases.map((c) => c.id),
    cases,
    summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
    state: 'finished',
  });
  const runs: Record<string, RunResult> = {
    'run-a': run('run-a', '2025-01-01T10:00:00.000Z', [verdict('TC_003_CS', 'pass'), verdict('TC_001_CS', 'pass')]),
    'run-b': run('run-b', '2025-01-02T10:00:00.000Z', [verdict('TC_003_CS', 'fail')]),
    'run-c': run('run-c', '2025-01-03T10:00:00.000Z', [verdict('TC_003_CS', 'pass')]),
    'run-d': run('run-d', '2025-01-04T10:00:00.000Z', [verdict('TC_003_CS', 'fail')]),
  };
  function Go() {
    const navigate = useNavigate();
    return (
      <>
        <button onClick={() => navigate('/test-runs/compare?a=run-c&b=run-d')}>Other runs</button>
        <button onClick={() => navigate(-1)}>Back</button>
      </>
    );
  }

  it('start over, not swapped, for other runs on the same screen (back and forward), and name a case in one run only in words', async () => {
    const user = userEvent.setup();
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true });
    const client = fakeClient({ 'tests:get': ({ runId }) => runs[runId] });
    render(
      withBench(
        client,
        <>
          <Routes>
            <Route path="/test-runs/compare" element={<CompareScreen />} />
          </Routes>
          <Go />
          <Where />
        </>,
        '/test-runs/compare?a=run-a&b=run-b',
      ),
    );
    const side = () => screen.getByRole('table', { name: 'Verdicts side by side' });
    await user.click(await screen.findByRole('button', { name: 'Swap: the later run as A' }));
    expect(within(side()).getByRole('row', { name: 'TC_003_CS better' })).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: 'Only the cases whose verdict changed' }));
    expect(within(side()).getByRole('row', { name: 'TC_001_CS in one run only' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Other runs' }));
    expect(screen.getByTestId('where').textContent).toBe('/test-runs/compare?a=run-c&b=run-d');
    expect(await screen.findByRole('button', { name: 'Swap: the later run as A' })).toBeTruthy();
    expect(within(side()).getByRole('row', { name: 'TC_003_CS worse' })).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: 'Run A' }))
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('/test-runs/run-c');

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByText(/^From A \(the earlier run\) to B/)).toBeTruthy();
    expect(within(side()).getByRole('row', { name: 'TC_003_CS worse' })).toBeTruthy();
  });
});

describe('a new FTP port saved', () => {
  const settings: BenchSettings = { ...defaultSettings };
  const status: BenchStatus = { version: '0.1.0', host: '0.0.0.0', port: 9000, connectedChargers: [], ftp: { port: 2121, fixed: false }, dataDir: '/d', face: 'serve' };
  let answer: { ok: (s: BenchStatus) => void; fail: (e: Error) => void };
  const saveNewPort = async () => {
    let saved = { ...settings };
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true, status }, true);
    const client = fakeClient({
      'settings:get': () => saved,
      'settings:update': (patch) => (saved = { ...saved, ...patch } as BenchSettings),
      'idTags:list': () => [],
      'bench:status': () => new Promise<BenchStatus>((ok, fail) => (answer = { ok, fail })),
    });
    render(withBench(client, <SettingsScreen />));
    const field = await screen.findByLabelText('FTP port');
    await userEvent.clear(field);
    await userEvent.type(field, '2200');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    // Moving the FTP server is asked first (what it cuts off: settings-ftp-move.test.tsx).
    await userEvent.click(await screen.findByRole('button', { name: 'Save: move FTP to port 2200' }));
    expect(await screen.findByText(/Settings saved/)).toBeTruthy();
  };

  it('says nothing of a taken port until the bench says where it listens now', async () => {
    await saveNewPort();
    // Saved, the status still the old port's: not "taken".
    expect(screen.queryByText(/was taken or not allowed/)).toBeNull();
    expect(screen.queryByText(/Listening now on port 2121/)).toBeNull();
    await act(async () => answer.ok({ ...status, ftp: { port: 2200, fixed: false } }));
    expect(await screen.findByText(/Listening now on port 2200\./)).toBeTruthy();
    expect(screen.queryByText(/was taken or not allowed/)).toBeNull();
  });

  it('a port that was taken is said once the status answers', async () => {
    await saveNewPort();
    await act(async () => answer.ok({ ...status, ftp: { port: 40111, fixed: false } }));
    expect(await screen.findByText(/FTP port 2200 was taken or not allowed: the FTP server listens on port 40111/)).toBeTruthy();
  });

  it('when the status cannot be read, says the port in use could not be read, not that it was taken', async () => {
    await saveNewPort();
    await act(async () => answer.fail(new CallFailure({ status: 503, message: 'busy' })));
    expect(await screen.findByText(/FTP port 2200 is saved, but the port the FTP server listens on now could not be read/)).toBeTruthy();
    expect(screen.queryByText(/was taken or not allowed/)).toBeNull();
  });
});
