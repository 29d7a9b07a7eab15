// @vitest-environment jsdom
// The checks line of a commissioning run the bench's shutdown cut short says what putting the charger back came
// to, as a Stop's does: put back, nothing to put back, or not put back because the bench shut down (with the
// configuration keys left changed). A run recorded before that was kept says only that the bench shut down.
import { describe, expect, it } from 'vitest';
import { checksStatus } from '../../src/renderer/src/features/commissioning/progress';
import type { CommissioningLastRun, CommissioningView } from '../../src/shared/api/commissioning';
import type { RunStop } from '../../src/shared/api/run-stop';

const steps = [
  { id: 'C3_IDENTITY', title: 'Identity', section: '3', attempts: 1, result: { verdict: 'pass', startedAt: '2025-01-01T10:00:10.000Z' } },
  { id: 'C6_READER', title: 'Card reader', section: '6', attempts: 0, result: null },
] as unknown as CommissioningView['steps'];
const at = '2025-01-01T10:02:13.000Z';
const base: CommissioningLastRun = {
  outcome: 'shutDown',
  startedAt: '2025-01-01T10:00:00.000Z',
  finishedAt: at,
  steps: ['C3_IDENTITY', 'C6_READER'],
  stoppedIn: null,
  shutDown: { at, during: 'Card reader' },
};
const view = (lastRun: CommissioningLastRun) => ({ steps, state: 'finished' as const, running: null, lastRun });
const stop = (after: string | null, problems: string[]): RunStop => ({ by: 'shutdown', requestedAt: at, at, caseId: 'C6_READER', step: null, putBack: { after, problems } });
const LEFT = 'the bench shut down before the charger was put back (it waits at most 5 s for that); configuration keys still as the run set them: MinimumStatusDuration (left at 0; it was 5)';

describe('the checks line of a run the bench shut down on', () => {
  it('says the charger was not put back, because the bench shut down, with the keys left changed', () => {
    expect(checksStatus(view({ ...base, stop: stop('C6_READER', [LEFT]) }))).toMatch(
      new RegExp(
        `^The last run was cut short: the bench shut down at .*10:02:13.* during Card reader \\(nobody pressed Stop\\); not put back: ${LEFT.replace(/[()]/g, '\\$&')}\\. 1 of 2 steps run, 1 not run`,
      ),
    );
  });

  it('says the charger was put back, or that there was nothing to put back', () => {
    expect(checksStatus(view({ ...base, stop: stop('C6_READER', []) }))).toMatch(/\(nobody pressed Stop\); the charger was put back\. 1 of 2 steps run, 1 not run/);
    expect(checksStatus(view({ ...base, stop: stop(null, []) }))).toMatch(/\(nobody pressed Stop\); nothing to put back \(no step had run\)\. 1 of 2 steps run/);
  });

  it('a run of some steps says it after its own count', () => {
    const said = checksStatus(view({ ...base, steps: ['C6_READER'], stop: stop('C6_READER', [LEFT]) }));
    expect(said).toContain(`; not put back: ${LEFT}. 1 of the plan’s 2 steps has not run`);
  });

  it('a run recorded without its put-back says only that the bench shut down', () => {
    expect(checksStatus(view(base))).toMatch(/\(nobody pressed Stop\): 1 of 2 steps run, 1 not run/);
  });
});
