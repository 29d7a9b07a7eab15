// After the test session's StopTransaction: a charger that still reports the session connector Charging
// (SuspendedEV, SuspendedEVSE) fails the step, naming the status and when (Finishing stays optional); and a
// charger that goes offline later than the stop (after the unplug, while the bench waits for Available) is
// not told it dropped "as the bench stopped the test session".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-after-stop-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// No load limit: the session is judged on its own.
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'After stop', sessionSeconds: 30, ratedPowerW: 22000 });
const job = SiteJob.parse({ site: 'Depot After', installer: 'A. Person' });
const step = (v: CommissioningView) => v.steps.find((s) => s.id === 'C8_SESSION')!.result!;

it('fails the session when the charger reports Charging on its connector after the StopTransaction, naming the status and when', async () => {
  await virtualTarget(bench, 'AFTER-1', 1);
  const vcp = bench.virtualChargers.charger('AFTER-1');
  const c = await bench.commissioning.create({ chargerId: 'AFTER-1', job, template });
  // Just before the Available of the unplug (after the StopTransaction): Charging on connector 1.
  vcp.connection.misbehaviours.set([
    {
      kind: 'insert',
      action: 'StatusNotification',
      where: { connectorId: 1, status: 'Available' },
      send: { action: 'StatusNotification', payload: { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: '2030-01-01T00:00:00.000Z' } },
      times: 1,
    },
  ] as never);
  try {
    bench.commissioning.run(c.id, ['C8_SESSION']);
    await bench.commissioning.settled(c.id);
  } finally {
    vcp.connection.misbehaviours.set([]);
  }
  const r = step(bench.commissioning.get(c.id));
  expect(r.verdict).toBe('fail');
  expect(r.reason).toContain("the charger reported Charging on connector 1 at 2030-01-01T00:00:00.000Z, after the session's StopTransaction");
}, 120_000);

it('does not put an outage that began after the unplug down to the stop', async () => {
  await virtualTarget(bench, 'AFTER-2', 1);
  const vcp = bench.virtualChargers.charger('AFTER-2');
  const c = await bench.commissioning.create({ chargerId: 'AFTER-2', job, template });
  // The unplug's Available never comes, and the charger drops for a few seconds right after the unplug.
  vcp.connection.misbehaviours.set([{ kind: 'drop', action: 'StatusNotification', where: { connectorId: 1, status: 'Available' } }] as never);
  const unplug = vcp.unplug.bind(vcp);
  let stopped = false;
  vcp.unplug = (connectorId: number) => {
    unplug(connectorId);
    if (stopped) return;
    stopped = true;
    vcp.setFaults({ offline: true, offlineSeconds: 5 } as never);
  };
  try {
    bench.commissioning.run(c.id, ['C8_SESSION']);
    await bench.commissioning.settled(c.id);
  } finally {
    vcp.unplug = unplug;
    vcp.connection.misbehaviours.set([]);
  }
  const r = step(bench.commissioning.get(c.id));
  expect(r.verdict).toBe('fail');
  expect(r.reason).toMatch(/Available/);
  expect(r.reason).not.toMatch(/as the bench stopped the test session/);
  expect(r.observations.some((o) => o.note && /offline/.test(o.text))).toBe(true);
}, 120_000);
