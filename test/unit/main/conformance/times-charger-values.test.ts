// A value the charger sent is shown as it sent it: the engine quotes it (a check's "got", a status it
// answered, TC_038_CS's MeterValues timestamps), and the faces that write the bench's own times in their
// way (the run's page, the terminal, the report) leave it as it is, to the millisecond and with its date.
// A time of the bench's off the run's day keeps its date ("until it expires at <tomorrow>").
import { describe, expect, it } from 'vitest';
import { problems } from '../../../../src/main/conformance/context';
import { stampsAsSent } from '../../../../src/main/conformance/octt16/offline';
import { caseLines } from '../../../../src/main/cli/run-on-charger';
import { htmlReport } from '../../../../src/main/conformance/reports/html';
import { timesInText } from '../../../../src/shared/format/times-in-text';
import { formatClock, formatDateTime } from '../../../../src/shared/format/time';
import type { CaseResult } from '../../../../src/shared/api/test-runs';
import { aCaseResult, aRealChargerRun, aStepResult } from '../../../helpers/run-results';

const clock = (iso: string) => `<${iso.slice(11, 19)}>`;

describe('what the charger sent stays as it sent it', () => {
  it("TC_038_CS's MeterValues out of order within one second: the timestamps keep their milliseconds and date", () => {
    const calls = ['2026-12-06T16:43:58.900Z', '2026-12-06T16:43:58.100Z'].map((timestamp) => ({ payload: { meterValue: [{ timestamp, sampledValue: [] }] } }));
    const reason = `MeterValues 2 is stamped before the one ahead of it (${stampsAsSent(calls)})`;
    expect(timesInText(reason, clock)).toBe('MeterValues 2 is stamped before the one ahead of it ("2026-12-06T16:43:58.900Z", "2026-12-06T16:43:58.100Z")');
  });

  it("a check's got: the charger's string quoted, left as sent", () => {
    const [said] = problems({ timestamp: '2026-12-06T16:43:58.309Z' }, { timestamp: '2026-12-06T16:44:00.000Z' });
    expect(timesInText(said!, clock)).toBe('timestamp <16:44:00> (got "2026-12-06T16:43:58.309Z")');
  });

  it('on the terminal: a charger timestamp in a reason as sent, a bench time off the case’s day with its date', () => {
    const reason = 'sent StopTransaction at "2026-12-06T16:43:58.309Z"; reservation 7 may stay Reserved until it expires at 2026-12-08T09:00:00.000Z';
    const c = { id: 'TC_048_3_CS', title: 'A case', verdict: 'fail', reason, decidingStep: 2, observations: [], startedAt: '2026-12-06T16:40:00.000Z' } as unknown as CaseResult;
    const [, why] = caseLines(c, 0);
    expect(why!.trim()).toBe(`step 2: sent StopTransaction at "2026-12-06T16:43:58.309Z"; reservation 7 may stay Reserved until it expires at ${formatDateTime('2026-12-08T09:00:00.000Z')}`);
    expect(timesInText('at 2026-12-06T16:43:58.309Z', (iso) => formatClock(iso), { of: c.startedAt, dated: (iso) => formatDateTime(iso), utc: true })).toBe(
      `at ${formatClock('2026-12-06T16:43:58.309Z')}`,
    );
  });

  it('in the report (UTC): a bench time off the run’s day with its date, one of the day without, a charger timestamp as sent', () => {
    const actual = 'it sent "2026-12-06T16:43:58.309Z"; reservation 7 may stay Reserved until it expires at 2026-12-08T09:00:00.000Z; asked at 2026-12-06T16:43:00.000Z';
    const step = aStepResult({ by: 'charger', title: 'A step', status: 'failed', ms: 1000, expected: 'it', actual });
    const c = aCaseResult({
      id: 'TC_048_3_CS',
      title: 'A case',
      profile: 'Reservation',
      section: '2.19',
      verdict: 'fail',
      reason: actual,
      decidingStep: 1,
      steps: [step],
      startedAt: '2026-12-06T16:43:00.000Z',
    });
    const run = aRealChargerRun(c);
    const html = htmlReport(run);
    expect(html).toContain('it sent &quot;2026-12-06T16:43:58.309Z&quot;; reservation 7 may stay Reserved until it expires at 2026-12-08 09:00:00 UTC; asked at 16:43:00 UTC');
  });
});
