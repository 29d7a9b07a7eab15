// What the case catalogue says each case does (src/shared/api/case-effects.data.ts, computed from the case
// definitions by scripts/case-effects.ts) holds at run time: cases are run on the virtual charger on fake
// time, and each operation the bench sent in one (the case and the put-back after it) has its effect in the
// catalogue, or is one every run does anyway (the authorization cache cleared after each case, said by the
// start form for every run). The cases are a subset, for speed: one or more for each effect and for each way
// a case reaches it (a helper's send, touched.*, a profile in a RemoteStartTransaction, a reboot's
// BootNotification answer), those the scanner once missed among them. OCTT_CASES=all runs every case.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { defaultTestData } from '../../../src/main/conformance/test-data';
import { caseEffectsData } from '../../../src/shared/api/case-effects.data';
import { caseEffectOf, type CaseEffect } from '../../../src/shared/api/case-effects';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-effects-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const subset = [
  'TC_001_CS', // a power cut: the reboot's BootNotification answer (HeartbeatInterval put back)
  'TC_008_CS', // a session through a helper, a local list
  'TC_013_CS', // a reset, availability
  'TC_019_CS', // reads only
  'TC_021_CS', // configuration
  'TC_037_1_CS', // offline, a local list, configuration
  'TC_046_1_CS', // a reservation, availability
  'TC_056_CS', // charging profiles
  'TC_059_CS', // a profile in a RemoteStartTransaction, through charging()
  'TC_060_CS', // a profile in a RemoteStartTransaction, sent by the case
  'TC_061_CS', // the cache
  'TC_017_1_CS', // unlock
];
const picked = process.env.OCTT_CASES === 'all' ? octt16Cases : octt16Cases.filter((c) => subset.includes(c.id));

/** What every run does around its cases, whichever they are (the start form says it for every run). */
const everyRun: CaseEffect[] = ['cache'];

it('every operation a case sends on the virtual charger has its effect in the case catalogue', async () => {
  const target = await virtualTarget(bench);
  const run = await runConformance(bench, { chargerId: target.id, cases: picked, data: defaultTestData(), declared: target.declared, operator: target.operator, busy: target.busy, virtual: true });
  const missing = run.cases.flatMap((c) => {
    const sent = new Set(c.frames.filter((f) => f.direction === 'out' && f.kind === 'CALL').map((f) => f.action as string));
    const found = caseEffectOf({ sent, moves: new Set(), operator: new Set() }).effects.filter((e) => !everyRun.includes(e) && !caseEffectsData[c.id]?.effects.includes(e));
    return found.length ? [`${c.id} (sent ${[...sent].join(', ')}): ${found.join(', ')}`] : [];
  });
  expect(run.cases.filter((c) => c.verdict === 'pass').map((c) => c.id)).toEqual(picked.map((c) => c.id));
  expect(missing).toEqual([]);
}, 120_000);
