// A commissioning run that has finished, while the record it wrote settles (a busy disk): it is shown
// finished, so a test run on the same charger may start then, instead of being refused as "being commissioned".
import { describe, expect, it } from 'vitest';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, CommissioningTemplate, Handover, SiteJob } from '../../../src/shared/api/commissioning';
import { waitFor } from '../../helpers/bench';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'SETTLE-1';
const tb = useCommissioningBench('finished-settling', CP);

type Gate = () => void;

/** Holds record.settled() while `hold()` says so, each call until released (newest last in `gates`). */
function holdSettled(hold: () => boolean): { gates: Gate[]; restore: () => void } {
  const record = tb.bench.record;
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
  const id = (await tb.bench.commissioning.create({ chargerId: CP, job, template })).id;
  // Once the run has finished, the record takes its time.
  const held = holdSettled(() => !!tb.bench.commissioning.get(id).lastRun?.finishedAt);
  try {
    tb.bench.commissioning.run(id, ['C5_BASELINE']);
    await waitFor(async () => (tb.bench.commissioning.get(id).lastRun?.finishedAt ? true : null), 30_000);
    expect(tb.bench.commissioning.runningOn(CP)).toBeNull();
    const { runId } = tb.bench.conformance.start({ chargerId: CP, cases: ['TC_017_1_CS'] });
    held.restore();
    await tb.bench.commissioning.settled(id);
    expect((await tb.bench.conformance.settled(runId)).state).toBe('finished');
  } finally {
    held.restore();
  }
}, 60_000);

describe('a new commissioning run on the charger while the last one settles', () => {
  const template = CommissioningTemplate.parse({ ...builtInTemplates[0], sessionSeconds: 60 });
  const job = (location: string) => SiteJob.parse({ site: 'Depot', location, installer: 'A. Person', customer: 'Stadtwerke' });
  it('starts another commissioning of the charger once the last run shows finished, not "being commissioned"', async () => {
    await virtualTarget(tb.bench, 'SETTLE-2', 1);
    const first = (await tb.bench.commissioning.create({ chargerId: 'SETTLE-2', job: job('Bay 3'), template })).id;
    const second = (await tb.bench.commissioning.create({ chargerId: 'SETTLE-2', job: job('Bay 4'), template })).id;
    const held = holdSettled(() => !!tb.bench.commissioning.get(first).lastRun?.finishedAt);
    try {
      tb.bench.commissioning.run(first, ['C5_BASELINE']);
      await waitFor(() => held.gates.length > 0, 30_000);
      expect(tb.bench.commissioning.get(first).lastRun).toMatchObject({ outcome: 'finished' });
      expect(tb.bench.commissioning.runningOn('SETTLE-2')).toBeNull();
      tb.bench.commissioning.run(second, ['C5_BASELINE']);
      expect(tb.bench.commissioning.runningOn('SETTLE-2')).toBe(second);
      held.restore();
      await tb.bench.commissioning.settled(first);
      await tb.bench.commissioning.settled(second);
      expect(tb.bench.commissioning.get(second).lastRun).toMatchObject({ outcome: 'finished' });
    } finally {
      held.restore();
    }
  }, 60_000);

  it('runs the same commissioning again, and the last run, once recorded, leaves the new one running', async () => {
    await virtualTarget(tb.bench, 'SETTLE-3', 1);
    const id = (await tb.bench.commissioning.create({ chargerId: 'SETTLE-3', job: job('Bay 5'), template })).id;
    let holdAll = false;
    const held = holdSettled(() => holdAll || !!tb.bench.commissioning.get(id).lastRun?.finishedAt);
    const changes: Array<{ running: unknown }> = [];
    const off = tb.bench.bus.subscribe((e) => {
      if (e.type === 'commissioningChanged' && e.commissioning.id === id) changes.push({ running: e.commissioning.running });
    });
    try {
      tb.bench.commissioning.run(id, ['C5_BASELINE']);
      // The first run has finished; its record is held (its chain waits to drop it from the running ones).
      await waitFor(() => held.gates.length === 1, 30_000);
      holdAll = true;
      tb.bench.commissioning.run(id, ['C5_BASELINE']);
      // The new run waits on the record too (before its first step): it is running.
      await waitFor(() => held.gates.length === 2, 30_000);
      expect(tb.bench.commissioning.runningOn('SETTLE-3')).toBe(id);
      changes.length = 0;
      // The first run's chain goes on: it records the commissioning, and the new run stays running.
      held.gates[0]!();
      await waitFor(() => changes.length > 0, 30_000);
      expect(changes[0]!.running).not.toBeNull();
      expect(tb.bench.commissioning.get(id).state).toBe('running');
      expect(tb.bench.commissioning.runningOn('SETTLE-3')).toBe(id);
      holdAll = false;
      held.restore();
      await tb.bench.commissioning.settled(id);
      const done = tb.bench.commissioning.get(id);
      expect([done.state, done.lastRun?.outcome]).toEqual(['finished', 'finished']);
    } finally {
      off();
      held.restore();
    }
  }, 60_000);
});

it('signs the handover once the run shows finished, while its record settles, instead of refusing it as running', async () => {
  await virtualTarget(tb.bench, 'SETTLE-3', 1);
  const template = CommissioningTemplate.parse({ ...builtInTemplates[0], sessionSeconds: 60 });
  const job = SiteJob.parse({ site: 'Depot', location: 'Bay 5', installer: 'A. Person', customer: 'Stadtwerke' });
  const id = (await tb.bench.commissioning.create({ chargerId: 'SETTLE-3', job, template })).id;
  const held = holdSettled(() => !!tb.bench.commissioning.get(id).lastRun?.finishedAt);
  try {
    tb.bench.commissioning.run(id, ['C5_BASELINE']);
    await waitFor(async () => (tb.bench.commissioning.get(id).lastRun?.finishedAt ? true : null), 30_000);
    const signing = tb.bench.commissioning.handover(id, Handover.parse({ installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'B. Kunde', acknowledged: true }, notes: '' })).then(
      (v) => v.state,
      (e: Error) => e.message,
    );
    held.restore();
    expect(await signing).toBe('handedOver');
    await tb.bench.commissioning.settled(id);
  } finally {
    held.restore();
  }
}, 60_000);
