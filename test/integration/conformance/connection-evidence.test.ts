// A charger's connection closing and opening during a case is part of its evidence: the case's observations
// say when it closed (with the bench's reason and the charger's last frame) and when it connected again, in
// time order with the rest, so a report shows what happened to the link (a hard reset here; a charger that
// drops mid-case alike).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-connection-evidence-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("names the charger's connection closing and opening again during a case among its observations", async () => {
  const cp = await virtualTarget(bench, 'LINK-1', 1);
  const { runId } = bench.conformance.start({ chargerId: cp.id, cases: ['TC_013_CS'] });
  const run = await bench.conformance.settled(runId);
  const reset = run.cases.find((c) => c.id === 'TC_013_CS')!;
  expect(reset.verdict).toBe('pass');
  const texts = reset.observations.map((o) => o.text);
  const closed = texts.findIndex((t) => /^LINK-1's connection closed \(.+\)/.test(t));
  const opened = texts.indexOf('LINK-1 connected again');
  expect(closed).toBeGreaterThanOrEqual(0);
  expect(opened).toBeGreaterThan(closed);
  // In time order with the case's other observations.
  const times = reset.observations.map((o) => Date.parse(o.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
}, 60_000);
