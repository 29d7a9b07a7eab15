// What Handover's "Still open" (the view's `open`, as GET /api/commissioning/{id} returns it) says of the
// steps while a run is in progress: the step running now is running, never "not run yet" nor its last
// result as if final; a step the run has yet to reach waits, its last result said as the last run's. Once
// the run ends, the steps stand by their results again.
import { describe, expect, it } from 'vitest';
import { viewOf, type StoredCommissioning } from '../../../../src/main/commissioning/model';
import { storedCommissioning } from '../../../helpers/stored-commissioning';
import type { CommissioningStep } from '../../../../src/shared/api/commissioning';
import type { CaseResult } from '../../../../src/shared/api/test-runs';

const result = (id: string, verdict: CaseResult['verdict'], startedAt: string, reason: string | null = null): CaseResult =>
  ({
    id,
    title: id,
    profile: 'Core',
    section: '8',
    verdict,
    reason,
    decidingStep: null,
    steps: [],
    observations: [],
    decisions: [],
    cleanupProblems: [],
    measurements: [],
    startedAt,
  }) as unknown as CaseResult;

const step = (id: string, title: string, r: CaseResult | null): CommissioningStep => ({ id, title, section: '8', result: r, attempts: r ? 1 : 0 });

const stored = (steps: CommissioningStep[], runSteps: string[]): StoredCommissioning =>
  storedCommissioning({ chargerId: 'CP1', state: 'ready', steps, run: { finishedAt: null, outcome: 'running', steps: runSteps } });

describe('what is open while a run is in progress', () => {
  it('says the running step is running, not "not run yet"', () => {
    const c = stored([step('C7_OFFLINE', 'Offline behaviour', result('C7_OFFLINE', 'pass', '2026-01-01T10:00:05.000Z')), step('C8_SESSION', 'Test session', null)], ['C7_OFFLINE', 'C8_SESSION']);
    const view = viewOf(c, [], { stepId: 'C8_SESSION', step: 'charging' });
    expect(view.open).toContain('Test session: running');
    expect(view.open.join('\n')).not.toContain('Test session: not run yet');
  });

  it('says a step that runs again is running, its earlier result as the last run’s, not as final', () => {
    const c = stored([step('C8_SESSION', 'Test session', result('C8_SESSION', 'fail', '2025-12-31T09:00:00.000Z', 'the power stayed above the limit'))], ['C8_SESSION']);
    const view = viewOf(c, [], { stepId: 'C8_SESSION', step: 'charging' });
    expect(view.open).toContain('Test session: running (last run: failed)');
    expect(view.open.join('\n')).not.toContain('Test session failed');
  });

  it('says a step the run has yet to reach waits, with its last result as the last run’s', () => {
    const c = stored(
      [step('C7_OFFLINE', 'Offline behaviour', null), step('C8_SESSION', 'Test session', result('C8_SESSION', 'inconclusive', '2025-12-31T09:00:00.000Z', 'stopped'))],
      ['C7_OFFLINE', 'C8_SESSION'],
    );
    const view = viewOf(c, [], { stepId: 'C7_OFFLINE', step: null });
    expect(view.open).toContain('Offline behaviour: running');
    expect(view.open).toContain('Test session: waiting in this run (last run: inconclusive)');
  });

  it('says the running step is stopping after Stop, and a step the run will not reach stands by its result', () => {
    const c = stored(
      [step('C7_OFFLINE', 'Offline behaviour', null), step('C8_SESSION', 'Test session', result('C8_SESSION', 'fail', '2025-12-31T09:00:00.000Z', 'no meter values'))],
      ['C7_OFFLINE', 'C8_SESSION'],
    );
    const view = viewOf(c, [], { stepId: 'C7_OFFLINE', step: null, stopping: 'Stopped: putting the charger back after Offline behaviour' });
    expect(view.open).toContain('Offline behaviour: stopping');
    expect(view.open).toContain('Test session failed: no meter values');
  });

  it('once the run has ended, says a step without a result is not run yet', () => {
    const c = stored([step('C8_SESSION', 'Test session', null)], ['C8_SESSION']);
    const view = viewOf(c, [], null);
    expect(view.open).toContain('Test session: not run yet');
  });
});
