// A bench on a fake clock with its built-in virtual charger as a conformance run's target, and a run of
// OCTT cases on it by id (the default test data, the virtual charger's declarations): what the engine's
// integration tests of one case's behaviour start from; and `chargebench test` (runOnCharger) opened on
// that charger, its printed lines captured, for the CLI's tests.
import { vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { FakeClock } from '../../src/main/clock';
import { runConformance } from '../../src/main/conformance/runner';
import { octt16Cases } from '../../src/main/conformance/octt16';
import { virtualTarget, type VirtualTarget } from '../../src/main/conformance/virtual';
import { defaultTestData } from '../../src/main/conformance/test-data';
import { Interrupt } from '../../src/main/cli/interrupt';
import { waitForConnection, type OpenRun } from '../../src/main/cli/run-on-charger';

export interface VirtualRunOptions {
  /** The virtual charger's id (virtualTarget's own otherwise). */
  chargerId?: string;
  /** How many connectors it has (virtualTarget's default otherwise). */
  connectors?: number;
  /** The bench's FTP port for this run (0: any free one); the saved setting's otherwise. */
  ftpPort?: number;
}

/** `chargebench test` opened on the bench's virtual charger, its signals heard through `interrupt`, and what it prints. */
export interface VirtualCli {
  open: OpenRun;
  interrupt: Interrupt;
  /** What it printed on stdout (console.log), one entry a call. */
  logs: string[];
  /** What it printed on stderr (console.error), one entry a call. */
  errors: string[];
}

export interface VirtualRunBench {
  bench: Bench;
  target: VirtualTarget;
  /** The bench's data directory. */
  dataDir: string;
  /** An empty folder for what a test writes (reports), removed on stop. */
  out: string;
  /** Runs the cases of these ids on the virtual charger. */
  run(ids: string[]): ReturnType<typeof runConformance>;
  /** `chargebench test` on the virtual charger: its console spied on (vi.restoreAllMocks undoes it), the operator's questions skipped. */
  cli(): VirtualCli;
  /** Stops the bench and removes its data directory and `out`. */
  stop(): Promise<void>;
}

export async function startVirtualRunBench(name: string, options: VirtualRunOptions = {}): Promise<VirtualRunBench> {
  const dataDir = mkdtempSync(join(tmpdir(), `chargebench-${name}-`));
  const out = mkdtempSync(join(tmpdir(), `chargebench-${name}-out-`));
  const ftp = options.ftpPort === undefined ? {} : { ftpPort: options.ftpPort };
  const bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ...ftp, clock: new FakeClock(Date.now()), face: 'test' } as never);
  const target = await virtualTarget(bench, options.chargerId, options.connectors);
  const data = defaultTestData();
  return {
    bench,
    target,
    dataDir,
    out,
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
    cli: () => {
      const logs: string[] = [];
      const errors: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(String(m)));
      vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(String(m)));
      const interrupt = new Interrupt('test', { process: false, exit: () => undefined });
      const open: OpenRun = {
        bench,
        chargerId: target.id,
        target,
        interrupt,
        ask: async () => 'skip',
        connected: async (timeoutS) => ((await waitForConnection(bench, target.id, timeoutS, interrupt.signal)) === 'connected' ? null : interrupt.status),
        close: async () => interrupt.dispose(),
      };
      return { open, interrupt, logs, errors };
    },
    stop: async () => {
      await bench.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    },
  };
}
