// The OCTT 1.6 charge-point cases against the built-in virtual charger, on fake time: every applicable
// case passes (the virtual charger is the reference charger), and the run takes seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { defaultTestData } from '../../../src/main/conformance/test-data';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-octt-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('OCTT 1.6 against the virtual charger', () => {
  it('passes every applicable case', async () => {
    const target = await virtualTarget(bench);
    const run = await runConformance(bench, {
      chargerId: target.id,
      cases: process.env.OCTT_CASES ? octt16Cases.filter((c) => process.env.OCTT_CASES!.split(',').includes(c.id)) : octt16Cases,
      data: defaultTestData(),
      operator: target.operator,
      virtual: true,
    });
    const failed = run.cases.filter((c) => c.verdict !== 'pass' && c.verdict !== 'notApplicable');
    console.log(
      `OCTT 1.6 virtual run: ${run.cases.length} cases, ${run.summary.pass} pass, ${run.summary.notApplicable} not applicable, ${failed.length} other; ${Math.round(run.ms / 1000)} s of charger time in ${(run.wallMs / 1000).toFixed(1)} s`,
    );
    for (const c of failed)
      console.log(
        `${c.id} ${c.verdict}: ${c.reason} @ step ${c.decidingStep}\n  ${c.steps.map((s) => `${s.n} ${s.status} ${s.title}`).join('\n  ')}\n  obs: ${c.observations.map((o) => o.text).join('; ')}`,
      );
    expect(failed.map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
  }, 120_000);
});
