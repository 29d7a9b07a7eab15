// An operator step's Passed (the person at the charger pressed Done: they did it, or saw it) is a person's
// word, not something the bench checked from frames: the HTML (and so the PDF) says "passed (on the
// operator's word)" beside it, and the JUnit names it in the testcase's <system-out> while the testcase
// stays passing; a step the bench verified from frames still reads plain "passed". In a run on a built-in
// virtual charger its hands did the step, and the reports say that instead.
import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../../../src/main/conformance/reports/html';
import { junitReport } from '../../../../src/main/conformance/reports/junit';
import { aCaseResult, aRealChargerRun, aStepResult } from '../../../helpers/run-results';

const passed = aCaseResult({
  id: 'TC_003_CS',
  title: 'Regular Charging Session - Plugin First',
  verdict: 'pass',
  steps: [
    aStepResult({ n: 1, by: 'operator', title: 'Plug the EV cable into connector 1.' }),
    aStepResult({ n: 2, by: 'charger', title: 'Charger sends StatusNotification (status Preparing)', ms: 120 }),
  ],
});

describe('a step that passed on the operator’s word', () => {
  it('reads "passed (on the operator’s word)" in the HTML, and a step verified from frames plain "passed"', () => {
    const html = htmlReport(aRealChargerRun(passed));
    expect(html).toContain(`<tr class="passed"><td>1</td><td>Operator</td><td>Plug the EV cable into connector 1.</td><td>passed (on the operator's word)</td>`);
    expect(html).toMatch(/<td>Charger sends StatusNotification \(status Preparing\)<\/td><td>passed<\/td>/);
  });

  it('is named in the JUnit testcase’s <system-out>, the testcase still passing', () => {
    const xml = junitReport(aRealChargerRun(passed));
    const tc = /<testcase [^>]*name="TC_003_CS [^"]*"[^>]*>([\s\S]*?)<\/testcase>/.exec(xml);
    expect(tc).not.toBeNull();
    expect(tc![1]).toContain("<system-out>Step 1 (Plug the EV cable into connector 1.): passed (on the operator's word), not verified from frames</system-out>");
    expect(tc![1]).not.toMatch(/<failure|<error|<skipped/);
    expect(tc![1]).not.toContain('Step 2');
    expect(xml).toContain('failures="0" errors="0" skipped="0"');
  });

  it('in a virtual run, says the virtual charger’s hands did it (nobody’s word)', () => {
    const run = { ...aRealChargerRun(passed), virtual: true };
    expect(htmlReport(run)).toContain("<td>passed (done by the virtual charger's hands)</td>");
    expect(junitReport(run)).toContain("Step 1 (Plug the EV cable into connector 1.): passed (done by the virtual charger's hands), not verified from frames");
    expect(htmlReport(run)).not.toContain("operator's word");
  });
});
