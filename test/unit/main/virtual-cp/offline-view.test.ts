// What the API says of a virtual charger kept offline by its Offline fault switch: powered on, it is on and not
// connected ('disconnected', never 'stopped'), also after the bench restarted with the switch saved or after a
// stop and a start; and a timed switch says when it ends by itself (`offlineUntil`), an untimed one nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualChargerManager, type StoredVirtualCharger, type VirtualChargerStore } from '../../../../src/main/virtual-cp/manager';
import { FakeClock } from '../../../../src/main/clock';

// Nothing listens here; a charger kept offline never tries it.
const url = () => 'ws://127.0.0.1:9/ocpp';
const T0 = '2026-01-01T00:00:00.000Z';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

function store(rows: StoredVirtualCharger[]): VirtualChargerStore {
  return { virtualChargers: () => rows, saveVirtualCharger: async () => {}, saveVirtualChargerState: () => {}, deleteVirtualCharger: async () => {} };
}

async function bench(rows: StoredVirtualCharger[], clock: FakeClock): Promise<VirtualChargerManager> {
  const manager = new VirtualChargerManager(store(rows), { url, clock });
  cleanups.push(() => manager.close());
  await manager.load();
  return manager;
}

const saved = (id: string, offlineSeconds: number): StoredVirtualCharger => ({
  id,
  createdAt: T0,
  definition: { id, autoStart: false },
  state: { running: true, faults: { offline: true, offlineSeconds } },
});

describe('a virtual charger kept offline by its fault switch', () => {
  it('restored running after a bench restart, is said on and not connected, with when a timed switch ends', async () => {
    const clock = new FakeClock(T0);
    const manager = await bench([saved('HELD1', 3600), saved('HELD2', 0)], clock);
    expect(manager.get('HELD1')).toMatchObject({ running: true, connection: 'disconnected', offlineUntil: '2026-01-01T01:00:00.000Z' });
    expect(manager.get('HELD2')).toMatchObject({ running: true, connection: 'disconnected', offlineUntil: null });
  });

  it('stopped and started again, is said on and not connected, not stopped', async () => {
    const clock = new FakeClock(T0);
    const manager = await bench([saved('HELD3', 0)], clock);
    await manager.stop('HELD3');
    expect(manager.get('HELD3')).toMatchObject({ running: false, connection: 'stopped' });
    expect(manager.start('HELD3')).toMatchObject({ running: true, connection: 'disconnected' });
  });

  it('switched on for a time, says when it ends; switched off, nothing', async () => {
    const clock = new FakeClock(T0);
    const manager = new VirtualChargerManager(store([]), { url, clock });
    cleanups.push(() => manager.close());
    await manager.create({ id: 'HELD4', autoStart: false });
    await clock.advance(60_000);
    expect(manager.setFault('HELD4', 'offline', { on: true, seconds: 600 }).offlineUntil).toBe('2026-01-01T00:11:00.000Z');
    expect(manager.setFault('HELD4', 'offline', { on: false }).offlineUntil).toBeNull();
  });
});
