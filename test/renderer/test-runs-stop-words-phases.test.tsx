// @vitest-environment jsdom
// Stop's words say only what is true of the run's phase: "this is the last one" only while a last case (or
// its put-back) is on; before the first case with the charger offline, nothing changed only when it has been
// offline since before the run began, else what the setup may have done (MinimumStatusDuration, a session
// ended, named when the run recorded it).
import { describe, expect, it } from 'vitest';
import { stopWords } from '../../src/renderer/src/features/test-runs/LiveWords';
import { aCaseResult, aRunResult } from './builders';
import { aCharger } from './fake-client';

const now = Date.parse('2026-12-06T10:10:00.000Z');
const running = { state: 'running' as const, finishedAt: null, chargerId: 'REAL01', virtual: false, fakeTime: false, startedAt: '2026-12-06T10:00:00.000Z', wallStartedAt: '2026-12-06T10:00:00.000Z' };

describe("Stop's words for the phase the run is in", () => {
  it('at the end (every case done): no "this is the last one", as no case is in progress', () => {
    const run = aRunResult({ ...running, planned: ['TC_003_CS'], cases: [aCaseResult({ id: 'TC_003_CS' })] });
    const words = stopWords(run, { caseId: null, step: null }, {}, aCharger('REAL01'), now).join(' ');
    expect(words).toContain('the cases are done');
    expect(words).not.toContain('this is the last one');
  });

  it('in the last case: "this is the last one"', () => {
    const run = aRunResult({ ...running, planned: ['TC_001_CS', 'TC_003_CS'], cases: [aCaseResult({ id: 'TC_001_CS' })] });
    const words = stopWords(run, { caseId: 'TC_003_CS', step: 'Step 1: Plug' }, {}, aCharger('REAL01'), now).join(' ');
    expect(words).toContain('No case is left out: this is the last one.');
  });

  it('setup, the charger offline since before the run began: nothing on it was changed', () => {
    const run = aRunResult({ ...running, planned: ['TC_003_CS'], cases: [] });
    const charger = aCharger('REAL01', { connected: false, lastSeen: '2026-12-06T09:50:00.000Z' });
    const words = stopWords(run, null, {}, charger, now).join(' ');
    expect(words).toContain('nothing on it was changed');
  });

  it('setup, the charger gone offline after the run began: what the setup may have done, a session it ended named', () => {
    const charger = aCharger('REAL01', { connected: false, lastSeen: '2026-12-06T10:02:00.000Z' });
    const run = aRunResult({ ...running, planned: ['TC_003_CS'], cases: [] });
    let words = stopWords(run, null, {}, charger, now).join(' ');
    expect(words).not.toMatch(/nothing on (it|the charger) was changed/);
    expect(words).toContain('Before it went offline the bench may have set its MinimumStatusDuration to 0, and it may have ended a session running on it');
    const ended = aRunResult({ ...running, planned: ['TC_003_CS'], cases: [], setupEnded: [{ transactionId: 41, connectorId: 1, idTag: 'CUSTOMER1', endedAt: '2026-12-06T10:01:00.000Z' }] });
    words = stopWords(ended, null, {}, charger, now).join(' ');
    expect(words).toContain('it ended the session running on it (transaction 41 on connector 1, idTag CUSTOMER1)');
  });
});
