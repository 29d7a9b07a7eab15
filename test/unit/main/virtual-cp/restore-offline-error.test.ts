// A virtual charger restored with its Offline fault switch on (the bench restarted) says why it does not
// connect, as it did when the switch was set: its last error is the Offline one, before and after a start,
// and after it is stopped and started again. Switched on while the charger is still connecting, it says so too.
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { VirtualChargerManager, type StoredVirtualCharger, type VirtualChargerStore } from '../../../../src/main/virtual-cp/manager';
import { FakeClock } from '../../../../src/main/clock';
import { waitFor } from '../../../helpers/bench';

const OFFLINE = 'Offline (fault): no heartbeats, no connection';
// Nothing listens here: a charger that tried to connect would show a connection error instead.
const url = () => 'ws://127.0.0.1:9/ocpp';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** A bench record in memory: what one manager saves, the next one (the bench restarted) loads. */
function record(): VirtualChargerStore & { rows: Map<string, StoredVirtualCharger> } {
  const rows = new Map<string, StoredVirtualCharger>();
  return {
    rows,
    virtualChargers: () => [...rows.values()].map((r) => structuredClone(r)),
    saveVirtualCharger: async (id, createdAt, definition, state) => void rows.set(id, structuredClone({ id, createdAt, definition, state: state as StoredVirtualCharger['state'] })),
    saveVirtualChargerState: (id, state) => {
      const row = rows.get(id);
      if (row) row.state = structuredClone(state as StoredVirtualCharger['state']);
    },
    deleteVirtualCharger: async (id) => void rows.delete(id),
  };
}

async function bench(store: VirtualChargerStore, clock: FakeClock): Promise<VirtualChargerManager> {
  const manager = new VirtualChargerManager(store, { url, clock });
  cleanups.push(() => manager.close());
  await manager.load();
  return manager;
}

describe('a virtual charger restored with its Offline switch on', () => {
  it('shows the Offline last error after the bench restarts, as when the switch was set, running or not', async () => {
    const store = record();
    const clock = new FakeClock();
    const first = await bench(store, clock);
    await first.create({ id: 'HELD1', autoStart: false });
    await first.create({ id: 'HELD2', autoStart: false });
    expect(first.setFault('HELD1', 'offline', { on: true, seconds: 0 }).lastError).toBe(OFFLINE);
    first.start('HELD2');
    expect(first.setFault('HELD2', 'offline', { on: true, seconds: 600 }).lastError).toBe(OFFLINE);
    await first.close();

    const second = await bench(store, clock);
    expect(second.get('HELD1')).toMatchObject({ running: false, lastError: OFFLINE, faults: { offline: true } });
    expect(second.get('HELD2')).toMatchObject({ running: true, lastError: OFFLINE, faults: { offline: true, offlineSeconds: 600 } });
  });

  it('still shows it when started, and when stopped and started again', async () => {
    const clock = new FakeClock();
    const row: StoredVirtualCharger = {
      id: 'HELD3',
      createdAt: '2026-01-01T00:00:00.000Z',
      definition: { id: 'HELD3', autoStart: false },
      state: { running: false, faults: { offline: true, offlineSeconds: 0 } },
    };
    const store = record();
    store.rows.set(row.id, row);
    const manager = await bench(store, clock);
    expect(manager.get('HELD3').lastError).toBe(OFFLINE);
    expect(manager.start('HELD3')).toMatchObject({ running: true, lastError: OFFLINE });
    await manager.stop('HELD3');
    expect(manager.start('HELD3')).toMatchObject({ running: true, lastError: OFFLINE });
  });
});

describe('Offline switched on while the charger is still connecting', () => {
  it('shows the Offline last error once the socket it cut has closed, not a connection error', async () => {
    // A central system that takes the TCP connection and never answers the WebSocket handshake.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    cleanups.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    });
    const port = (silent.address() as net.AddressInfo).port;
    const manager = new VirtualChargerManager(record(), { url: () => `ws://127.0.0.1:${port}/ocpp` });
    cleanups.push(() => manager.close());
    await manager.create({ id: 'HELD4', autoStart: true });
    await waitFor(() => sockets.length === 1);
    expect(manager.get('HELD4').connection).toBe('connecting');
    expect(manager.setFault('HELD4', 'offline', { on: true, seconds: 0 }).lastError).toBe(OFFLINE);
    await waitFor(() => manager.get('HELD4').connection === 'disconnected');
    expect(manager.get('HELD4').lastError).toBe(OFFLINE);
  });
});
