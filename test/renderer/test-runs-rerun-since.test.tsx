// @vitest-environment jsdom
// Re-running an earlier run's failed cases says what is not as that run started: the charger's firmware now
// (its last BootNotification) against the one it ran on, and what it left not put back, in the form and in
// the confirmation (asked even for a virtual charger with nothing charging). A comparison lists the firmware
// and the charger's identity among what the runs ran with differently, and a Fail that is Inconclusive the
// second time is counted apart, as not concluded, not as better.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { CompareScreen } from '../../src/renderer/src/features/test-runs/CompareScreen';
import { rerunWarnings } from '../../src/renderer/src/features/test-runs/RerunWarnings';
import type { CaseInfo, RunResult } from '../../src/shared/api/test-runs';
import { aCharger, fakeClient, routed, withBench } from './fake-client';
import { aCaseResult, aRunResult } from './builders';

const DUMMY = 'chargebench-octt-1.0.1';
const left = `The charger's firmware was replaced by the test's file by TC_044_1_CS's UpdateFirmware (location http://127.0.0.1:8180/files/${DUMMY}.bin) and not restored: it ran 2.3.1 at the start of the run and runs ${DUMMY} at its end; install 2.3.1 again before testing that firmware`;

const cases: CaseInfo[] = [
  { id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1', decisions: [], notSupported: null },
  { id: 'TC_044_1_CS', title: 'Firmware Update - Download and Install', profile: 'FirmwareManagement', section: '3.10.1', decisions: [], notSupported: null },
];

const run12 = aRunResult({
  id: 'run-12',
  chargerId: 'CP001',
  virtual: true,
  charger: { vendor: 'ChargeBench', model: 'Virtual AC', firmware: '2.3.1', serial: null },
  startedAt: '2025-01-01T10:00:00.000Z',
  wallStartedAt: '2025-01-01T10:00:00.000Z',
  planned: ['TC_003_CS', 'TC_044_1_CS'],
  cases: [
    aCaseResult({ id: 'TC_003_CS', verdict: 'fail', reason: 'No StartTransaction within 30 s' }),
    aCaseResult({ id: 'TC_044_1_CS', title: 'Firmware Update - Download and Install', profile: 'FirmwareManagement', verdict: 'inconclusive', reason: 'Nobody answered' }),
  ],
  summary: { pass: 0, fail: 1, notApplicable: 0, inconclusive: 1, error: 0, notSupported: 0 },
  firmwareAtEnd: DUMMY,
  firmwareReplacedBy: { caseId: 'TC_044_1_CS', location: `http://127.0.0.1:8180/files/${DUMMY}.bin` },
  notPutBackAtEnd: [left],
});

const boot = (firmwareVersion: string) => ({ chargePointVendor: 'ChargeBench', chargePointModel: 'Virtual AC', firmwareVersion });
const withCharger = (firmwareVersion: string) =>
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001', { virtual: true, boot: boot(firmwareVersion) }) } });

const screens = routed({ '/test-runs': <TestRunsScreen />, '/test-runs/compare': <CompareScreen /> });
const client = () =>
  fakeClient({
    'tests:cases': () => cases,
    'tests:list': () => [{ id: 'run-12', chargerId: 'CP001', startedAt: run12.startedAt, finishedAt: run12.finishedAt, state: 'finished', summary: run12.summary }],
    'commissioning:list': () => [],
    'tests:get': () => run12,
  });

beforeEach(() => withCharger(DUMMY));
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('re-running the failed cases of a run that left the charger on the test’s firmware', () => {
  it('warns in the form and in the confirmation that the verdicts will be for the firmware it runs now', async () => {
    const user = userEvent.setup();
    render(withBench(client(), screens, '/test-runs?charger=CP001&rerun=run-12'));
    const warning = await screen.findByRole('alert', { name: 'Not as the earlier run started' });
    expect(warning.textContent).toContain(`CP001 now runs ${DUMMY}; run run-12 ran on 2.3.1: these verdicts will be for ${DUMMY}.`);
    expect(warning.textContent).toContain(`Run run-12 did not put this back at its end: ${left}.`);

    // A virtual charger with nothing charging is asked about too: the confirmation says it before anything else.
    await user.click(screen.getByRole('button', { name: 'Start 2 cases on CP001…' }));
    const dialog = screen.getByRole('dialog', { name: 'Run 2 conformance cases on CP001?' });
    const said = within(dialog).getByRole('alert', { name: 'Not as the earlier run started' }).textContent;
    expect(said).toContain(`CP001 now runs ${DUMMY}; run run-12 ran on 2.3.1: these verdicts will be for ${DUMMY}.`);
    expect(said).toContain(left);
    expect(dialog.textContent).toContain('Nothing is charging on CP001 right now.');
  });

  it('says the firmware was put back since, once 2.3.1 runs again', async () => {
    withCharger('2.3.1');
    render(withBench(client(), screens, '/test-runs?charger=CP001&rerun=run-12'));
    const warning = await screen.findByRole('alert', { name: 'Not as the earlier run started' });
    expect(warning.textContent).not.toContain('now runs');
    expect(warning.textContent).toContain(`${left} (CP001 runs 2.3.1 again now).`);
  });

  it('says nothing of a charger as the earlier run found it', async () => {
    withCharger('2.3.1');
    const same = { ...run12, firmwareAtEnd: '2.3.1', firmwareReplacedBy: undefined, notPutBackAtEnd: undefined };
    const c = client();
    c.handlers['tests:get'] = () => same;
    render(withBench(c, screens, '/test-runs?charger=CP001&rerun=run-12'));
    expect(await screen.findByRole('alert', { name: 'From the earlier run' })).toBeTruthy();
    expect(screen.queryByRole('alert', { name: 'Not as the earlier run started' })).toBeNull();
    // Nothing to ask of a virtual charger with nothing charging: Start starts.
    expect(screen.getByRole('button', { name: 'Start 2 cases on CP001' })).toBeTruthy();
  });
});

describe('a comparison with the re-run', () => {
  const rerun = (patch: Partial<RunResult> = {}): RunResult =>
    aRunResult({
      id: 'run-13',
      chargerId: 'CP001',
      virtual: true,
      charger: { vendor: 'ChargeBench', model: 'Virtual AC', firmware: DUMMY, serial: 'SN-2' },
      startedAt: '2025-01-01T11:00:00.000Z',
      wallStartedAt: '2025-01-01T11:00:00.000Z',
      planned: ['TC_003_CS', 'TC_044_1_CS'],
      cases: [
        aCaseResult({ id: 'TC_003_CS', verdict: 'inconclusive', reason: 'Nobody answered' }),
        aCaseResult({ id: 'TC_044_1_CS', title: 'Firmware Update - Download and Install', profile: 'FirmwareManagement', verdict: 'pass' }),
      ],
      summary: { pass: 1, fail: 0, notApplicable: 0, inconclusive: 1, error: 0, notSupported: 0 },
      rerunOf: { id: 'run-12', startedAt: '2025-01-01T10:00:00.000Z', firmware: '2.3.1' },
      ...patch,
    });

  it('lists the firmware and the identity among the differences, and counts Fail to Inconclusive as not concluded', async () => {
    const b = rerun();
    render(withBench(fakeClient({ 'tests:get': ({ runId }) => (runId === 'run-12' ? run12 : b) }), screens, '/test-runs/compare?a=run-12&b=run-13'));
    const differences = (await screen.findByRole('alert', { name: 'What the runs ran with' })).textContent;
    expect(differences).toContain(`Firmware at the start: 2.3.1 in A, ${DUMMY} in B`);
    expect(differences).toContain('Serial number: not known in A, SN-2 in B');
    expect(screen.getByText(/^From A \(the earlier run\) to B:/).textContent).toBe('From A (the earlier run) to B: 2 verdicts changed: 0 worse, 1 better, 1 not concluded, of 2 cases in both runs.');
    const side = screen.getByRole('table', { name: 'Verdicts side by side' });
    const notConcluded = within(side).getByRole('row', { name: 'TC_003_CS not concluded' });
    expect(within(notConcluded).getByLabelText('Not concluded in B: inconclusive, so nothing was verified the second time (not better)')).toBeTruthy();
    expect(within(side).getByRole('row', { name: 'TC_044_1_CS better' })).toBeTruthy();
  });

  it('reads Inconclusive to Fail as changed, and Pass to anything else as worse', async () => {
    const a = { ...run12, cases: [aCaseResult({ id: 'TC_003_CS', verdict: 'inconclusive' }), aCaseResult({ id: 'TC_044_1_CS', verdict: 'pass' })] };
    const b = rerun({ charger: run12.charger, cases: [aCaseResult({ id: 'TC_003_CS', verdict: 'fail' }), aCaseResult({ id: 'TC_044_1_CS', verdict: 'inconclusive' })] });
    render(withBench(fakeClient({ 'tests:get': ({ runId }) => (runId === 'run-12' ? a : b) }), screens, '/test-runs/compare?a=run-12&b=run-13'));
    expect((await screen.findByText(/^From A \(the earlier run\) to B:/)).textContent).toBe(
      'From A (the earlier run) to B: 2 verdicts changed: 1 worse, 0 better, 1 otherwise, of 2 cases in both runs.',
    );
    const side = screen.getByRole('table', { name: 'Verdicts side by side' });
    expect(within(side).getByRole('row', { name: 'TC_003_CS changed' })).toBeTruthy();
    expect(within(side).getByRole('row', { name: 'TC_044_1_CS worse' })).toBeTruthy();
    // The same charger on the same firmware: nothing of the charger among the differences.
    expect(screen.queryByRole('alert', { name: 'What the runs ran with' })?.textContent ?? '').not.toContain('Firmware');
  });
});

describe("a re-run's warning for a charger that has told no firmware", () => {
  it('says no BootNotification is known when none is, not that its last one had no firmwareVersion', () => {
    expect(rerunWarnings('CP001', null, run12)[0]).toContain('(no BootNotification of it is known)');
    expect(rerunWarnings('CP001', { chargePointVendor: 'ChargeBench', chargePointModel: 'Virtual AC' } as never, run12)[0]).toContain('(no firmwareVersion in its last BootNotification)');
  });
});
