// The commissioning wizard's fixtures for component tests: a step's result, a commissioning as the bench
// shows it (three steps, the baseline failed), a connected charger, and the wizard's screens on a route.
import { afterEach, beforeEach, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { resetDraft } from '../../src/renderer/src/features/commissioning/draft';
import { Route, Routes } from 'react-router';
import { WizardScreen } from '../../src/renderer/src/features/commissioning/WizardScreen';
import { CommissioningHome } from '../../src/renderer/src/features/commissioning/CommissioningHome';
import { builtInTemplates, type CommissioningView } from '../../src/shared/api/commissioning';
import type { CaseResult } from '../../src/shared/api/test-runs';
import type { ChargerView } from '../../src/shared/api/views';
import { Where, withBench, type FakeClient, aCharger } from './fake-client';
import { aCaseResult } from './builders';

export const result = (patch: Partial<CaseResult>): CaseResult => aCaseResult({ id: 'C3_IDENTITY', title: 'Identity and clock', section: '3', ms: 1200, ...patch });

export const baselineFailed = result({
  id: 'C5_BASELINE',
  title: 'Configuration baseline',
  section: '5',
  verdict: 'fail',
  reason: "AllowOfflineTxForUnknownId (Rejected) is not: where the charger answers Rejected or the key is read-only, set it in the vendor's tool",
  decidingStep: 1,
  steps: [{ n: 1, by: 'tool', title: 'Bench sets AllowOfflineTxForUnknownId to false', status: 'failed', startedAt: '2025-01-01T10:00:01.000Z', ms: 20, messageIds: ['cc-1'] }],
  measurements: [
    { label: 'HeartbeatInterval', value: 'was 60, now 300 (Accepted)', ok: true, wanted: '300' },
    { label: 'AllowOfflineTxForUnknownId', value: 'was true, now true (Rejected)', ok: false, wanted: 'false' },
  ],
  frames: [
    {
      ts: '2025-01-01T10:00:01.000Z',
      direction: 'out',
      kind: 'CALL',
      messageId: 'cc-1',
      action: 'ChangeConfiguration',
      raw: '[2,"cc-1","ChangeConfiguration",{"key":"AllowOfflineTxForUnknownId","value":"false"}]',
      error: null,
    },
    { ts: '2025-01-01T10:00:01.020Z', direction: 'in', kind: 'CALLRESULT', messageId: 'cc-1', action: 'ChangeConfiguration', raw: '[3,"cc-1",{"status":"Rejected"}]', error: null },
  ],
});

export const template = { ...builtInTemplates[0], keys: { HeartbeatInterval: '300', AllowOfflineTxForUnknownId: 'false' } };

export const view = (patch: Partial<CommissioningView> = {}): CommissioningView => ({
  id: 'c1',
  chargerId: 'CP001',
  virtual: false,
  job: { site: 'Depot Nord', address: 'Hafenstraße 1', location: 'Bay 4', installer: 'A. Person', company: 'Elektro GmbH', customer: 'Stadtwerke' },
  template,
  createdAt: '2025-01-01T09:59:00.000Z',
  updatedAt: '2025-01-01T10:05:00.000Z',
  state: 'finished',
  running: null,
  steps: [
    { id: 'C3_IDENTITY', title: 'Identity and clock', section: '3', result: result({}), attempts: 1 },
    { id: 'C5_BASELINE', title: 'Configuration baseline', section: '5', result: baselineFailed, attempts: 1 },
    { id: 'C8_SESSION', title: 'Test session', section: '8', result: null, attempts: 0 },
  ],
  identity: { vendor: 'Acme', model: 'Wall 22', firmware: '1.2.3', serial: 'SN1' },
  configBefore: { HeartbeatInterval: '60', AllowOfflineTxForUnknownId: 'true' },
  configAfter: { HeartbeatInterval: '300', AllowOfflineTxForUnknownId: 'true' },
  session: null,
  checklist: [],
  photos: [],
  handover: null,
  verdict: 'fail',
  open: ['Configuration baseline failed', 'Earth resistance not checked'],
  benchVersion: '0.1.0',
  ...patch,
});

export const charger = (id: string): ChargerView => aCharger(id, { boot: { chargePointVendor: 'Acme', chargePointModel: 'Wall 22' } as ChargerView['boot'] });

export function open(client: FakeClient, path: string) {
  return render(
    withBench(
      client,
      <>
        <Routes>
          <Route path="/commissioning" element={<CommissioningHome />} />
          <Route path="/commissioning/new" element={<WizardScreen />} />
          <Route path="/commissioning/:id" element={<WizardScreen />} />
        </Routes>
        <Where />
      </>,
      path,
    ),
  );
}

/** Each test of a commissioning screen starts with an empty wizard and CP001 connected, and leaves nothing behind. */
export function freshCommissioningScreens(): void {
  beforeEach(() => {
    // The tab's storage keeps the wizard's drafts (the handover form of each commissioning among them).
    sessionStorage.clear();
    resetDraft();
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: charger('CP001') } });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.restoreAllMocks();
    useBench.setState(initialBenchState);
  });
}
