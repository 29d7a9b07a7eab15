// What the "a run leaves it as it is" tests share (test/integration/commissioning/*-left.test.ts): waiting on
// the record, the RemoteStopTransactions a run sends, a one-case test run, and a session whose
// StopTransaction goes out with a wrong transactionId (held open in the record).
import { expect } from 'vitest';
import { customerCharging } from './commissioning-bench';
import { runConformance } from '../../src/main/conformance/runner';
import type { RunResult } from '../../src/main/conformance/types';
import { octt16Cases } from '../../src/main/conformance/octt16';
import { virtualTarget } from '../../src/main/conformance/virtual';
import { defaultTestData } from '../../src/main/conformance/test-data';
import type { Bench } from '../../src/main/core/bench';
import type { BenchEvent } from '../../src/shared/api/events';
import { builtInTemplates, type CommissioningView, type SiteJob } from '../../src/shared/api/commissioning';

/** Polls `ready` until it holds (the bench and the virtual charger talk over a real socket). */
export async function until(bench: Bench, what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    await bench.record.settled();
    if (ready()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not reached: ${what}`);
}

/** The RemoteStopTransactions the bench sends `chargerId` while `run` goes on, by transactionId. */
export async function remoteStopsDuring(bench: Bench, chargerId: string, run: () => Promise<unknown>): Promise<unknown[]> {
  const stops: unknown[] = [];
  const off = bench.bus.subscribe((e: BenchEvent) => {
    if (e.type === 'frameLogged' && e.message.chargerId === chargerId && e.message.direction === 'out' && e.message.action === 'RemoteStopTransaction')
      stops.push((JSON.parse(e.message.raw) as Array<{ transactionId: number }>)[3]?.transactionId);
  });
  try {
    await run();
  } finally {
    off();
  }
  return stops;
}

/** A test run of TC_003_CS on the virtual `chargerId`, with the RemoteStopTransactions it sent. */
export async function testRunWithStops(bench: Bench, chargerId: string): Promise<{ run: RunResult; stops: unknown[] }> {
  const target = await virtualTarget(bench, chargerId);
  let run: RunResult | null = null;
  const stops = await remoteStopsDuring(bench, chargerId, async () => {
    run = await runConformance(bench, {
      chargerId,
      cases: octt16Cases.filter((k) => k.id === 'TC_003_CS'),
      data: defaultTestData(),
      declared: target.declared,
      operator: target.operator,
      busy: target.busy,
      virtual: true,
    });
  });
  return { run: run!, stops };
}

/** A customer's session on connector 1 whose StopTransaction goes out with a wrong transactionId: held open in the record, its connector Available. */
export async function stoppedWithWrongId(bench: Bench, chargerId: string, idTag: string, before?: () => Promise<void>): Promise<number> {
  const tx = await customerCharging(bench, chargerId, idTag);
  await before?.();
  const vcp = bench.virtualChargers.charger(chargerId);
  vcp.setFaults({ wrongStopTransactionId: true });
  vcp.unplug(1);
  await until(bench, 'the charger ends its session', () => bench.record.chargers.get(chargerId)?.connectors.find((c) => c.connectorId === 1)?.status === 'Available');
  vcp.setFaults({ wrongStopTransactionId: false });
  expect(bench.record.transactions.get(tx.transactionId)?.active).toBe(true);
  return tx.transactionId;
}

/** A commissioning of `chargerId` run for one step (C9_UNLOCK), with its view at the end and the RemoteStopTransactions it sent. */
export async function commissioningWithStops(bench: Bench, chargerId: string, job: SiteJob): Promise<{ view: CommissioningView; stops: unknown[] }> {
  const c = await bench.commissioning.create({ chargerId, job, template: builtInTemplates[0]! });
  const stops = await remoteStopsDuring(bench, chargerId, async () => {
    bench.commissioning.run(c.id, ['C9_UNLOCK']);
    await bench.commissioning.settled(c.id);
  });
  return { view: bench.commissioning.get(c.id), stops };
}
