// A fake-clock bench with one built-in virtual charger, for the tests of a run's fault switches: whole runs
// of OCTT cases, made-up cases followed as a run's switches are, the charger's switches now.
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { FakeClock } from '../../src/main/clock';
import { virtualTarget, type VirtualTarget } from '../../src/main/conformance/virtual';
import { runConformance } from '../../src/main/conformance/runner';
import { defaultTestData } from '../../src/main/conformance/test-data';
import { followInjectedFaults } from '../../src/main/conformance/injected-faults';
import type { CaseDefinition } from '../../src/main/conformance/types';

export function useFaultRunBench(name: string, id: string) {
  let bench: Bench;
  let dataDir: string;
  let target: VirtualTarget;
  const clock = new FakeClock(Date.now());
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `chargebench-${name}-`));
    bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock, face: 'test' } as never);
    target = await virtualTarget(bench, id);
  });
  afterAll(async () => {
    await bench.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    bench: () => bench,
    clock,
    /** The charger's fault switches now. */
    faults: () => bench.virtualChargers.get(id).faults,
    /** A run of these OCTT cases on the charger, once settled. */
    runOf: async (cases: string[]) => {
      const { runId } = bench.conformance.start({ chargerId: id, cases });
      return bench.conformance.settled(runId);
    },
    /** A run of one made-up case on the charger, its fault switches followed as a run's are. */
    runCaseOf: async (caseId: string, run: CaseDefinition['run']) => {
      const definition: CaseDefinition = { id: caseId, title: 'Fault switches', profile: 'Core', section: '0', run };
      const follower = followInjectedFaults(bench, id)!;
      try {
        const result = await runConformance(bench, {
          chargerId: id,
          cases: [definition],
          data: defaultTestData(),
          declared: target.declared,
          operator: target.operator,
          busy: target.busy,
          virtual: true,
          onEvent: follower.seen,
        });
        return { result, record: follower.record };
      } finally {
        follower.stop();
      }
    },
    /** Waits (real time) for the charger to be connected and accepted again. */
    connectedAgain: async (): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (bench.virtualChargers.get(id).connection !== 'connected' || bench.virtualChargers.get(id).registration !== 'Accepted') {
        if (Date.now() > deadline) throw new Error(`${id} did not reconnect: ${JSON.stringify(bench.virtualChargers.get(id)).slice(0, 600)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
