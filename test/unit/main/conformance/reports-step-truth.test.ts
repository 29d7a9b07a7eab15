// What the reports say of a case, true to what happened: a step nobody skipped never reads skipped (nobody
// acted in time: timed out; the bench could not judge it: not judged), each observation has its time, and
// the times the engine names in a reason are written as the report writes times (UTC), not as ISO.
import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../../../src/main/conformance/reports/html';
import { junitReport } from '../../../../src/main/conformance/reports/junit';
import { timesInText } from '../../../../src/shared/format/times-in-text';
import type { CaseResult } from '../../../../src/shared/api/test-runs';
import { aCaseResult, aRealChargerRun, aStepResult } from '../../../helpers/run-results';

const step = aStepResult;
const caseOf = (patch: Partial<CaseResult>): CaseResult =>
  aCaseResult({
    id: 'TC_003_CS',
    title: 'Regular Charging Session - Plugin First',
    section: '2.2.1',
    verdict: 'inconclusive',
    decidingStep: 1,
    startedAt: '2026-12-06T16:43:00.000Z',
    ms: 15_000,
    ...patch,
  });
const run = aRealChargerRun;

const timedOut = caseOf({
  reason: 'Nobody acted within 15 s: Plug the EV cable into connector 1, then press Done.',
  steps: [step({ status: 'timedOut', expected: 'the person at the charger to do it within 15 s', actual: 'Nobody acted within 15 s: Plug the EV cable into connector 1, then press Done.' })],
});
const dropped =
  'The charger was not connected all through the 25 s, so nothing coming proves nothing: its connection closed at 2026-12-06T16:43:58.309Z (Connection lost (1006)); it connected again at 2026-12-06T16:44:10.000Z';
const notJudged = caseOf({
  id: 'TC_004_2_CS',
  title: 'Regular Start Charging Session - Identification First - ConnectionTimeOut',
  decidingStep: 4,
  reason: dropped,
  steps: [
    step({ n: 4, by: 'charger', title: 'No cable: no StartTransaction while ConnectionTimeOut runs', status: 'notJudged', ms: 25_000, expected: 'no StartTransaction for 25 s', actual: dropped }),
  ],
  observations: [
    { at: '2026-12-06T16:43:58.400Z', text: "REAL01's connection closed (Connection lost (1006)); its last frame came at 2026-12-06T16:43:41.002Z", messageId: null },
    { at: '2026-12-06T16:44:10.000Z', text: 'REAL01 connected again', messageId: null },
  ],
  frames: [{ ts: '2026-12-06T16:43:41.002Z', direction: 'in', kind: 'CALL', messageId: 'hb-1', action: 'Heartbeat', raw: '[2,"hb-1","Heartbeat",{}]', error: null }],
});

describe('a step nobody skipped', () => {
  it('reads "timed out" when nobody acted in time, in the HTML and the JUnit, never skipped', () => {
    const html = htmlReport(run(timedOut));
    expect(html).toContain('<tr class="timedOut"><td>1</td>');
    expect(html).toMatch(/<td>timed out<\/td><td class="num">15\.0 s<\/td>/);
    expect(html).toContain('Expected the person at the charger to do it within 15 s; Nobody acted within 15 s');
    expect(html).not.toContain('<td>skipped</td>');
    expect(junitReport(run(timedOut))).toContain('Step 1 (Plug the EV cable into connector 1.): timed out</skipped>');
  });

  it('reads "not judged" when the charger dropped the link in a quiet window, saying why', () => {
    const html = htmlReport(run(notJudged));
    expect(html).toContain('<tr class="notJudged"><td>4</td>');
    expect(html).toMatch(/<td>not judged<\/td><td class="num">25\.0 s<\/td>/);
    expect(html).not.toContain('<td>skipped</td>');
    expect(junitReport(run(notJudged))).toContain('): not judged</skipped>');
  });
});

describe('times in the HTML (and PDF) report', () => {
  const html = htmlReport(run(notJudged));
  it('gives each observation its time, in UTC as the report writes times', () => {
    expect(html).toContain(`<li><span class="t">16:43:58 UTC</span> REAL01's connection closed`);
    expect(html).toContain('<li><span class="t">16:44:10 UTC</span> REAL01 connected again</li>');
  });
  it('writes the times a reason names as the report does, not as ISO', () => {
    expect(html).toContain('its connection closed at 16:43:58 UTC (Connection lost (1006)); it connected again at 16:44:10 UTC');
    expect(html).toContain('its last frame came at 16:43:41 UTC');
    expect(html).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(Connection/);
  });
  it('says the frames’ times are UTC, in the same clock form', () => {
    expect(html).toContain('<th>Time (UTC)</th>');
    expect(html).toContain('<td class="t">16:43:41.002</td>');
  });
});

describe('timesInText', () => {
  it('writes the bench’s own times and leaves a time the charger sent (quoted in its payload) as sent', () => {
    const text = 'it sent StatusNotification {"timestamp":"2026-12-06T16:43:58.309Z"} at 2026-12-06T16:43:59Z';
    expect(timesInText(text, (iso) => `<${iso.slice(11, 19)}>`)).toBe('it sent StatusNotification {"timestamp":"2026-12-06T16:43:58.309Z"} at <16:43:59>');
  });
});
