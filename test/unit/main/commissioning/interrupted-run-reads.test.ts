// A commissioning run the bench's unexpected stop cut short (killed, crashed, lost power: the run never
// recorded its end) reads true on the bench: a record kept 'ready' through that first run is not "Not started";
// what a save keeps for the lists (summaryOf) says it was cut short, when and during which step; a run of one
// step is counted by its own step; and a run recorded before its progress was kept says where it was only as
// far as its results tell (a result is recorded when a step ends: the next one may have begun).
import { describe, expect, it } from 'vitest';
import { listItemOf, stateOf, viewOf } from '../../../../src/main/commissioning/model';
import { summaryOf } from '../../../../src/main/commissioning/reports/site-summary';
import type { CommissioningStep } from '../../../../src/shared/api/commissioning';
import type { CaseResult } from '../../../../src/shared/api/test-runs';
import { formatDateTimeWithZone } from '../../../../src/shared/format/time';
import { storedCommissioning } from '../../../helpers/stored-commissioning';

const ids = ['C3_IDENTITY', 'C4_CONNECTORS', 'C5_BASELINE', 'C6_READER', 'C7_OFFLINE', 'C10_LOAD_LIMIT', 'C8_SESSION', 'C9_UNLOCK', 'C9_AVAILABILITY', 'C9_RESET'];
const HEARD = '2026-01-01T10:03:00.000Z';
const pass = (id: string, startedAt: string) => ({ id, title: id, verdict: 'pass', reason: null, startedAt, steps: [], cleanupProblems: [], measurements: [] }) as unknown as CaseResult;
/** The plan's steps, those named with a result of this run (begun after RUN_START). */
const steps = (withResult: string[]): CommissioningStep[] =>
  ids.map((id) => ({ id, title: id, section: '', result: withResult.includes(id) ? pass(id, '2026-01-01T10:00:05.000Z') : null, attempts: withResult.includes(id) ? 1 : 0 }));
const cut = 'the bench stopped unexpectedly (no clean shutdown: it was killed, crashed or lost power)';

describe('a first run cut short by the bench stopping unexpectedly, its record kept "ready"', () => {
  const c = storedCommissioning({
    state: 'ready',
    steps: steps(['C3_IDENTITY', 'C4_CONNECTORS', 'C5_BASELINE']),
    run: { finishedAt: null, outcome: 'running', heard: { at: HEARD, begun: 'C6_READER', ended: 'C5_BASELINE' } },
  });

  it('has run: its view and its list row are not "ready"', () => {
    expect(viewOf(c, [], null).state).toBe('finished');
    expect(listItemOf(c, stateOf(c), 'incomplete').state).toBe('finished');
    expect(stateOf({ state: 'ready', runs: [] })).toBe('ready');
  });

  it('what a save keeps for the lists says it was cut short, when and during which step', () => {
    expect(summaryOf(c).lastRun).toMatchObject({ outcome: 'interrupted', finishedAt: null, interrupted: { lastHeardAt: HEARD, during: 'C6_READER' } });
  });
});

describe('a run of one step (the test session again) cut short by the bench stopping unexpectedly', () => {
  it('is counted by its own step among what is open, never as the plan’s nine', () => {
    const all = steps([]).map((s) => (s.id === 'C8_SESSION' ? { ...s, result: pass(s.id, '2025-12-31T10:00:00.000Z'), attempts: 1 } : s));
    const c = storedCommissioning({ steps: all, run: { finishedAt: null, outcome: 'running', steps: ['C8_SESSION'], heard: { at: HEARD, begun: 'C8_SESSION', ended: null } } });
    const open = viewOf(c, [], null).open;
    expect(open[0]).toBe(
      `The run of 1 step (C8_SESSION) was cut short: ${cut} during C8_SESSION; the record last heard from the run at ${formatDateTimeWithZone(HEARD)} (0 of its 1 step run, 1 not reached); 9 of the plan’s 10 steps not run in any run yet`,
    );
    expect(open.join('\n')).not.toMatch(/9 steps not run yet/);
  });
});

describe('a run recorded before its progress was kept (no `heard`)', () => {
  const openOf = (withResult: string[]) => viewOf(storedCommissioning({ steps: steps(withResult), run: { finishedAt: null, outcome: undefined } }), [], null).open[0];

  it('says where only as far as its results tell: the next step may have begun', () => {
    expect(openOf(['C3_IDENTITY', 'C4_CONNECTORS'])).toBe(
      `The last run was cut short: ${cut} after C4_CONNECTORS, the last step with a result (whether the next one had begun is not known); 8 steps not run yet`,
    );
    expect(openOf([])).toBe(`The last run was cut short: ${cut} before any step had a result; 10 steps not run yet`);
  });
});
