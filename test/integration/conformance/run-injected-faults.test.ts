// A run on a built-in virtual charger keeps its fault switches: those on when it started and each switched
// while it ran (when, and in which case), so a FAIL caused by injected misbehaviour is told apart from the
// firmware's in the run's record, its HTML, JUnit and evidence pack. And a Not applicable for back-up power
// says where the fact came from (declared for the run, or the virtual charger's own definition).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { htmlReport } from '../../../src/main/conformance/reports/html';
import { junitReport } from '../../../src/main/conformance/reports/junit';
import { evidencePack } from '../../../src/main/conformance/reports/evidence';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-injected-faults-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  await virtualTarget(bench, 'QA2');
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('fault switches of the virtual charger a run is on', () => {
  it('are kept with the run (on at its start, and switched during it) and said in every report', async () => {
    bench.virtualChargers.setFault('QA2', 'action', { on: true, action: 'CancelReservation', mode: 'reject' });
    // A person switches another one on while TC_052_CS runs, through the bench as the UI does.
    const off = bench.bus.subscribe((e) => {
      if (e.type === 'testRunChanged' && e.run.caseId === 'TC_052_CS' && !bench.virtualChargers.get('QA2').faults.authFailure) bench.virtualChargers.setFault('QA2', 'auth-failure', { on: true });
    });
    let run;
    try {
      const { runId } = bench.conformance.start({ chargerId: 'QA2', cases: ['TC_051_CS', 'TC_052_CS'] });
      run = await bench.conformance.settled(runId);
    } finally {
      off();
      bench.virtualChargers.setFaults('QA2', { actions: {}, authFailure: false });
      await bench.operations.operateByName('QA2', 'CancelReservation', { reservationId: 7 }, { timeoutMs: 5000, skipBenchRules: true });
    }
    expect(run.cases.map((c) => c.verdict)).toContain('fail');
    expect(run.faults).toEqual({
      atStart: ['CancelReservation: reject'],
      switched: [{ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), caseId: 'TC_052_CS', on: ['Card authorization fails'], off: [] }],
    });
    // The run's record keeps it (a page opened later, a comparison).
    expect(bench.conformance.get(run.id).faults).toEqual(run.faults);
    const said = `Faults injected: CancelReservation: reject (on when the run started); Card authorization fails switched on at ${run.faults!.switched[0]!.at.slice(11, 19)} UTC during TC_052_CS`;
    const page = htmlReport(run);
    expect(page).toContain(said);
    expect(page).toContain('Fault injected while this case ran (its verdict may owe to it, not to the firmware): Card authorization fails switched on');
    expect(junitReport(run)).toContain(`<system-err>${said}`);
    const zip = unzipSync(evidencePack({ run, framesJsonl: '' }));
    expect(JSON.parse(strFromU8(zip['charger.json']!))).toMatchObject({ faultsInjected: said, faultSwitches: run.faults });
    expect(JSON.parse(strFromU8(zip['report.json']!)).faults).toEqual(run.faults);
  }, 120_000);

  it('are recorded as none for a clean run, which the reports then do not flag', async () => {
    const { runId } = bench.conformance.start({ chargerId: 'QA2', cases: ['TC_003_CS'] });
    const run = await bench.conformance.settled(runId);
    expect(run.cases.map((c) => c.verdict)).toEqual(['pass']);
    expect(run.faults).toEqual({ atStart: [], switched: [] });
    expect(htmlReport(run)).not.toContain('Faults injected');
    expect(htmlReport(run)).toContain('<dt>Fault switches</dt><dd>none injected during the run</dd>');
  }, 120_000);
});

describe('a Not applicable for back-up power', () => {
  it('says the fact came from the virtual charger when nothing was declared', async () => {
    const { runId } = bench.conformance.start({ chargerId: 'QA2', cases: ['TC_032_1_CS'] });
    const run = await bench.conformance.settled(runId);
    expect(run.cases[0]).toMatchObject({
      verdict: 'notApplicable',
      reason: 'The charger has no back-up power source (not declared for the run: as the built-in virtual charger is defined) to stop its transactions before it goes down',
    });
    expect(run.pics!.capabilitiesFrom).toMatchObject({ backupPower: 'virtual', fixedCable: 'virtual', connectorLock: 'default' });
  }, 120_000);

  it('says it was declared when the person declared it', async () => {
    const { runId } = bench.conformance.start({ chargerId: 'QA2', cases: ['TC_032_1_CS'], declared: { backupPower: false } });
    const run = await bench.conformance.settled(runId);
    expect(run.cases[0]!.reason).toBe('The charger has no back-up power source (declared for the run) to stop its transactions before it goes down');
  }, 120_000);
});
