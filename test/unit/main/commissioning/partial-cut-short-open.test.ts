// A run of only some of the plan's steps (Card reader run again) that the bench shutting down or a person's
// Stop cut short is said by its own steps among what is still open, as the API, the handover, the reports and
// the CLI list it: never "9 steps not run yet" as if it had cost the plan's other steps.
import { describe, expect, it } from 'vitest';
import { viewOf } from '../../../../src/main/commissioning/model';
import type { CommissioningStep } from '../../../../src/shared/api/commissioning';
import type { CaseResult } from '../../../../src/shared/api/test-runs';
import { RUN_START, storedCommissioning } from '../../../helpers/stored-commissioning';

const ids = ['C3_IDENTITY', 'C4_CONNECTORS', 'C5_BASELINE', 'C6_READER', 'C7_OFFLINE', 'C10_LOAD_LIMIT', 'C8_SESSION', 'C9_UNLOCK', 'C9_AVAILABILITY', 'C9_RESET'];
const SHUT_AT = '2026-01-01T10:00:40.000Z';
const reader = { id: 'C6_READER', title: 'Card reader', verdict: 'inconclusive', reason: 'Stopped', startedAt: '2026-01-01T10:00:01.000Z', steps: [], cleanupProblems: [] } as unknown as CaseResult;
const steps: CommissioningStep[] = ids.map((id) => ({
  id,
  title: id === 'C6_READER' ? 'Card reader' : id,
  section: '',
  result: id === 'C6_READER' ? reader : null,
  attempts: id === 'C6_READER' ? 1 : 0,
}));

const openAfter = (outcome: 'stopped' | 'shutDown') =>
  viewOf(
    storedCommissioning({
      steps,
      run: {
        startedAt: RUN_START,
        finishedAt: SHUT_AT,
        outcome,
        steps: ['C6_READER'],
        stoppedIn: 'C6_READER',
        ...(outcome === 'shutDown' ? { shutDown: { at: SHUT_AT, during: 'Card reader' } } : {}),
      },
    }),
    [],
    null,
  ).open;

describe('a run of one step cut short, among what is still open', () => {
  it('by the bench shutting down: the run of 1 step, the plan’s other 9 not run in any run yet', () => {
    const open = openAfter('shutDown');
    expect(open[0]).toMatch(/^The run of 1 step \(Card reader\) was cut short: the bench shut down at .+ during Card reader; 9 of the plan’s 10 steps not run in any run yet$/);
    expect(open.join('\n')).not.toContain('9 steps not run yet');
  });

  it('by a person’s Stop: the same, stopped during Card reader', () => {
    const open = openAfter('stopped');
    expect(open[0]).toBe('The run of 1 step (Card reader) was stopped during Card reader; 9 of the plan’s 10 steps not run in any run yet');
    expect(open.join('\n')).not.toContain('The last run was stopped');
  });
});
