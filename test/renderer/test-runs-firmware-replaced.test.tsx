// @vitest-environment jsdom
// A run whose firmware case installed the test's file (TC_044_1_CS) says so where a person reads it: the run's
// header gives the firmware at the start and at the end, with what replaced it; the run's page lists it as not
// put back at the end of the run; and a comparison of firmware A against B shows each run's firmware at its
// start (and at its end where it differs), not only what the charger reported as the run began.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { CompareScreen } from '../../src/renderer/src/features/test-runs/CompareScreen';
import type { RunResult } from '../../src/shared/api/test-runs';
import { aCharger, fakeClient, routed, withBench } from './fake-client';
import { aCaseResult, aRunResult } from './builders';

const screens = routed({ '/test-runs/compare': <CompareScreen />, '/test-runs/:id': <RunScreen /> });

const DUMMY = 'chargebench-octt-1.0.1';
const left = `The charger's firmware was replaced by the test's file by TC_044_1_CS's UpdateFirmware (location http://127.0.0.1:8180/files/chargebench-octt-1.0.1.bin) and not restored: it ran 1.0.0 at the start of the run and runs ${DUMMY} at its end; install 1.0.0 again before testing that firmware`;

const installed = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    id: 'run-fw',
    planned: ['TC_044_1_CS'],
    cases: [aCaseResult({ id: 'TC_044_1_CS', title: 'Firmware Update - Download and Install', profile: 'FirmwareManagement' })],
    firmwareAtEnd: DUMMY,
    firmwareReplacedBy: { caseId: 'TC_044_1_CS', location: 'http://127.0.0.1:8180/files/chargebench-octt-1.0.1.bin' },
    notPutBackAtEnd: [left],
    ...patch,
  });

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { VCP1: aCharger('VCP1', { virtual: true }) } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('a run that left the charger on the test’s firmware', () => {
  it('shows the firmware at the start and at the end on its page, and that it was not put back', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => installed() });
    render(withBench(client, screens, '/test-runs/run-fw'));
    expect(await screen.findByText(`firmware 1.0.0 at the start; ${DUMMY} at the end (replaced by TC_044_1_CS's file, not restored)`, { exact: false })).toBeTruthy();
    expect(screen.getByRole('alert', { name: 'Not put back at the end of the run' }).textContent).toContain(left);
  });

  it('says only the firmware of a run that did not change it', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => installed({ firmwareAtEnd: '1.0.0', firmwareReplacedBy: undefined, notPutBackAtEnd: undefined }) });
    render(withBench(client, screens, '/test-runs/run-fw'));
    expect(await screen.findByText('· firmware 1.0.0 ·', { exact: false })).toBeTruthy();
    expect(screen.queryByText(/at the end \(/)).toBeNull();
    expect(screen.queryByRole('alert', { name: 'Not put back at the end of the run' })).toBeNull();
  });

  it('in a comparison, shows each run’s firmware at its start, and at its end where it differs', async () => {
    const later = aRunResult({
      id: 'run-later',
      startedAt: '2025-01-01T11:00:00.000Z',
      wallStartedAt: '2025-01-01T11:00:00.000Z',
      charger: { vendor: 'ChargeBench', model: 'Virtual AC', firmware: DUMMY, serial: null },
      firmwareAtEnd: DUMMY,
    });
    const client = fakeClient({ 'tests:get': ({ runId }) => (runId === 'run-fw' ? installed({ wallStartedAt: '2025-01-01T10:00:00.000Z' }) : later) });
    render(withBench(client, screens, '/test-runs/compare?a=run-fw&b=run-later'));
    const a = await screen.findByRole('region', { name: 'Run A' });
    expect(within(a).getByText(`firmware 1.0.0 at the start; ${DUMMY} at the end (replaced by TC_044_1_CS's file, not restored)`, { exact: false })).toBeTruthy();
    const b = screen.getByRole('region', { name: 'Run B' });
    expect(within(b).getByText(`firmware ${DUMMY}`, { exact: false }).textContent).not.toContain('at the end');
  });
});
