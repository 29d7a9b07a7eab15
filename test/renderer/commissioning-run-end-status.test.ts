// @vitest-environment jsdom
// The commissioning's checks line and header: a run cut short by the bench stopping unexpectedly (no clean
// shutdown) says so, never "Stopped"; a stopped run says who stopped it, when, and during which step.
import { describe, expect, it } from 'vitest';
import { checksStatus, stateText } from '../../src/renderer/src/features/commissioning/progress';
import type { CommissioningLastRun, CommissioningView } from '../../src/shared/api/commissioning';
import type { RunStop } from '../../src/shared/api/run-stop';

const steps = [
  { id: 'C3_IDENTITY', title: 'Identity', section: '3', attempts: 1, result: { verdict: 'pass', startedAt: '2025-01-01T10:00:10.000Z' } },
  { id: 'C6_READER', title: 'Card reader', section: '6', attempts: 0, result: null },
] as unknown as CommissioningView['steps'];
const base: CommissioningLastRun = { outcome: 'stopped', startedAt: '2025-01-01T10:00:00.000Z', finishedAt: null, steps: ['C3_IDENTITY', 'C6_READER'], stoppedIn: null };
const view = (lastRun: CommissioningLastRun) => ({ steps, state: 'finished' as const, running: null, lastRun });

describe('the checks line of a run that did not finish', () => {
  it('says the bench stopped unexpectedly, where and when it was last heard from, not Stopped', () => {
    const v = view({ ...base, outcome: 'interrupted', interrupted: { lastHeardAt: '2025-01-01T10:02:13.000Z', during: 'Card reader' } });
    expect(checksStatus(v)).toMatch(
      /^The last run was cut short: the bench stopped unexpectedly \(no clean shutdown: it was killed, crashed or lost power\) during Card reader; the record last heard from the run at .*10:02:13.* \(nobody pressed Stop\): 1 of 2 steps run, 1 not run/,
    );
    expect(stateText(v)).toBe('Cut short: the bench stopped unexpectedly, 1 of 2 steps not run, not handed over');
    expect(checksStatus(v)).not.toMatch(/Stopped/);
  });

  it('says who stopped it, when and during which step', () => {
    const stop: RunStop = {
      by: 'signal',
      signal: 'SIGINT',
      requestedAt: '2025-01-01T10:02:13.000Z',
      at: '2025-01-01T10:02:13.000Z',
      caseId: 'C6_READER',
      step: null,
      putBack: { after: 'C6_READER', problems: [] },
    };
    expect(checksStatus(view({ ...base, stop }))).toMatch(
      /^Stopped by Ctrl-C \(SIGINT\) to the CLI at .*10:02:13.* during step Card reader; the charger was put back\. Stopped before the end: 1 of 2 steps run, 1 not run/,
    );
  });

  it('says what putting the charger back left undone', () => {
    const stop: RunStop = {
      by: 'stop',
      requestedAt: '2025-01-01T10:02:13.000Z',
      at: '2025-01-01T10:02:13.000Z',
      caseId: 'C6_READER',
      step: null,
      putBack: { after: 'C6_READER', problems: ['Connector 1: the cable was left in', 'MeterValueSampleInterval still 5'] },
    };
    const said = checksStatus(view({ ...base, stop }));
    expect(said).toMatch(/during step Card reader; not put back: Connector 1: the cable was left in; MeterValueSampleInterval still 5\. Stopped before the end/);
    expect(said).not.toMatch(/was put back/);
  });

  it('a run of some steps stopped says what putting the charger back came to, after its own count', () => {
    const stop: RunStop = { by: 'stop', requestedAt: '2025-01-01T10:02:13.000Z', at: '2025-01-01T10:02:13.000Z', caseId: 'C6_READER', step: null, putBack: { after: 'C6_READER', problems: [] } };
    expect(checksStatus(view({ ...base, steps: ['C6_READER'], stoppedIn: 'C6_READER', stop }))).toBe(
      'The run of 1 step (Card reader) was stopped during Card reader: 0 of its 1 step run, 1 not reached; the charger was put back. 1 of the plan’s 2 steps has not run in any run yet (each can be run on its own below).',
    );
  });
});
