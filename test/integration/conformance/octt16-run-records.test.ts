// What a run records for the person certifying firmware, against the built-in virtual charger on fake time:
// a reservation the end of a case could not cancel (named on the case, and on the cases that began with it),
// why the configuration at the end is missing, the run's wall-clock times, where the feature profiles of a
// Not applicable came from, and what a step the run was stopped during expected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance, type RunEvent } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { defaultTestData } from '../../../src/main/conformance/test-data';
import { htmlReport } from '../../../src/main/conformance/reports/html';
import { junitReport } from '../../../src/main/conformance/reports/junit';
import { evidencePack } from '../../../src/main/conformance/reports/evidence';
import { featureProfiles } from '../../../src/shared/ocpp16';
import type { PicsDeclaration } from '../../../src/shared/api/test-runs';

let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-octt-records-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  target = await virtualTarget(bench);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const reservationIds = octt16Cases.filter((c) => c.profile === 'Reservation').map((c) => c.id);

async function run(ids: string[], o: { on?: VirtualTarget; declared?: PicsDeclaration; onEvent?: (e: RunEvent) => void; signal?: AbortSignal } = {}) {
  const t = o.on ?? target;
  return runConformance(bench, {
    chargerId: t.id,
    cases: octt16Cases.filter((c) => ids.includes(c.id)),
    data: defaultTestData(),
    declared: { ...t.declared, ...o.declared },
    operator: t.operator,
    busy: t.busy,
    virtual: true,
    onEvent: o.onEvent,
    signal: o.signal,
  });
}

describe('a reservation the end of a case could not cancel', () => {
  it('is a cleanup problem of the case, and the cases after it say they began with it', async () => {
    bench.virtualChargers.setFaults(target.id, { actions: { CancelReservation: { mode: 'reject' } } });
    let result;
    try {
      result = await run(['TC_051_CS', 'TC_052_CS', 'TC_053_CS']);
    } finally {
      bench.virtualChargers.setFaults(target.id, { actions: {} });
      // The reservation the run could not cancel, cancelled for the tests after this one.
      await bench.operations.operateByName(target.id, 'CancelReservation', { reservationId: 7 }, { timeoutMs: 5000, skipBenchRules: true });
    }
    // Nothing else went wrong before the first case.
    expect(result.setupProblems).toBeUndefined();
    const [c51, c52, c53] = result.cases;
    expect(c51!.cleanupProblems).toContainEqual(
      expect.stringMatching(/^reservation 7 on connector 1 could not be cancelled: the charger answered Rejected; the connector may stay Reserved until it expires at \d{4}-\d\d-\d\dT[\d:.]+Z$/),
    );
    // The next cases failed on a connector still Reserved: each says the charger was not put back before it.
    expect(c52!.verdict).toBe('fail');
    expect(c52!.notPutBack).toEqual({ after: 'TC_051_CS', problems: c51!.cleanupProblems });
    expect(c53!.notPutBack?.after).toBe('TC_052_CS');
    expect(c53!.notPutBack?.problems).toContainEqual(expect.stringMatching(/^reservation 7 on connector 1 could not be cancelled: the charger answered Rejected/));
    // And the reports say so beside those cases.
    const page = htmlReport(result);
    expect(page).toContain('The charger was not put back after <a href="#TC_051_CS">TC_051_CS</a>');
    const xml = junitReport(result);
    const tc52 = xml.slice(xml.indexOf('name="TC_052_CS'), xml.indexOf('</testcase>', xml.indexOf('name="TC_052_CS')));
    expect(tc52).toMatch(/<system-err>The charger was not put back after TC_051_CS \(this case began with it\): reservation 7 on connector 1 could not be cancelled/);
  }, 120_000);

  it('is no problem where the reservation was refused, cancelled, used or expired: the Reservation cases leave none on a charger that cancels', async () => {
    const result = await run(reservationIds);
    expect(result.cases.filter((c) => c.verdict !== 'notApplicable').length).toBeGreaterThan(8);
    expect(result.cases.map((c) => [c.id, c.verdict, c.cleanupProblems])).toEqual(result.cases.map((c) => [c.id, c.verdict === 'notApplicable' ? 'notApplicable' : 'pass', []]));
    expect(result.cases.filter((c) => c.notPutBack)).toEqual([]);
  }, 120_000);
});

describe('a reservation made before the run', () => {
  it('is named once, before the first case, not after every case as one the bench could not cancel', async () => {
    const expiryDate = new Date(bench.clock.now() + 3_600_000).toISOString();
    const reserved = await bench.operations.operateByName(target.id, 'ReserveNow', { connectorId: 2, expiryDate, idTag: 'SOMEONE-ELSE', reservationId: 99 }, { timeoutMs: 5000, skipBenchRules: true });
    expect(reserved).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
    let result;
    try {
      result = await run(['TC_003_CS', 'TC_021_CS']);
    } finally {
      await bench.operations.operateByName(target.id, 'CancelReservation', { reservationId: 99 }, { timeoutMs: 5000, skipBenchRules: true });
    }
    expect(result.setupProblems).toEqual(['connector 2 is Reserved (a reservation the bench did not make; it ends when it expires or is cancelled): the first cases may fail']);
    expect(result.cases.map((c) => [c.id, c.verdict, c.cleanupProblems, c.notPutBack])).toEqual([
      ['TC_003_CS', 'pass', [], undefined],
      ['TC_021_CS', 'pass', [], undefined],
    ]);
  }, 120_000);
});

