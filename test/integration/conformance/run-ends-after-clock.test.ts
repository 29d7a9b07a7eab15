// A run on fake time shows ended (and so lets the next run start on the charger: runningOn) only once the
// driver that moves the shared fake clock has ended and the run's frames are closed. Here the driver is
// held inside its last advance of the clock (a slow timer): meanwhile the run is still running, with no
// finish time, and it ends when the driver does.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { defaultTestData } from '../../../src/main/conformance/test-data';
import type { CaseDefinition, RunResult } from '../../../src/main/conformance/types';
import { waitFor } from '../../helpers/bench';

/** A fake clock whose advance past `holdFrom` stays in progress (its timers fired) until released. */
class HoldingClock extends FakeClock {
  holdFrom: number | null = null;
  holding = false;
  release: () => void = () => undefined;
  private readonly gate: Promise<void> = new Promise((resolve) => (this.release = resolve));

  override async advance(ms: number): Promise<void> {
    await super.advance(ms);
    if (this.holdFrom !== null && this.now() >= this.holdFrom) {
      this.holdFrom = null;
      this.holding = true;
      await this.gate;
      this.holding = false;
    }
  }
}

const clock = new HoldingClock(Date.now());
let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-run-ends-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock, face: 'test' } as never);
  target = await virtualTarget(bench, 'ENDS-VCP', 1);
}, 60_000);
afterAll(async () => {
  clock.release();
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const waiting: CaseDefinition = { id: 'WAIT_5S', title: 'Waits on the run clock', profile: 'Core', section: '0', run: (t) => t.wait(5, 'time passes') };

it('stays running until the fake-clock driver has ended, then ends with its finish time', async () => {
  const behaviours = bench.centralSystem.behaviours;
  const setIdTags = behaviours.setIdTags.bind(behaviours);
  // The run's end (its finally) clears the run's idTag table: seen here.
  let ending = false;
  behaviours.setIdTags = (chargerId, table) => {
    if (chargerId === target.id && table === null) ending = true;
    setIdTags(chargerId, table);
  };
  try {
    let run: RunResult | null = null;
    const result = runConformance(bench, {
      chargerId: target.id,
      cases: [waiting],
      data: defaultTestData(),
      declared: target.declared,
      operator: target.operator,
      busy: target.busy,
      virtual: true,
      onEvent: (e) => {
        if (e.type === 'runStarted') run = e.run;
        // The advance that fires the wait's timer is held (the wait's 5 s from now; not what the bench does after the case).
        if (e.type === 'stepStarted' && e.caseId === 'WAIT_5S' && e.step.startsWith('Step ')) clock.holdFrom = clock.now() + 5000;
      },
    });
    await waitFor(() => clock.holding && ending, 30_000);
    // The case and the end of the run are done; the driver is still inside its advance of the clock.
    expect(run!.cases.map((c) => c.verdict)).toEqual(['pass']);
    expect([run!.state, run!.finishedAt]).toEqual(['running', null]);
    clock.release();
    const ended = await result;
    expect(ended.state).toBe('finished');
    expect(ended.finishedAt).not.toBeNull();
  } finally {
    behaviours.setIdTags = setIdTags;
    clock.release();
  }
}, 60_000);
