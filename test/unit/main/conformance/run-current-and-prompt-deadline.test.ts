// What a page opened mid-run is told: the run as the bench reads it (tests:get, tests:list) carries the case
// in progress and its step; and an operator's request carries when it was asked and its deadline, so a page
// opened later counts down what is really left.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../../src/main/core/bench';
import { FakeClock } from '../../../../src/main/clock';
import { virtualTarget } from '../../../../src/main/conformance/virtual';
import { runOperator } from '../../../../src/main/conformance/attended';
import type { OperatorPrompt } from '../../../../src/shared/api/test-runs';
import type { BenchEvent } from '../../../../src/shared/api/views';
import { waitFor } from '../../../helpers/bench';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('a running run as the bench reads it', () => {
  it('says the case in progress and its step, in tests:get and tests:list alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chargebench-run-current-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const bench = await Bench.start({ dataDir: dir, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
    cleanup.push(() => bench.stop());
    const cp = await virtualTarget(bench, 'CURRENT-1', 1);
    // Read as the bench publishes a step (the run is running then): what a page opening at that moment gets.
    const read: Array<{ event: { caseId: string | null; step: string | null }; get: unknown; listed: unknown; began: number; now: number }> = [];
    let runId = '';
    bench.bus.subscribe((e: BenchEvent) => {
      if (e.type === 'testRunChanged' && e.run.id === runId && e.run.state === 'running' && e.run.step !== null && read.length === 0) {
        const got = bench.conformance.get(runId);
        read.push({
          event: { caseId: e.run.caseId, step: e.run.step },
          get: { caseId: got.caseId, step: got.step },
          listed: bench.conformance.list(cp.id).find((r) => r.id === runId),
          began: Date.parse(got.caseStartedAt ?? ''),
          now: bench.clock.now(),
        });
      }
    });
    runId = bench.conformance.start({ chargerId: cp.id, cases: ['TC_003_CS', 'TC_004_1_CS'] }).runId;
    await waitFor(() => read.length > 0, 30_000);
    expect(read[0]!.event.caseId).toMatch(/^TC_00(3|4_1)_CS$/);
    expect(read[0]!.get).toEqual(read[0]!.event);
    expect(read[0]!.listed).toMatchObject(read[0]!.event);
    // And when the case began, on the bench's clock (the frames' clock): where a page reads its frames from.
    const { began, now } = read[0]!;
    expect(began).toBeLessThanOrEqual(now);
    expect(began).toBeGreaterThan(now - 60_000);
    bench.conformance.stop(runId);
    const ended = await bench.conformance.settled(runId);
    // An ended run says no case in progress.
    expect(bench.conformance.get(ended.id).caseId).toBeUndefined();
  }, 60_000);
});

describe("an operator's request", () => {
  it("carries when it was asked and its deadline, timeoutS apart, and the bench's clock as it is sent", async () => {
    const bench = { virtualChargers: { has: () => false } } as never;
    const abort = new AbortController();
    const published: Array<OperatorPrompt | null> = [];
    const op = runOperator(bench, 'CP001', abort.signal, (p) => published.push(p));
    const before = Date.now();
    const answered = op.operator.perform({ caseId: 'TC_003_CS', step: 1, action: { kind: 'plug', connectorId: 1 }, text: 'Plug in', timeoutS: 60 });
    const asked = published[0]!;
    expect(Date.parse(asked.issuedAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(asked.deadline!) - Date.parse(asked.issuedAt!)).toBe(60_000);
    // Sent with the bench's clock as it was asked; read later, with the clock as it is read.
    expect(asked.now).toBe(asked.issuedAt);
    const read = op.prompt()!;
    expect({ ...read, now: asked.now }).toEqual(asked);
    expect(Date.parse(read.now!)).toBeGreaterThanOrEqual(Date.parse(asked.now!));
    op.answer('done');
    await expect(answered).resolves.toBe('done');
  });
});
