// A bench for a commissioning test file: on a fake clock, in a temp data dir, with one built-in virtual
// charger connected (after the bench's heartbeat interval (Settings) is set, when one is given, so the
// charger's first boot takes it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { Bench } from '../../src/main/core/bench';
import { FakeClock } from '../../src/main/clock';
import { virtualTarget } from '../../src/main/conformance/virtual';
import type { Misbehaviour } from '../../src/main/virtual-cp/misbehaviour';
import type { CommissioningView } from '../../src/shared/api/commissioning';
import type { BenchEvent } from '../../src/shared/api/events';

export interface CommissioningBench {
  /** The bench: started before the file's tests (a new one after `restart()`). */
  readonly bench: Bench;
  /** Stops the bench and starts another on the same data dir (it reads the record back). */
  restart(): Promise<Bench>;
}

export interface CommissioningBenchOptions {
  /** The bench's heartbeat interval (Settings), set before the charger connects; the bench's default when not given. */
  heartbeatInterval?: number;
  /** The virtual charger's connectors (1 when not given). */
  connectors?: number;
}

/**
 * Started before the file's tests, stopped after them (its data dir removed). `name` names the temp dir; a
 * number for `options` is the heartbeat interval.
 */
export function useCommissioningBench(name: string, chargerId: string, options: number | CommissioningBenchOptions = {}): CommissioningBench {
  const { heartbeatInterval, connectors = 1 } = typeof options === 'number' ? { heartbeatInterval: options } : options;
  let bench: Bench | null = null;
  let dataDir = '';
  const start = async () => (bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never));
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `chargebench-${name}-`));
    const started = await start();
    if (heartbeatInterval !== undefined) await started.settings.update({ heartbeatInterval });
    await virtualTarget(started, chargerId, connectors);
  }, 60_000);
  afterAll(async () => {
    await bench?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get bench() {
      if (!bench) throw new Error('The commissioning bench starts in beforeAll; use it inside a test');
      return bench;
    },
    async restart() {
      await bench?.stop();
      return start();
    },
  };
}

/** A customer's session on connector 1 of the bench's virtual charger `chargerId`: its transaction once the record holds it open. */
export async function customerCharging(bench: Bench, chargerId: string, idTag: string) {
  const vcp = bench.virtualChargers.charger(chargerId);
  vcp.plug(1);
  expect((await vcp.presentIdTag(1, idTag)).accepted).toBe(true);
  for (let i = 0; i < 200; i++) {
    await bench.record.settled();
    const open = bench.record.transactions.list({ chargerId, active: true });
    if (open.length) return open[0]!;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the customer session did not start');
}

/**
 * Runs the test session step alone on the bench's virtual charger `chargerId`, its transaction messages retried
 * (3 attempts, 40 s apart) and its misbehaviour `rules` on, `watch` seeing every bus event meanwhile; the rules
 * and faults are off again after, and the charger connected. The commissioning's view at the end.
 */
export async function runSessionStep(
  bench: Bench,
  chargerId: string,
  create: Parameters<Bench['commissioning']['create']>[0],
  rules: Misbehaviour[],
  watch: (e: BenchEvent) => void,
): Promise<CommissioningView> {
  const svc = bench.commissioning;
  const vcp = bench.virtualChargers.charger(chargerId);
  vcp.config.change('TransactionMessageAttempts', '3');
  vcp.config.change('TransactionMessageRetryInterval', '40');
  const c = await svc.create(create);
  const off = bench.bus.subscribe(watch);
  vcp.connection.misbehaviours.set(rules);
  try {
    svc.run(c.id, ['C8_SESSION']);
    await svc.settled(c.id);
  } finally {
    off();
    vcp.connection.misbehaviours.set([]);
    vcp.setFaults({ offline: false });
  }
  await virtualTarget(bench, chargerId);
  return svc.get(c.id);
}
