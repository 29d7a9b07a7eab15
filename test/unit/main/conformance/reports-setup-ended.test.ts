// The sessions a run ended before its first case (run.setupEnded: running on the charger when it began, a
// customer's too) are named in the HTML report (and so its PDF) and the JUnit, each with its transaction,
// connector, idTag and when it ended, beside what the run could not put right then; in the words a
// commissioning's report uses for the same thing.
import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../../../src/main/conformance/reports/html';
import { junitReport } from '../../../../src/main/conformance/reports/junit';
import { octt16Cases } from '../../../../src/main/conformance/octt16';
import { defaultTestData } from '../../../../src/main/conformance/test-data';
import { sessionEndedWords } from '../../../../src/shared/api/commissioning';
import type { CaseResult, RunResult } from '../../../../src/shared/api/test-runs';

const caseOf = (id: string, patch: Partial<CaseResult> = {}): CaseResult => ({
  id,
  title: octt16Cases.find((c) => c.id === id)!.title,
  profile: 'Core',
  section: '2.2.1',
  verdict: 'pass',
  reason: null,
  decidingStep: null,
  steps: [{ n: 1, by: 'tool', title: 'Bench sends RemoteStartTransaction', status: 'passed', startedAt: '2026-12-05T10:02:08.170Z', ms: 30, messageIds: ['r-1'] }],
  observations: [],
  decisions: [],
  cleanupProblems: [],
  measurements: [],
  frames: [],
  startedAt: '2026-12-05T10:02:08.170Z',
  ms: 70_000,
  ...patch,
});

/** A run on a real charger, in real time, that ended a customer's session before its first case. */
const run = (patch: Partial<RunResult> = {}): RunResult => ({
  id: 'run-1',
  chargerId: 'CP001',
  charger: { vendor: 'ACME', model: 'Wallbox', firmware: '1.0.0', serial: null },
  virtual: false,
  startedAt: '2026-12-05T10:02:00.000Z',
  finishedAt: '2026-12-05T10:03:10.000Z',
  wallStartedAt: '2026-12-05T10:02:00.000Z',
  wallFinishedAt: '2026-12-05T10:03:10.000Z',
  ms: 70_000,
  wallMs: 70_000,
  fakeTime: false,
  benchVersion: '0.1.0',
  data: defaultTestData(),
  pics: null,
  planned: ['TC_003_CS'],
  cases: [caseOf('TC_003_CS')],
  summary: { pass: 1, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
  state: 'finished',
  configAtEnd: { HeartbeatInterval: '60' },
  notYetSupported: [],
  setupEnded: [{ transactionId: 6, connectorId: 1, idTag: 'ABC', endedAt: '2026-12-05T10:02:03.000Z' }],
  ...patch,
});

const sentence = 'Before the first case the run ended 1 session running on the charger (RemoteStopTransaction): transaction 6 on connector 1 (idTag ABC), ended at 10:02:03 UTC';

describe('the sessions a run ended before its first case', () => {
  it('are named in the HTML report (the PDF prints it): how many, then each with its transaction, connector, idTag and time', () => {
    const page = htmlReport(run());
    expect(page).toContain(
      '<h2>Before the first case</h2><p class="setup-ended">Before the first case the run ended 1 session running on the charger (RemoteStopTransaction):</p><ul class="setup-ended"><li>transaction 6 on connector 1 (idTag ABC), ended at 10:02:03 UTC</li></ul>',
    );
    // Said as a commissioning's report says a session it ended.
    expect(page).toContain(sessionEndedWords({ transactionId: 6, connectorId: 1, idTag: 'ABC', endedAt: '2026-12-05T10:02:03.000Z', startedAt: null }, (iso) => `${iso.slice(11, 19)} UTC`));
    // Before the cases, where what could not be put right is.
    expect(page.indexOf('Before the first case the run ended')).toBeLessThan(page.indexOf('<h2>Cases</h2>'));
  });

  it('are said beside what could not be put right, under one heading; several counted, an idTag escaped', () => {
    const page = htmlReport(
      run({
        setupEnded: [
          { transactionId: 6, connectorId: 1, idTag: 'ABC', endedAt: '2026-12-05T10:02:03.000Z' },
          { transactionId: 7, connectorId: 2, idTag: '<CUST>', endedAt: '2026-12-05T10:02:04.000Z' },
        ],
        setupProblems: ['connector 2 (Finishing) may still have a cable in: unplug it before the next run'],
      }),
    );
    expect(page.match(/<h2>Before the first case<\/h2>/g)).toHaveLength(1);
    expect(page).toContain('the run ended 2 sessions running on the charger (RemoteStopTransaction):');
    expect(page).toContain('<li>transaction 7 on connector 2 (idTag &lt;CUST&gt;), ended at 10:02:04 UTC</li>');
    expect(page).toContain('<li>connector 2 (Finishing) may still have a cable in: unplug it before the next run</li>');
  });

  it('a session left as it is on purpose is said apart, as such, never among what could not be put right (HTML and JUnit)', () => {
    const left =
      'transaction 5 (connector 1, idTag GONE): left as it is, not sent a RemoteStopTransaction: not running: connector 1 reported Available at 10:01:00 UTC, after it started at 10:00:00 UTC (the charger would refuse to stop it); close it in the record';
    const problem = 'connector 2 (Finishing) may still have a cable in: unplug it before the next run';
    const r = run({ setupEnded: [], setupProblems: [left, problem] });
    const page = htmlReport(r);
    expect(page).toContain(
      '<p class="setup-left">Left as it is before the first case (sent no RemoteStopTransaction):</p><ul class="setup-left"><li>transaction 5 (connector 1, idTag GONE): not running: connector 1 reported Available at 10:01:00 UTC',
    );
    const couldNot = page.slice(page.indexOf('What could not be put right'));
    expect(couldNot).toContain(`<li>${problem}</li>`);
    expect(couldNot).not.toContain('transaction 5');
    const junit = junitReport(r);
    expect(junit).toContain('Left as it is before the first case (sent no RemoteStopTransaction): transaction 5 (connector 1, idTag GONE): not running:');
    expect(junit).not.toContain('not put right: transaction 5');
    expect(junit).toContain(`Before the first case, not put right: ${problem}`);
  });

  it("say a time on a fake clock is the fake clock's", () => {
    const page = htmlReport(run({ virtual: true, fakeTime: true }));
    expect(page).toContain('<li>transaction 6 on connector 1 (idTag ABC), ended at 10:02:03 UTC (fake clock)</li>');
  });

  it('are nowhere when the run ended none', () => {
    const page = htmlReport(run({ setupEnded: undefined }));
    expect(page).not.toContain('Before the first case');
    expect(junitReport(run({ setupEnded: undefined }))).not.toContain('system-err');
  });

  it("are the first suite's system-err in the JUnit, beside what could not be put right", () => {
    const xml = junitReport(run({ setupProblems: ['connector 1 is Finishing: the next case may fail'] }));
    expect(xml).toContain(`<system-err>${sentence}\nBefore the first case, not put right: connector 1 is Finishing: the next case may fail</system-err>`);
  });

  it('reach the JUnit even when no suite of cases is there: with the run that could not be carried out', () => {
    const xml = junitReport(run({ state: 'error', error: 'GetConfiguration got no answer', planned: [], cases: [], summary: { ...run().summary, pass: 0 } }));
    expect(xml).toContain('<testcase classname="octt16.run"');
    expect(xml).toContain(`<system-err>${sentence}</system-err>`);
  });
});
