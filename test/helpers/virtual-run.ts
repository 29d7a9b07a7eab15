// A bench on a fake clock with its built-in virtual charger as a conformance run's target, and a run of
// OCTT cases on it by id (the default test data, the virtual charger's declarations): what the engine's
// integration tests of one case's behaviour start from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { FakeClock } from '../../src/main/clock';
import { runConformance } from '../../src/main/conformance/runner';
import { octt16Cases } from '../../src/main/conformance/octt16';
import { virtualTarget, type VirtualTarget } from '../../src/main/conformance/virtual';
import { defaultTestData } from '../../src/main/conformance/test-data';

export interface VirtualRunBench {
  bench: Bench;
  target: VirtualTarget;
  /** Runs the cases of these ids on the virtual charger. */
  run(ids: string[]): ReturnType<typeof runConformance>;
  /** Stops the bench and removes its data directory. */
  stop(): Promise<void>;
}

export async function startVirtualRunBench(name: string): Promise<VirtualRunBench> {
  const dataDir = mkdtempSync(join(tmpdir(), `chargebench-${name}-`));
  const bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  const target = await virtualTarget(bench);
  const data = defaultTestData();
  return {
    bench,
    target,
    run: (ids) =>
      runConformance(bench, {
        chargerId: target.id,
        cases: octt16Cases.filter((c) => ids.includes(c.id)),
        data,
        declared: target.declared,
        operator: target.operator,
        busy: target.busy,
        virtual: true,
      }),
    stop: async () => {
      await bench.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
