// A commissioning run that has finished, while the record it wrote settles (a busy disk): it is shown
// finished, so a test run on the same charger may start then, instead of being refused as "being commissioned".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, CommissioningTemplate, Handover, SiteJob } from '../../../src/shared/api/commissioning';
import { waitFor } from '../../helpers/bench';

const CP = 'SETTLE-1';
let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-finished-settling-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  await virtualTarget(bench, CP, 1);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Gate = () => void;

/** Holds record.settled() while `hold()` says so, each call until released (newest last in `gates`). */
function holdSettled(hold: () => boolean): { gates: Gate[]; restore: () => void } {
  const record = bench.record;
  const settled = record.settled.bind(record);
  const gates: Gate[] = [];
  record.settled = async () => {
    if (hold()) await new Promise<void>((resolve) => gates.push(resolve));
    return settled();
  };
  return {
    gates,
    restore: () => {
      record.settled = settled;
      for (const g of gates.splice(0)) g();
    },
  };
}

it('lets a test run start on the charger once its commissioning run shows finished, while the record settles', async () => {
  const template = CommissioningTemplate.parse({ ...builtInTemplates[0], sessionSeconds: 60 });
  const job = SiteJob.parse({ site: 'Depot', location: 'Bay 2', installer: 'A. Person', customer: 'Stadtwerke' });
  const id = (await bench.commissioning.create({ chargerId: CP, job, template })).id;
  // Once the run has finished, the record takes its time.
  const held = holdSettled(() => !!bench.commissioning.get(id).lastRun?.finishedAt);
  try {
    bench.commissioning.run(id, ['C5_BASELINE']);
    await waitFor(async () => (bench.commissioning.get(id).lastRun?.finishedAt ? true : null), 30_000);
    expect(bench.commissioning.runningOn(CP)).toBeNull();
    const { runId } = bench.conformance.start({ chargerId: CP, cases: ['TC_017_1_CS'] });
    held.restore();
    await bench.commissioning.settled(id);
    expect((await bench.conformance.settled(runId)).state).toBe('finished');
  } finally {
    held.restore();
  }
}, 60_000);

describe('a new commissioning run on the charger while the last one settles', () => {
  const template = CommissioningTemplate.parse({ ...builtInTemplates[0], sessionSeconds: 60 });
  const job = (location: string) => SiteJob.parse({ site: 'Depot', location, installer: 'A. Person', customer: 'Stadtwerke' });
  it('starts another commissioning of the charger once the last run shows finished, not "being commissioned"', async () => {
    await virtualTarget(bench, 'SETTLE-2', 1);
    const first = (await bench.commissioning.create({ chargerId: 'SETTLE-2', job: job('Bay 3'), template })).id;
    const second = (await bench.commissioning.create({ chargerId: 'SETTLE-2', job: job('Bay 4'), template })).id;
    const held = holdSettled(() => !!bench.commissioning.get(first).lastRun?.finishedAt);
    try {
      bench.commissioning.run(first, ['C5_BASELINE']);
      await waitFor(() => held.gates.length > 0, 30_000);
      expect(bench.commissioning.get(first).lastRun).toMatchObject({ outcome: 'finished' });
      expect(bench.commissioning.runningOn('SETTLE-2')).toBeNull();
      bench.commissioning.run(second, ['C5_BASELINE']);
      expect(bench.commissioning.runningOn('SETTLE-2')).toBe(second);
      held.restore();
      await bench.commissioning.settled(first);
      await bench.commissioning.settled(second);
      expect(bench.commissioning.get(second).lastRun).toMatchObject({ outcome: 'finished' });
    } finally {
      held.restore();
    }
  }, 60_000);

  it('runs the same commissioning again, and the last run, once recorded, leaves the new one running', async () => {
    await virtualTarget(bench, 'SETTLE-3', 1);
    const id = (await bench.commissioning.create({ chargerId: 'SETTLE-3', job: job('Bay 5'), template })).id;
    let holdAll = false;
    const held = holdSettled(() => holdAll || !!bench.commissioning.get(id).lastRun?.finishedAt);
    const changes: Array<{ running: unknown }> = [];
    const off = bench.bus.subscribe((e) => {
      if (e.type === 'commissioningChanged' && e.commissioning.id === id) changes.push({ running: e.commissioning.running });
    });
    try {
      bench.commissioning.run(id, ['C5_BASELINE']);
      // The first run has finished; its record is held (its chain waits to drop it from the running ones).
      await waitFor(() => held.gates.length === 1, 30_000);
      holdAll = true;
      bench.commissioning.run(id, ['C5_BASELINE']);
      // The new run waits on the record too (before its first step): it is running.
      await waitFor(() => held.gates.length === 2, 30_000);
      expect(bench.commissioning.runningOn('SETTLE-3')).toBe(id);
      changes.length = 0;
      // The first run's chain goes on: it records the commissioning, and the new run stays running.
      held.gates[0]!();
      await waitFor(() => changes.length > 0, 30_000);
      expect(changes[0]!.running).not.toBeNull();
      expect(bench.commissioning.get(id).state).toBe('running');
      expect(bench.commissioning.runningOn('SETTLE-3')).toBe(id);
      holdAll = false;
      held.restore();
      await bench.commissioning.settled(id);
      const done = bench.commissioning.get(id);
      expect([done.state, done.lastRun?.outcome]).toEqual(['finished', 'finished']);
    } finally {
      off();
      held.restore();
    }
  }, 60_000);
});

it('signs the handover once the run shows finished, while its record settles, instead of refusing it as running', async () => {
  await virtualTarget(bench, 'SETTLE-3', 1);
  const template = CommissioningTemplate.parse({ ...builtInTemplates[0], sessionSeconds: 60 });
  const job = SiteJob.parse({ site: 'Depot', location: 'Bay 5', installer: 'A. Person', customer: 'Stadtwerke' });
  const id = (await bench.commissioning.create({ chargerId: 'SETTLE-3', job, template })).id;
  const held = holdSettled(() => !!bench.commissioning.get(id).lastRun?.finishedAt);
  try {
    bench.commissioning.run(id, ['C5_BASELINE']);
    await waitFor(async () => (bench.commissioning.get(id).lastRun?.finishedAt ? true : null), 30_000);
    const signing = bench.commissioning.handover(id, Handover.parse({ installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'B. Kunde', acknowledged: true }, notes: '' })).then(
      (v) => v.state,
      (e: Error) => e.message,
    );
    held.restore();
    expect(await signing).toBe('handedOver');
    await bench.commissioning.settled(id);
  } finally {
    held.restore();
  }
}, 60_000);
