// A stopped commissioning run says, with its stop, what putting the charger back came to (run.stop.putBack), as
// a stopped test run does: "…; the charger was put back" or "…; not put back: <what>". Its page and its reports
// (what is open, the HTML and JSON reports) share these words; a run of some steps says it too.
import { describe, expect, it } from 'vitest';
import { viewOf } from '../../../../src/main/commissioning/model';
import { commissioningPutBackWords, commissioningStopWords } from '../../../../src/shared/api/commissioning-run-end';
import { partialCutShort } from '../../../../src/shared/api/commissioning-cut-short';
import type { CommissioningStep } from '../../../../src/shared/api/commissioning';
import type { RunStop } from '../../../../src/shared/api/run-stop';
import { formatDateTimeWithZone } from '../../../../src/shared/format/time';
import { storedCommissioning } from '../../../helpers/stored-commissioning';

const AT = '2026-01-01T10:02:00.000Z';
const stopOf = (problems: string[]): RunStop => ({ by: 'stop', requestedAt: AT, at: AT, caseId: 'C6_READER', step: null, putBack: { after: 'C6_READER', problems } });
const ids = ['C3_IDENTITY', 'C6_READER', 'C7_OFFLINE'];
const steps = ids.map((id) => ({ id, title: id === 'C6_READER' ? 'Card reader' : id, section: '', result: null, attempts: 0 })) as CommissioningStep[];
const time = (iso: string) => formatDateTimeWithZone(iso);
const title = (id: string) => steps.find((s) => s.id === id)?.title ?? id;
const LEFT = ['Connector 1: the cable was left in', 'MeterValueSampleInterval was not set back to 60'];

describe('a stopped commissioning run in words', () => {
  it('says the charger was put back, or what was not', () => {
    expect(commissioningPutBackWords(stopOf([]))).toBe('the charger was put back');
    expect(commissioningPutBackWords(stopOf(LEFT))).toBe(`not put back: ${LEFT.join('; ')}`);
    expect(commissioningStopWords(stopOf([]), title, time)).toBe(`Stopped by the run's Stop (its page or the API) at ${time(AT)} during step Card reader; the charger was put back`);
    expect(commissioningStopWords(stopOf(LEFT), title, time)).toBe(`Stopped by the run's Stop (its page or the API) at ${time(AT)} during step Card reader; not put back: ${LEFT.join('; ')}`);
  });

  it('a run stopped before its first step (or before its setup read the charger) had nothing to put back', () => {
    const before: RunStop = { ...stopOf([]), caseId: null, step: 'before the first step', putBack: { after: null, problems: [] } };
    expect(commissioningPutBackWords(before)).toBe('nothing to put back (no step had run)');
    expect(commissioningStopWords(before, title, time)).toBe(`Stopped by the run's Stop (its page or the API) at ${time(AT)} before the first step; nothing to put back (no step had run)`);
    const c = storedCommissioning({ steps, run: { outcome: 'stopped', stoppedIn: null, stop: before } });
    expect(viewOf(c, [], null).open[0]).toBe(
      `The last run was stopped (Stopped by the run's Stop (its page or the API) at ${time(AT)} before the first step; nothing to put back (no step had run)): 3 steps not run yet`,
    );
    // What its setup left undone is still said.
    expect(commissioningPutBackWords({ putBack: { after: null, problems: LEFT } })).toBe(`not put back: ${LEFT.join('; ')}`);
  });

  it('what is open (the page and the reports) says it with the stop', () => {
    const c = storedCommissioning({ steps, run: { outcome: 'stopped', stoppedIn: 'C6_READER', stop: stopOf(LEFT) } });
    expect(viewOf(c, [], null).open[0]).toBe(
      `The last run was stopped (Stopped by the run's Stop (its page or the API) at ${time(AT)} during step Card reader; not put back: ${LEFT.join('; ')}): 3 steps not run yet`,
    );
  });

  it('a run of some steps stopped says it too', () => {
    const lastRun = { outcome: 'stopped' as const, startedAt: '2026-01-01T10:00:00.000Z', finishedAt: AT, steps: ['C6_READER'], stoppedIn: 'C6_READER' };
    expect(partialCutShort(steps, { ...lastRun, stop: stopOf([]) }, time)).toMatchObject({ how: 'was stopped during Card reader', putBack: 'the charger was put back' });
    expect(partialCutShort(steps, { ...lastRun, stop: stopOf(LEFT) }, time)?.putBack).toBe(`not put back: ${LEFT.join('; ')}`);
    // A run recorded before its stop was kept says no more than it knows.
    expect(partialCutShort(steps, lastRun, time)?.putBack).toBeNull();
    const c = storedCommissioning({ steps, run: { outcome: 'stopped', steps: ['C6_READER'], stoppedIn: 'C6_READER', stop: stopOf(LEFT) } });
    expect(viewOf(c, [], null).open[0]).toBe(
      `The run of 1 step (Card reader) was stopped during Card reader (0 of its 1 step run, 1 not reached); not put back: ${LEFT.join('; ')}; 3 of the plan’s 3 steps not run in any run yet`,
    );
  });
});
