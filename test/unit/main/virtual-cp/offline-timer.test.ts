// A timed Offline ("back after N s") ends by itself whatever happens to the charger's power meanwhile: a power
// cycle, a power-off and on, a restart of the bench with the switch saved; and a charger deleted, or a bench
// closed, leaves no timer of it behind (a headless bench would otherwise stay up until it fired).
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { VirtualChargePoint } from '../../../../src/main/virtual-cp/charge-point';
import { VirtualChargerManager, type StoredVirtualCharger, type VirtualChargerStore } from '../../../../src/main/virtual-cp/manager';
import { faultPatch } from '../../../../src/main/virtual-cp/faults';
import { VirtualChargerDefinition } from '../../../../src/shared/api/virtual-chargers';
import { FakeClock } from '../../../../src/main/clock';
import { waitFor } from '../../../helpers/bench';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** A WebSocket server on 127.0.0.1 that lets chargers in and counts them. */
async function server() {
  const connections: string[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false });
  wss.on('connection', (_socket, req) => void connections.push(req.url ?? ''));
  await new Promise((r) => wss.once('listening', r));
  cleanups.push(() => {
    for (const c of wss.clients) c.terminate();
    return new Promise<void>((r) => wss.close(() => r()));
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ocpp`, connections };
}

function charger(url: string, clock: FakeClock) {
  const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id: 'OFF1' }), url, clock, random: () => 0 });
  cleanups.push(() => cp.dispose());
  return cp;
}

function memoryStore(rows: StoredVirtualCharger[] = []): VirtualChargerStore {
  return {
    virtualChargers: () => rows,
    saveVirtualCharger: async () => {},
    saveVirtualChargerState: () => {},
    deleteVirtualCharger: async () => {},
  };
}

describe('a timed Offline', () => {
  it('ends by itself after a power cycle, and the charger connects again', async () => {
    const s = await server();
    const clock = new FakeClock();
    const cp = charger(s.url, clock);
    cp.start();
    await waitFor(() => cp.isConnected); // the first connection
    cp.setFaults(faultPatch('offline', { on: true, seconds: 5 }, cp.faults));
    cp.powerCycle();
    await clock.advance(10_000);
    expect(cp.faults.offline).toBe(false);
    await waitFor(() => s.connections.length === 2 && cp.isConnected); // the connection after the Offline ended
  });

  it('ends by itself after a power-off and a power-on', async () => {
    const s = await server();
    const clock = new FakeClock();
    const cp = charger(s.url, clock);
    cp.start();
    cp.setFaults(faultPatch('offline', { on: true, seconds: 5 }, cp.faults));
    await cp.powerOff();
    cp.start();
    await clock.advance(5_000);
    expect(cp.faults.offline).toBe(false);
    await waitFor(() => s.connections.length >= 1 && cp.isConnected); // the connection after the Offline ended
  });

  it('saved with a running charger, ends by itself after the bench restarts, told as ending by itself', async () => {
    const s = await server();
    const clock = new FakeClock();
    const row: StoredVirtualCharger = {
      id: 'SAVED1',
      createdAt: '2026-01-01T00:00:00.000Z',
      definition: { id: 'SAVED1', autoStart: false },
      state: { running: true, faults: { offline: true, offlineSeconds: 5 } },
    };
    const manager = new VirtualChargerManager(memoryStore([row]), { url: () => s.url, clock });
    cleanups.push(() => manager.close());
    const told: Array<[string, boolean, string | undefined]> = [];
    manager.onFaultsSwitched((id, faults, by) => told.push([id, faults.offline, by]));
    await manager.load();
    expect(manager.get('SAVED1').faults.offline).toBe(true);
    await clock.advance(5_000);
    expect(manager.get('SAVED1').faults.offline).toBe(false);
    expect(told).toEqual([['SAVED1', false, 'itself']]);
    await waitFor(() => s.connections.length === 1 && manager.charger('SAVED1').isConnected); // the connection after the Offline ended
  });
});

describe('a timed Offline on a charger that is off', () => {
  it('leaves no timer behind when the charger is deleted', async () => {
    const clock = new FakeClock();
    const manager = new VirtualChargerManager(memoryStore(), { url: () => 'ws://127.0.0.1:9/ocpp', clock });
    await manager.create({ id: 'GONE1', autoStart: false });
    manager.setFault('GONE1', 'offline', { on: true, seconds: 3600 });
    expect(clock.timers).toBe(1);
    await manager.remove('GONE1');
    expect(clock.timers).toBe(0);
  });

  it('leaves no timer behind when the bench closes', async () => {
    const clock = new FakeClock();
    const manager = new VirtualChargerManager(memoryStore(), { url: () => 'ws://127.0.0.1:9/ocpp', clock });
    await manager.create({ id: 'SHUT1', autoStart: false });
    manager.setFault('SHUT1', 'offline', { on: true, seconds: 3600 });
    await manager.close();
    expect(clock.timers).toBe(0);
  });
});
