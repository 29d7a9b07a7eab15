// The Test runs screens' shared setup: VCP1 (virtual) and CP001 (a real Acme Wall 22) on the bench, four
// conformance cases, a finished run of two (TC_003_CS passed, TC_017_1_CS failed at its deciding step with
// its frames), the screens behind one router, and picking a charger on the start form.
import { afterEach, beforeEach } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { CompareScreen } from '../../src/renderer/src/features/test-runs/CompareScreen';
import type { CaseInfo, CaseResult, RunListItem, RunResult } from '../../src/shared/api/test-runs';
import type { ChargerView } from '../../src/shared/api/views';
import { routed, aCharger } from './fake-client';
import { aCaseResult, aRunResult } from './builders';

export const charger = (id: string, virtual: boolean): ChargerView =>
  aCharger(id, { virtual, boot: { chargePointVendor: virtual ? 'ChargeBench' : 'Acme', chargePointModel: virtual ? 'Virtual AC' : 'Wall 22' } as ChargerView['boot'] });

export const cases: CaseInfo[] = [
  { id: 'TC_001_CS', title: 'Cold Boot Charge Point', profile: 'Core', section: '2.1.1', decisions: [], notSupported: null },
  { id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1', decisions: [], notSupported: null },
  { id: 'TC_017_1_CS', title: 'Unlock Connector - With Charging Session', profile: 'Core', section: '2.7.1', decisions: [], notSupported: null },
  { id: 'TC_046_CS', title: 'Reservation of a Connector - Local start transaction', profile: 'Reservation', section: '2.20.1', decisions: [], notSupported: null },
];

export const summary = (patch: Partial<RunResult['summary']> = {}): RunResult['summary'] => ({ pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0, ...patch });

export const passed = (id: string, title: string): CaseResult =>
  aCaseResult({
    id,
    title,
    section: '2.2.1',
    steps: [{ n: 1, by: 'charger', title: 'Charger sends StatusNotification (status Preparing)', status: 'passed', startedAt: '2025-01-01T10:00:00.000Z', ms: 120, messageIds: ['m1'] }],
    ms: 1500,
  });

export const failed: CaseResult = {
  id: 'TC_017_1_CS',
  title: 'Unlock Connector - With Charging Session',
  profile: 'Core',
  section: '2.7.1',
  verdict: 'fail',
  reason: 'Charger sends StopTransaction (reason UnlockCommand): reason UnlockCommand (got Local)',
  decidingStep: 2,
  steps: [
    { n: 1, by: 'tool', title: 'Bench sends UnlockConnector (connector 1)', status: 'passed', startedAt: '2025-01-01T10:01:00.000Z', ms: 30, messageIds: ['u-1'] },
    {
      n: 2,
      by: 'charger',
      title: 'Charger sends StopTransaction (reason UnlockCommand)',
      status: 'failed',
      startedAt: '2025-01-01T10:01:00.030Z',
      ms: 400,
      expected: 'StopTransaction with reason UnlockCommand',
      actual: 'StopTransaction with reason Local',
      messageIds: ['stop-7'],
    },
  ],
  measurements: [],
  observations: [{ at: '2025-01-01T10:01:00.200Z', text: 'Heartbeat (any time, declared policy)', messageId: 'hb-1' }],
  decisions: ['StopTransaction and StatusNotification Finishing may come in either order.'],
  cleanupProblems: [],
  frames: [
    { ts: '2025-01-01T10:01:00.000Z', direction: 'out', kind: 'CALL', messageId: 'u-1', action: 'UnlockConnector', raw: '[2,"u-1","UnlockConnector",{"connectorId":1}]', error: null },
    { ts: '2025-01-01T10:01:00.020Z', direction: 'in', kind: 'CALLRESULT', messageId: 'u-1', action: 'UnlockConnector', raw: '[3,"u-1",{"status":"Unlocked"}]', error: null },
    {
      ts: '2025-01-01T10:01:00.300Z',
      direction: 'in',
      kind: 'CALL',
      messageId: 'stop-7',
      action: 'StopTransaction',
      raw: '[2,"stop-7","StopTransaction",{"transactionId":5,"meterStop":1200,"timestamp":"2025-01-01T10:01:00Z","reason":"Local"}]',
      error: null,
    },
  ],
  startedAt: '2025-01-01T10:01:00.000Z',
  ms: 430,
};

export const run = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    finishedAt: '2025-01-01T10:00:03.000Z',
    planned: ['TC_003_CS', 'TC_017_1_CS'],
    cases: [passed('TC_003_CS', 'Regular Charging Session - Plugin First'), failed],
    summary: summary({ pass: 1, fail: 1 }),
    ...patch,
  });

export const listItem = (r: RunResult): RunListItem => ({ id: r.id, chargerId: r.chargerId, startedAt: r.startedAt, finishedAt: r.finishedAt, state: r.state, summary: r.summary });

export const ts = '2025-01-01T10:00:00Z';

/** Each test starts on an open, loaded bench holding VCP1 and CP001, and ends unmounted with the store as at the app's start. */
export function twoChargersEachTest(): void {
  beforeEach(() => {
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { VCP1: charger('VCP1', true), CP001: charger('CP001', false) } });
  });

  afterEach(() => {
    cleanup();
    useBench.setState(initialBenchState);
  });
}

export const screens = routed({ '/test-runs': <TestRunsScreen />, '/test-runs/compare': <CompareScreen />, '/test-runs/:id': <RunScreen /> }, true);

export async function chooseCharger(user: ReturnType<typeof userEvent.setup>, id: string) {
  await user.click(screen.getByRole('combobox', { name: 'Charger' }));
  await user.click(await screen.findByRole('option', { name: new RegExp(`^${id}\\b`) }));
}
