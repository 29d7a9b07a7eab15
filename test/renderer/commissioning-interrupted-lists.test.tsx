// @vitest-environment jsdom
// A commissioning whose run the bench's unexpected stop cut short (killed, crashed, lost power: no clean
// shutdown) reads so everywhere a person looks: the commissionings list and the site's page say it in its
// page's words, never "Not started"; its header and checks line too when its record kept it 'ready' through
// its first run (an earlier version did); and a run of only some steps is counted by its own steps.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { checksStatus, stateText } from '../../src/renderer/src/features/commissioning/progress';
import { SiteSummaryScreen } from '../../src/renderer/src/features/commissioning/SiteSummaryScreen';
import type { CommissioningLastRun, CommissioningListItem, CommissioningView, SiteSummary } from '../../src/shared/api/commissioning';
import { formatDateTime, formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient, withBench } from './fake-client';
import { freshCommissioningScreens, open } from './commissioning-fixtures';

freshCommissioningScreens();

const heardAt = '2025-01-01T10:02:13.000Z';
const interrupted = { lastHeardAt: heardAt, during: 'Connectors' };
const said = `the bench stopped unexpectedly (no clean shutdown: it was killed, crashed or lost power) during Connectors; the record last heard from the run at`;
const ids = ['C3_IDENTITY', 'C4_CONNECTORS', 'C5_BASELINE', 'C6_READER', 'C7_OFFLINE', 'C10_LOAD_LIMIT', 'C8_SESSION', 'C9_UNLOCK', 'C9_AVAILABILITY', 'C9_RESET'];
const run = (patch: Partial<CommissioningLastRun> = {}): CommissioningLastRun => ({
  outcome: 'interrupted',
  startedAt: '2025-01-01T10:00:00.000Z',
  finishedAt: null,
  steps: ids,
  stoppedIn: null,
  interrupted,
  ...patch,
});
/** Three steps with a result of this run (`withResult`), the others none. */
const steps = (withResult: string[]) =>
  ids.map((id) => ({
    id,
    title: id === 'C4_CONNECTORS' ? 'Connectors' : id === 'C8_SESSION' ? 'Test session' : id,
    section: '',
    attempts: withResult.includes(id) ? 1 : 0,
    result: withResult.includes(id) ? { verdict: 'pass', startedAt: '2025-01-01T10:00:10.000Z' } : null,
  })) as unknown as CommissioningView['steps'];

describe('a commissioning kept "ready" through a first run the bench’s unexpected stop cut short', () => {
  it('its header and checks line say the run was cut short, not "Not started"', () => {
    const v = { steps: steps(['C3_IDENTITY', 'C5_BASELINE', 'C6_READER']), state: 'ready' as const, running: null, lastRun: run() };
    expect(stateText(v)).toBe('Cut short: the bench stopped unexpectedly, 7 of 10 steps not run, not handed over');
    expect(checksStatus(v)).toMatch(new RegExp(`^The last run was cut short: ${said.replace(/[()]/g, '\\$&')} .*10:02:13.* \\(nobody pressed Stop\\): 3 of 10 steps run, 7 not run`));
  });

  it('before any step had a result: it says so, not "Not started"', () => {
    const v = { steps: steps([]), state: 'finished' as const, running: null, lastRun: run({ interrupted: { lastHeardAt: heardAt, during: null } }) };
    expect(stateText(v)).toBe('Cut short: the bench stopped unexpectedly before any step ran, not handed over');
    expect(checksStatus(v)).toMatch(/^The last run was cut short: the bench stopped unexpectedly .* before the first step; .* \(nobody pressed Stop\): no step has a result yet/);
  });
});

describe('a run of one step the bench’s unexpected stop cut short', () => {
  it('is counted by its own step, the plan’s others as not run in any run yet', () => {
    const v = { steps: steps([]), state: 'finished' as const, running: null, lastRun: run({ steps: ['C8_SESSION'], interrupted: { lastHeardAt: heardAt, during: 'Test session' } }) };
    v.steps.find((s) => s.id === 'C8_SESSION')!.result = { verdict: 'pass', startedAt: '2024-12-31T10:00:00.000Z' } as never; // an earlier run's
    expect(stateText(v)).toBe('Run of 1 step (Test session) cut short: the bench stopped unexpectedly, 9 of 10 steps not run in any run yet, not handed over');
    expect(checksStatus(v)).toBe(
      `The run of 1 step (Test session) was cut short: the bench stopped unexpectedly (no clean shutdown: it was killed, crashed or lost power) during Test session; the record last heard from the run at ${formatWhen(heardAt)} (nobody pressed Stop): 0 of its 1 step run, 1 not reached. 9 of the plan’s 10 steps have not run in any run yet (each can be run on its own below).`,
    );
  });
});

describe('the lists', () => {
  it('the commissionings list says its latest run was cut short by the bench stopping unexpectedly', async () => {
    const item: CommissioningListItem = {
      id: 'c1',
      chargerId: 'CP001',
      site: 'Depot Nord',
      location: 'Bay 4',
      state: 'finished',
      verdict: 'incomplete',
      createdAt: '2025-01-01T09:59:00.000Z',
      updatedAt: heardAt,
      lastRun: run(),
    };
    open(fakeClient({ 'commissioning:list': () => [item], 'commissioning:sites': () => [] }), '/commissioning');
    const table = await screen.findByRole('table', { name: 'Commissionings' });
    expect(within(table).getByText('Cut short: the bench stopped unexpectedly, not handed over')).toBeTruthy();
    expect(within(table).queryByText(/Not started|Not handed over/)).toBeNull();
  });

  it('the site’s page says it, with when it was last heard from and during which step', async () => {
    const charger: SiteSummary['chargers'][number] = {
      commissioningId: 'c1',
      chargerId: 'CP001',
      location: 'Bay 4',
      state: 'finished',
      verdict: 'incomplete',
      offlinePolicy: null,
      failed: [],
      checkedAt: null,
      interrupted,
      signedAt: null,
      signedEarlier: null,
    };
    const s: SiteSummary = { site: 'Depot', address: '', chargers: [charger], madeAt: heardAt, offlinePolicySame: true, offlinePolicyChecked: 0 };
    render(
      withBench(
        fakeClient({ 'commissioning:site': () => s }),
        <Routes>
          <Route path="/commissioning/sites/:site" element={<SiteSummaryScreen />} />
        </Routes>,
        '/commissioning/sites/Depot',
      ),
    );
    const table = await screen.findByRole('table', { name: 'Chargers of Depot' });
    expect(within(table).getByText('Cut short: the bench stopped unexpectedly, not handed over')).toBeTruthy();
    expect(within(table).getByText(`The last run was cut short: ${said} ${formatDateTime(heardAt)}.`)).toBeTruthy();
  });
});
