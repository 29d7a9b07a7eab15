// A virtual charger's saved fault switches read field by field at load: a field a newer version added (or a
// value this version cannot read) is dropped and named in one log line; the switches this version knows stay
// as they were saved, not all switched off.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualChargerManager, type StoredVirtualCharger, type VirtualChargerStore } from '../../../../src/main/virtual-cp/manager';

function storeWith(rows: StoredVirtualCharger[]): VirtualChargerStore {
  return {
    virtualChargers: () => rows,
    saveVirtualCharger: async () => {},
    saveVirtualChargerState: () => {},
    deleteVirtualCharger: async () => {},
  };
}

const row = (id: string, faults: unknown): StoredVirtualCharger => ({
  id,
  createdAt: '2026-01-01T00:00:00.000Z',
  definition: { id, autoStart: false },
  state: { running: false, faults: faults as never },
});

afterEach(() => vi.restoreAllMocks());

describe("a virtual charger's saved fault switches", () => {
  it('keep the known switches on when a newer version saved an unknown field beside them, and name it in one log line', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const manager = new VirtualChargerManager(storeWith([row('NEWER', { wrongStopTransactionId: true, slowChargingW: 500, sparkingCable: true, futureMode: 'x' })]), {
      url: () => 'ws://127.0.0.1:9/ocpp',
    });
    await manager.load();
    const faults = manager.get('NEWER').faults;
    expect(faults).toMatchObject({ wrongStopTransactionId: true, slowChargingW: 500, slowCharging: false, offline: false });
    expect(faults).not.toHaveProperty('sparkingCable');
    // The charger does as its switch says.
    expect(manager.charger('NEWER').transactions.wrongStopTransactionId).toBe(true);
    expect(logged.mock.calls).toEqual([['chargebench: virtual charger NEWER: saved fault switches this version cannot read, dropped (unknown: sparkingCable, futureMode); the others kept']]);
  });

  it('drop a known field whose value this version cannot read, keeping the rest', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const manager = new VirtualChargerManager(storeWith([row('ODD', { authFailure: true, offlineSeconds: -5 })]), { url: () => 'ws://127.0.0.1:9/ocpp' });
    await manager.load();
    expect(manager.get('ODD').faults).toMatchObject({ authFailure: true, offlineSeconds: 60 });
    expect(logged.mock.calls).toEqual([['chargebench: virtual charger ODD: saved fault switches this version cannot read, dropped (unreadable: offlineSeconds); the others kept']]);
  });

  it('say nothing when every saved field is known', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const manager = new VirtualChargerManager(storeWith([row('PLAIN', { stuckConnector: true })]), { url: () => 'ws://127.0.0.1:9/ocpp' });
    await manager.load();
    expect(manager.get('PLAIN').faults.stuckConnector).toBe(true);
    expect(logged).not.toHaveBeenCalled();
  });
});

// Per-action protocol faults are read action by action: one this version cannot read is dropped and named, the
// charger keeps misbehaving on every other action as it was saved to.
async function load(r: StoredVirtualCharger): Promise<VirtualChargerManager> {
  const manager = new VirtualChargerManager(storeWith([r]), { url: () => 'ws://127.0.0.1:9/ocpp' });
  await manager.load();
  cleanupManagers.push(manager);
  return manager;
}

const cleanupManagers: VirtualChargerManager[] = [];
afterEach(async () => {
  for (const m of cleanupManagers.splice(0)) await m.close();
  vi.restoreAllMocks();
});

describe("a virtual charger's saved per-action faults", () => {
  it('keep every action fault this version reads when one has a newer mode or action, and name only those dropped', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const manager = await load(
      row('MIXED', {
        authFailure: true,
        actions: {
          Reset: { mode: 'reject' },
          ClearCache: { mode: 'flicker' },
          GetConfiguration: { mode: 'delay', delaySeconds: 30 },
          FutureAction: { mode: 'reject' },
        },
      }),
    );
    const kept = {
      Reset: { mode: 'reject', delaySeconds: 10, errorCode: 'InternalError' },
      GetConfiguration: { mode: 'delay', delaySeconds: 30, errorCode: 'InternalError' },
    };
    expect(manager.get('MIXED').faults).toMatchObject({ authFailure: true, actions: kept });
    // The charger misbehaves as the kept faults say.
    expect(manager.charger('MIXED').protocolFaults).toEqual(kept);
    expect(logged.mock.calls).toEqual([
      ['chargebench: virtual charger MIXED: saved fault switches this version cannot read, dropped (unknown: actions.FutureAction; unreadable: actions.ClearCache); the others kept'],
    ]);
  });

  it('drop the whole switch, named, only when it is not a map of actions', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const manager = await load(row('ODDACT', { stuckConnector: true, actions: ['Reset'] }));
    expect(manager.get('ODDACT').faults).toMatchObject({ stuckConnector: true, actions: {} });
    expect(logged.mock.calls).toEqual([['chargebench: virtual charger ODDACT: saved fault switches this version cannot read, dropped (unreadable: actions); the others kept']]);
  });

  it('say nothing when every action fault is readable', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const manager = await load(row('PLAINACT', { actions: { Reset: { mode: 'ignore' } } }));
    expect(manager.get('PLAINACT').faults.actions).toEqual({ Reset: { mode: 'ignore', delaySeconds: 10, errorCode: 'InternalError' } });
    expect(logged).not.toHaveBeenCalled();
  });
});