describe('the end of a run', () => {
  it('says why the configuration at the end is missing, in the result, the HTML and the evidence pack', async () => {
    const onEvent = (e: RunEvent) => {
      // The case has ended and been put back: from now on the charger does not answer GetConfiguration.
      if (e.type === 'caseFinished') bench.virtualChargers.setFaults(target.id, { actions: { GetConfiguration: { mode: 'ignore' } } });
    };
    let result;
    try {
      result = await run(['TC_003_CS'], { onEvent });
    } finally {
      bench.virtualChargers.setFaults(target.id, { actions: {} });
    }
    expect(result.cases.map((c) => c.verdict)).toEqual(['pass']);
    expect(result.configAtEnd).toBeUndefined();
    expect(result.configAtEndProblem).toBe('the charger did not answer GetConfiguration within 30 s');
    expect(htmlReport(result)).toContain('Not read: the charger did not answer GetConfiguration within 30 s');
    const zip = unzipSync(evidencePack({ run: result, framesJsonl: '' }));
    expect(JSON.parse(strFromU8(zip['configuration-end.json']!))).toEqual({ read: false, problem: 'the charger did not answer GetConfiguration within 30 s' });
  }, 120_000);

  it('gives its wall-clock start and finish beside the fake clock it ran on, and the reports show those', async () => {
    const before = Date.now();
    const result = await run(['TC_003_CS']);
    const after = Date.now();
    expect(result.fakeTime).toBe(true);
    const started = Date.parse(result.wallStartedAt!);
    expect(started).toBeGreaterThanOrEqual(before);
    expect(Date.parse(result.wallFinishedAt!)).toBe(started + result.wallMs);
    expect(Date.parse(result.wallFinishedAt!)).toBeLessThanOrEqual(after);
    // The charger's time ran ahead of the wall clock (the case's waits took no wall time).
    expect(Date.parse(result.finishedAt!)).toBeGreaterThan(Date.parse(result.wallFinishedAt!));
    const page = htmlReport(result);
    expect(page).toContain(`<dt>Started</dt><dd>${result.wallStartedAt}</dd><dt>Finished</dt><dd>${result.wallFinishedAt}</dd>`);
    expect(junitReport(result)).toContain(`timestamp="${result.wallStartedAt}"`);
  }, 120_000);
});

describe('a case that does not apply for want of a feature profile', () => {
  it('names the declaration when the profiles were declared, and what the charger reports where it differs', async () => {
    const result = await run(['TC_046_1_CS', 'TC_051_CS'], { declared: { profiles: ['Core'] } });
    expect(result.pics).toMatchObject({ profiles: ['Core'], profilesFrom: 'declared', reportedProfiles: expect.arrayContaining(['Core', 'Reservation']) });
    for (const c of result.cases) {
      expect(c.verdict).toBe('notApplicable');
      expect(c.reason).toMatch(/^The Reservation profile is not among the profiles declared for the run \(Core\), although the charger reports it \(SupportedFeatureProfiles: Core, .*Reservation/);
      expect(c.reason).not.toContain('The charger does not support');
    }
  }, 60_000);

  it('names the charger when the profiles are what it reports', async () => {
    await bench.virtualChargers.create({ id: 'OCTT-RECORDS-NO-RESERVATION', connectors: 2, autoStart: true, profiles: featureProfiles.filter((p) => p !== 'Reservation') });
    const plain = await virtualTarget(bench, 'OCTT-RECORDS-NO-RESERVATION');
    const result = await run(['TC_046_1_CS'], { on: plain });
    expect(result.pics?.profilesFrom).toBe('charger');
    expect(result.cases[0]!.reason).toMatch(/^The charger does not report the Reservation profile \(SupportedFeatureProfiles: Core, [^)]*\), and no profiles were declared for the run$/);
  }, 60_000);
});

describe('a stopped run', () => {
  it('keeps the expectation of the step it was stopped during, and its reports list the planned cases it never ran', async () => {
    const stop = new AbortController();
    const onEvent = (e: RunEvent) => {
      if (e.type === 'stepStarted' && /Heartbeat/.test(e.step)) stop.abort();
    };
    const result = await run(['TC_001_CS', 'TC_003_CS', 'TC_004_1_CS'], { onEvent, signal: stop.signal });
    expect(result.state).toBe('stopped');
    expect(result.planned).toEqual(['TC_001_CS', 'TC_003_CS', 'TC_004_1_CS']);
    const [c] = result.cases;
    expect(result.cases).toHaveLength(1);
    expect(c!.verdict).toBe('inconclusive');
    const deciding = c!.steps.find((s) => s.n === c!.decidingStep);
    expect(deciding).toMatchObject({ title: expect.stringContaining('Heartbeat'), status: 'stopped', expected: 'Heartbeat within 90 s', actual: 'the run was stopped during this step' });
    expect(htmlReport(result)).toContain('Expected Heartbeat within 90 s; the run was stopped during this step');

    const page = htmlReport(result);
    expect(page).toContain('<h2 id="not-run">Not run (the run was stopped)</h2>');
    expect(page).toContain('<b>2</b><a href="#not-run">Not run</a>');
    for (const id of ['TC_003_CS', 'TC_004_1_CS']) expect(page).toContain(`<td>${id}</td>`);
    const xml = junitReport(result);
    expect(xml).toMatch(/<testcase classname="octt16.Core" name="TC_003_CS [^"]+" time="0.000">\s*<skipped message="not run: the run was stopped"\/>/);
    expect(xml).toMatch(/<testcase classname="octt16.Core" name="TC_004_1_CS [^"]+" time="0.000">\s*<skipped message="not run: the run was stopped"\/>/);
    expect(xml).toMatch(/<testsuite name="OCTT 1.6 Core \(OCTT-VIRTUAL\)" tests="3" failures="0" errors="0" skipped="3"/);
  }, 120_000);
});
