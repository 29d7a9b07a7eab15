// The reports of a run (HTML, JUnit, evidence pack) say the same thing the same way: the cases of the
// suite the bench cannot run yet counted alike, a stopped run's cases that never ran listed, who acted in a
// step worded as the UI words it, the wall-clock times of a run on a fake clock, and why the configuration
// at the end is missing.
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { htmlReport } from '../../../../src/main/conformance/reports/html';
import { junitReport } from '../../../../src/main/conformance/reports/junit';
import { evidencePack } from '../../../../src/main/conformance/reports/evidence';
import { octt16Cases } from '../../../../src/main/conformance/octt16';
import { defaultTestData } from '../../../../src/main/conformance/test-data';
import type { CaseResult, NotYetSupported, RunResult } from '../../../../src/shared/api/test-runs';

const later: NotYetSupported[] = octt16Cases.filter((c) => c.notSupported).map((c) => ({ id: c.id, title: c.title, profile: c.profile, section: c.section, reason: c.notSupported! }));

const caseOf = (id: string, patch: Partial<CaseResult> = {}): CaseResult => ({
  id,
  title: octt16Cases.find((c) => c.id === id)!.title,
  profile: 'Core',
  section: '2.2.1',
  verdict: 'pass',
  reason: null,
  decidingStep: null,
  steps: [
    { n: 1, by: 'tool', title: 'Bench sends RemoteStartTransaction', status: 'passed', startedAt: '2026-12-05T06:18:08.170Z', ms: 30, messageIds: ['r-1'] },
    { n: 2, by: 'charger', title: 'Charger sends StartTransaction', status: 'passed', startedAt: '2026-12-05T06:18:08.200Z', ms: 40, messageIds: ['s-1'] },
  ],
  observations: [],
  decisions: [],
  cleanupProblems: [],
  measurements: [],
  frames: [],
  startedAt: '2026-12-05T06:18:08.170Z',
  ms: 70_000,
  ...patch,
});

