// A run started while the charger is offline is accepted (202) and says what it is really doing, on every
// face: it waits for the charger to connect before the first step requested, and how many steps were
// requested (not "starting", not the whole plan). A Stop while it waits ends it, stopped, no step run.
// On the bench's real clock: the engine waits for the charger (up to operatorTimeoutS) until the Stop.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { ApiServer } from '../../../src/main/api-server/server';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import type { BenchEvent } from '../../../src/shared/api/views';
import { waitFor } from '../../helpers/bench';

const CP = 'VBAD';
let bench: Bench;
let api: ApiServer;
let origin = '';
let dataDir = '';
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-run-offline-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, face: 'test' } as never);
  await virtualTarget(bench, CP, 1);
  api = new ApiServer(bench, { host: '127.0.0.1', port: 0, token: 't' });
  origin = `http://127.0.0.1:${(await api.start()).port}`;
}, 60_000);
afterAll(async () => {
  await api?.stop();
  await bench?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const rest = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${origin}${path}`, { method, headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: res.status === 204 || res.status === 202 ? await res.text() : ((await res.json()) as CommissioningView) };
};

it('accepts a run on an offline charger and says it waits for it to connect before the step requested; Stop ends it', async () => {
  const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Offline start' });
  const job = SiteJob.parse({ site: 'Depot Süd', location: 'Bay 2', installer: 'A. Person', customer: 'Stadtwerke' });
  const id = (await bench.commissioning.create({ chargerId: CP, job, template })).id;
  const vcp = bench.virtualChargers.charger(CP);
  vcp.setFaults({ offline: true, offlineSeconds: 0 });
  await waitFor(async () => (!bench.centralSystem.isConnected(CP) ? true : null), 30_000);
  const told: Array<NonNullable<CommissioningView['running']>> = [];
  const off = bench.bus.subscribe((e: BenchEvent) => {
    if (e.type === 'commissioningChanged' && e.commissioning.id === id && e.commissioning.running) told.push(e.commissioning.running);
  });
  try {
    const started = await rest('POST', `/api/commissioning/${id}/run`, { steps: ['C5_BASELINE'] });
    expect(started.status).toBe(202);
    const waiting = 'waiting for VBAD to connect before Configuration baseline (Offline start); 1 step requested';
    const v = (await rest('GET', `/api/commissioning/${id}`)).body as CommissioningView;
    expect(v.state).toBe('running');
    expect(v.running).toMatchObject({ stepId: '', step: null, before: waiting });
    // What the stepper counts: the steps requested (1), not the plan's.
    expect(v.lastRun).toMatchObject({ outcome: 'running', steps: ['C5_BASELINE'] });
    // The faces are told the same.
    expect(told.at(-1)).toMatchObject({ before: waiting });

    expect((await rest('POST', `/api/commissioning/${id}/stop`)).status).toBe(204);
    await bench.commissioning.settled(id);
  } finally {
    off();
  }
  const after = bench.commissioning.get(id);
  expect(after.running).toBeNull();
  expect(after.lastRun).toMatchObject({ outcome: 'stopped', steps: ['C5_BASELINE'] });
  expect(after.steps.find((s) => s.id === 'C5_BASELINE')!.result).toBeNull();
  vcp.setFaults({ offline: false });
}, 60_000);