const run = (patch: Partial<RunResult> = {}): RunResult => ({
  id: 'run-1',
  chargerId: 'OCTT-VIRTUAL',
  charger: { vendor: 'ChargeBench', model: 'Virtual AC', firmware: '1.0.0', serial: null },
  virtual: true,
  // On the charger's (fake) clock: 70 s of charger time in 2.2 s.
  startedAt: '2026-12-05T06:18:08.170Z',
  finishedAt: '2026-12-05T06:19:18.170Z',
  wallStartedAt: '2026-12-05T06:18:08.000Z',
  wallFinishedAt: '2026-12-05T06:18:10.200Z',
  ms: 70_000,
  wallMs: 2200,
  fakeTime: true,
  benchVersion: '0.1.0',
  data: defaultTestData(),
  pics: null,
  planned: ['TC_003_CS'],
  cases: [caseOf('TC_003_CS')],
  summary: { pass: 1, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
  state: 'finished',
  configAtEnd: { HeartbeatInterval: '60' },
  notYetSupported: later,
  ...patch,
});

describe('the cases of the suite the bench cannot run yet', () => {
  it('are counted alike in the HTML summary and the JUnit: those the run did not include with those it did', () => {
    expect(later.length).toBeGreaterThan(1);
    const page = htmlReport(run());
    expect(page).toContain(`<div><b>${later.length}</b>Not supported yet</div>`);
    expect(page).toContain(`${later.length} cases of the suite the bench cannot run yet that the run did not include`);
    const xml = junitReport(run());
    expect(xml).toContain(`<testsuites name="ChargeBench OCTT 1.6 run run-1" tests="${1 + later.length}" failures="0" errors="0" skipped="${later.length}">`);
    // One of them included in the run (its verdict Not supported yet): counted once, with the others.
    const [first, ...rest] = later;
    const included = run({
      cases: [caseOf('TC_003_CS'), caseOf(first!.id, { verdict: 'notSupported', reason: first!.reason, steps: [], ms: 0 })],
      notYetSupported: rest,
      summary: { ...run().summary, notSupported: 1 },
    });
    expect(htmlReport(included)).toContain(`<div><b>${later.length}</b>Not supported yet</div>`);
    expect(junitReport(included)).toContain(`tests="${1 + later.length}" failures="0" errors="0" skipped="${later.length}"`);
  });
});

describe("a step's actor", () => {
  it('is worded in the HTML as the UI words it: the bench sending an operation is the Bench', () => {
    const page = htmlReport(run());
    expect(page).toContain('<tr class="passed"><td>1</td><td>Bench</td><td>Bench sends RemoteStartTransaction</td>');
    expect(page).toContain('<tr class="passed"><td>2</td><td>Charger</td>');
    expect(page).not.toContain('<td>tool</td>');
  });
});

describe('a run on a fake clock', () => {
  it('shows its wall-clock start and finish, and the charger time apart', () => {
    const page = htmlReport(run());
    expect(page).toContain('<dt>Started</dt><dd>2026-12-05T06:18:08.000Z</dd><dt>Finished</dt><dd>2026-12-05T06:18:10.200Z</dd>');
    expect(page).toContain('<dt>Duration</dt><dd>2.2 s (70.0 s of charger time on a fake clock');
    expect(junitReport(run())).toContain('timestamp="2026-12-05T06:18:08.000Z"');
  });

  it('kept before its wall-clock times were recorded, finishes its wall time after its start', () => {
    const old = run({ wallStartedAt: undefined, wallFinishedAt: undefined });
    expect(htmlReport(old)).toContain('<dt>Started</dt><dd>2026-12-05T06:18:08.170Z</dd><dt>Finished</dt><dd>2026-12-05T06:18:10.370Z</dd>');
  });
});

describe('the configuration at the end', () => {
  const unread = run({ configAtEnd: undefined, configAtEndProblem: 'the charger did not answer GetConfiguration within 30 s' });

  it('says in the HTML why it could not be read', () => {
    expect(htmlReport(unread)).toContain('<dt>Configuration at the end</dt><dd><span class="warn">Not read: the charger did not answer GetConfiguration within 30 s</span></dd>');
    expect(htmlReport(run())).toContain('<dt>Configuration at the end</dt><dd>read (1 key, in the evidence pack)</dd>');
  });

  it('is in the evidence pack as what was read, or an object saying why not', () => {
    const end = (r: RunResult) => JSON.parse(strFromU8(unzipSync(evidencePack({ run: r, framesJsonl: '' }))['configuration-end.json']!));
    expect(end(unread)).toEqual({ read: false, problem: 'the charger did not answer GetConfiguration within 30 s' });
    expect(end(run())).toEqual({ HeartbeatInterval: '60' });
  });
});

describe("a stopped run's cases that never ran", () => {
  const stopped = run({
    state: 'stopped',
    planned: ['TC_003_CS', 'TC_004_1_CS', 'TC_005_1_CS'],
    cases: [caseOf('TC_003_CS')],
  });

  it('are listed in the HTML as Not run, and counted in its summary', () => {
    const page = htmlReport(stopped);
    expect(page).toContain('<div><b>2</b><a href="#not-run">Not run</a></div>');
    expect(page).toContain('<h2 id="not-run">Not run (the run was stopped)</h2>');
    expect(page).toMatch(/<tr><td>TC_004_1_CS<\/td><td>[^<]+<\/td><td>Core<\/td><td><span class="v notRun">Not run<\/span><\/td><\/tr>/);
    expect(page).toContain('<td>TC_005_1_CS</td>');
    // A finished run has none.
    expect(htmlReport(run())).not.toContain('id="not-run"');
  });

  it('are skipped testcases in the JUnit, counted in their testsuite and in the whole', () => {
    const xml = junitReport(stopped);
    for (const id of ['TC_004_1_CS', 'TC_005_1_CS'])
      expect(xml).toMatch(new RegExp(`<testcase classname="octt16.Core" name="${id} [^"]+" time="0.000">\\s*<skipped message="not run: the run was stopped"/>`));
    expect(xml).toContain('<testsuite name="OCTT 1.6 Core (OCTT-VIRTUAL)" tests="3" failures="0" errors="0" skipped="2"');
    expect(xml).toContain(`tests="${3 + later.length}" failures="0" errors="0" skipped="${2 + later.length}"`);
  });

  it("carry a charger's words in the stop as they are: a $ in them does not paste the report into the JUnit, and the HTML's stop note is apart from the steps' rows", () => {
    const words = 'connector 1 answered CALLERROR "cost $\' and $& and $1"';
    const cut = {
      ...stopped,
      stop: { by: 'stop' as const, requestedAt: '2026-12-05T06:18:09.000Z', at: '2026-12-05T06:18:09.000Z', caseId: 'TC_003_CS', step: 'Step 1', putBack: { after: 'TC_003_CS', problems: [words] } },
    };
    const xml = junitReport(cut);
    expect(xml).toContain(`<property name="stopped.putBack" value="Not put back after TC_003_CS: connector 1 answered CALLERROR &quot;cost $' and $&amp; and $1&quot;"/>`);
    expect(xml.match(/<testsuite /g)).toHaveLength(junitReport(stopped).match(/<testsuite /g)!.length);
    const page = htmlReport(cut);
    expect(page).toContain('<p class="run-stopped" role="note"');
    expect(page).not.toContain('<p class="stopped"');
  });

  it('say why when the run ended early', () => {
    const broken = { ...stopped, error: 'OCTT-VIRTUAL did not connect within 300 s', cases: [], planned: ['TC_003_CS'] };
    expect(htmlReport(broken)).toContain('<h2 id="not-run">Not run (the run ended early: OCTT-VIRTUAL did not connect within 300 s)</h2>');
    expect(junitReport(broken)).toContain('<skipped message="not run: the run ended early: OCTT-VIRTUAL did not connect within 300 s"/>');
  });
});
