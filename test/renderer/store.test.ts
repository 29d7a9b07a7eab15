// @vitest-environment jsdom
// The live store: a batch of pushed events becomes one consistent picture of the bench.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import {
  connectStore,
  initialBenchState,
  MAX_SAMPLES,
  meterKey,
  reduceEvents,
  refreshChargers,
  SNAPSHOT_RETRY_MS,
  UNWATCHED_SAMPLES,
  useBench,
  useThrottledBench,
  watchMeter,
  type BenchState,
} from '../../src/renderer/src/stores/bench';
import type { BenchStatus } from '../../src/shared/api/status';
import { energyReadingSoFar } from '../../src/shared/api/meter';
import type { BenchEvent, ChargerView, TransactionView } from '../../src/shared/api/views';
import { aCharger, fakeClient } from './fake-client';
import { aConnector, aTransaction } from './builders';

const ts = '2026-11-21T10:00:00.000Z';
const tx: TransactionView = aTransaction(7, 'CP1', 1, 'TAG1', { meterStart: 100, startTime: ts });

describe('bench store', () => {
  it('shows an unknown charger as it connects, boots and reports its connectors', () => {
    const events: BenchEvent[] = [
      { type: 'chargerConnected', chargerId: 'CP1', remoteAddress: '10.0.0.5', ts },
      { type: 'bootNotification', chargerId: 'CP1', boot: { chargePointVendor: 'ACME', chargePointModel: 'Wall' }, status: 'Accepted', ts },
      {
        type: 'statusChanged',
        chargerId: 'CP1',
        connector: aConnector(2, { updatedAt: ts }),
        ts,
      },
      {
        type: 'statusChanged',
        chargerId: 'CP1',
        connector: aConnector(1, { status: 'Faulted', errorCode: 'GroundFailure', updatedAt: ts }),
        ts,
      },
    ];
    const s = reduceEvents(initialBenchState, events);
    expect(s.chargers.CP1.connected).toBe(true);
    expect(s.chargers.CP1.boot?.chargePointVendor).toBe('ACME');
    expect(s.chargers.CP1.connectors.map((c) => [c.connectorId, c.status])).toEqual([
      [1, 'Faulted'],
      [2, 'Available'],
    ]);
    expect(reduceEvents(s, [{ type: 'chargerDisconnected', chargerId: 'CP1', reason: 'gone', ts }]).chargers.CP1.connected).toBe(false);
  });

  it('keeps running transactions and meter samples (kW and per-phase values read as W)', () => {
    let s = reduceEvents(initialBenchState, [{ type: 'transactionStarted', transaction: tx, ts }]);
    expect(s.activeTransactions[7].idTag).toBe('TAG1');
    const mv = (t: string, value: string, measurand: string, unit: string, phase: string | null = null) => ({
      chargerId: 'CP1',
      connectorId: 1,
      transactionId: 7,
      timestamp: t,
      value,
      measurand,
      phase,
      unit,
      context: 'Sample.Periodic',
      location: null,
      format: 'Raw',
    });
    s = reduceEvents(s, [
      {
        type: 'meterValues',
        chargerId: 'CP1',
        connectorId: 1,
        transactionId: 7,
        ts,
        values: [mv('2026-11-21T10:00:10.000Z', '7.4', 'Power.Active.Import', 'kW'), mv('2026-11-21T10:00:10.000Z', '1.5', 'Energy.Active.Import.Register', 'kWh')],
      },
      { type: 'meterValues', chargerId: 'CP1', connectorId: 1, transactionId: 7, ts, values: ['L1', 'L2', 'L3'].map((p) => mv('2026-11-21T10:00:20.000Z', '3000', 'Power.Active.Import', 'W', p)) },
    ]);
    // Each with when the bench received it (the event's ts), whatever the charger's clock says.
    expect(s.meter[meterKey('CP1', 1)]).toEqual([
      { t: Date.parse('2026-11-21T10:00:10.000Z'), receivedAt: Date.parse(ts), powerW: 7400, energyWh: 1500, transactionId: 7 },
      { t: Date.parse('2026-11-21T10:00:20.000Z'), receivedAt: Date.parse(ts), powerW: 9000, transactionId: 7 },
    ]);
    s = reduceEvents(s, [{ type: 'transactionStopped', transaction: { ...tx, active: false, stopTime: ts }, ts }]);
    expect(s.activeTransactions[7]).toBeUndefined();
  });

  describe('meter samples kept per connector', () => {
    const t0 = Date.UTC(2026, 10, 21, 10);
    const reading = (connectorId: number, i: number, energy: boolean, transactionId = 7): BenchEvent => {
      const timestamp = new Date(t0 + i * 1000).toISOString();
      const v = (value: string, measurand: string, unit: string) => ({
        chargerId: 'CP1',
        connectorId,
        transactionId,
        timestamp,
        value,
        measurand,
        phase: null,
        unit,
        context: 'Sample.Periodic',
        location: null,
        format: 'Raw',
      });
      return {
        type: 'meterValues',
        chargerId: 'CP1',
        connectorId,
        transactionId,
        ts: timestamp,
        values: [v('7400', 'Power.Active.Import', 'W'), ...(energy ? [v(String(1000 + i), 'Energy.Active.Import.Register', 'Wh')] : [])],
      };
    };
    const releases: Array<() => void> = [];
    const watch = (connectorId?: number) => {
      const release = watchMeter('CP1', connectorId);
      releases.push(release);
      return release;
    };
    afterEach(() => {
      releases.splice(0).forEach((r) => r());
      useBench.setState(initialBenchState, true);
    });

    it('keeps a few of a connector no chart watches (its newest energy reading among them), and an hour of one a chart watches', () => {
      watch(2);
      // Energy once a minute, power every second, on two connectors; only connector 2 is watched.
      const s = reduceEvents(initialBenchState, Array.from({ length: 1000 }, (_, i) => [reading(1, i, i % 60 === 0), reading(2, i, i % 60 === 0)]).flat());
      const one = s.meter[meterKey('CP1', 1)];
      expect(one).toHaveLength(UNWATCHED_SAMPLES);
      expect(one[0]).toMatchObject({ energyWh: 1960, t: t0 + 960_000 });
      expect(one.slice(1).map((m) => m.t)).toEqual(Array.from({ length: UNWATCHED_SAMPLES - 1 }, (_, k) => t0 + (985 + k) * 1000));
      expect(energyReadingSoFar({ ...tx, meterStart: 1000 }, one)).toEqual({ wh: 960, warning: null });
      expect(s.meter[meterKey('CP1', 2)]).toHaveLength(MAX_SAMPLES);
    });

    it('keeps the newest energy reading when a late one comes, and sorts a late reading in', () => {
      let s = reduceEvents(initialBenchState, [reading(1, 100, true), ...Array.from({ length: 20 }, (_, k) => reading(1, 101 + k, false))]);
      // A queued energy reading from before, then a queued power reading from between.
      s = reduceEvents(s, [reading(1, 95, true), reading(1, 115.5, false)]);
      const one = s.meter[meterKey('CP1', 1)];
      expect(energyReadingSoFar({ ...tx, meterStart: 1000 }, one)).toEqual({ wh: 100, warning: null });
      expect(one.every((m, k) => k === 0 || m.t > one[k - 1].t)).toBe(true);
      expect(one.map((m) => m.t)).toContain(t0 + 115_500);
    });

    it('keeps an hour of a watched connector even when its energy reading is older, and counts each chart watching', () => {
      const first = watch(1);
      watch(1);
      let s = reduceEvents(initialBenchState, [reading(1, 0, true), ...Array.from({ length: 1000 }, (_, k) => reading(1, 1 + k, false))]);
      // The newest hour only: no old energy reading pinned in front (a chart fetches its history for that).
      expect(s.meter[meterKey('CP1', 1)]).toHaveLength(MAX_SAMPLES);
      expect(s.meter[meterKey('CP1', 1)][0].t).toBe(t0 + (1001 - MAX_SAMPLES) * 1000);
      first();
      s = reduceEvents(s, [reading(1, 1001, false)]);
      expect(s.meter[meterKey('CP1', 1)]).toHaveLength(MAX_SAMPLES);
    });

    it('cuts a connector back at once when its last chart lets go, keeping its newest energy reading', () => {
      const release = watch(2);
      useBench.setState(
        reduceEvents(
          useBench.getState(),
          Array.from({ length: 1000 }, (_, i) => reading(2, i, i % 60 === 0)),
        ),
      );
      expect(useBench.getState().meter[meterKey('CP1', 2)]).toHaveLength(MAX_SAMPLES);
      release();
      const two = useBench.getState().meter[meterKey('CP1', 2)];
      expect(two).toHaveLength(UNWATCHED_SAMPLES);
      expect(two[0]).toMatchObject({ energyWh: 1960 });
      // A whole charger watched (a commissioning's test session).
      watch();
      const s = reduceEvents(
        useBench.getState(),
        Array.from({ length: 100 }, (_, i) => reading(2, 1000 + i, false)),
      );
      expect(s.meter[meterKey('CP1', 2)].length).toBeGreaterThan(100);
    });
  });

  it('takes a batch of many sessions starting and stopping, leaving the state it was given as it was', () => {
    const before = reduceEvents(initialBenchState, [{ type: 'transactionStarted', transaction: tx, ts }]);
    const kept = { ...before.activeTransactions };
    const started = [8, 9, 10].map((id) => ({ type: 'transactionStarted' as const, transaction: { ...tx, transactionId: id }, ts }));
    const after = reduceEvents(before, [...started, { type: 'transactionStopped', transaction: { ...tx, transactionId: 9, active: false, stopTime: ts }, ts }]);
    expect(Object.keys(after.activeTransactions)).toEqual(['7', '8', '10']);
    expect(after.transactionsVersion).toBe(before.transactionsVersion + 4);
    expect(before.activeTransactions).toEqual(kept);
    expect(reduceEvents(after, [{ type: 'chargerConnected', chargerId: 'CP1', remoteAddress: null, ts }]).activeTransactions).toBe(after.activeTransactions);
  });

  it('returns the same charger objects when a batch does not touch them (cheap re-renders)', () => {
    const s = reduceEvents(initialBenchState, [{ type: 'chargerConnected', chargerId: 'CP1', remoteAddress: null, ts }]);
    const t = reduceEvents(s, [{ type: 'frameLogged', message: { ts, chargerId: 'CP1', direction: 'in', kind: 'CALL', messageId: '1', action: 'Heartbeat', raw: '[]', error: null } }]);
    expect(t.chargers).toBe(s.chargers);
    expect(t.framesSeen).toBe(1);
  });

  it('applies a batch of many chargers and statuses in order: the last word on each connector wins', () => {
    const statuses = ['Available', 'Preparing', 'Charging', 'Finishing'] as const;
    const events: BenchEvent[] = [];
    for (let round = 0; round < 4; round++)
      for (let i = 0; i < 300; i++)
        events.push({
          type: 'statusChanged',
          chargerId: `CP${i}`,
          connector: aConnector(1 + (round % 2), { status: statuses[(i + round) % 4], timestamp: ts, updatedAt: ts }),
          ts,
        });
    const s = reduceEvents(initialBenchState, events);
    expect(Object.keys(s.chargers)).toHaveLength(300);
    for (let i = 0; i < 300; i++)
      expect(s.chargers[`CP${i}`].connectors.map((c) => [c.connectorId, c.status])).toEqual([
        [1, statuses[(i + 2) % 4]],
        [2, statuses[(i + 3) % 4]],
      ]);
  });
});

describe('a throttled view of the store (screens of many rows)', () => {
  afterEach(() => {
    vi.useRealTimers();
    useBench.setState(initialBenchState, true);
  });

  it('shows a change at once after a quiet spell, then the latest at most once per period, and nothing lost', () => {
    vi.useFakeTimers();
    const select = (s: BenchState) => s.chargers;
    const renders: number[] = [];
    const { result } = renderHook(() => {
      const chargers = useThrottledBench(select, 1000);
      renders.push(Object.keys(chargers).length);
      return chargers;
    });
    const connect = (id: string) => act(() => useBench.setState((s) => reduceEvents(s, [{ type: 'chargerConnected', chargerId: id, remoteAddress: null, ts }])));
    connect('CP1');
    expect(Object.keys(result.current)).toEqual(['CP1']);
    for (let i = 2; i <= 50; i++) connect(`CP${i}`);
    // Events that do not touch what it shows cost it nothing.
    act(() =>
      useBench.setState((s) =>
        reduceEvents(s, [{ type: 'frameLogged', message: { ts, chargerId: 'CP1', direction: 'in', kind: 'CALL', messageId: '1', action: 'Heartbeat', raw: '[]', error: null } }]),
      ),
    );
    expect(Object.keys(result.current)).toHaveLength(1);
    const before = renders.length;
    act(() => void vi.advanceTimersByTime(1000));
    expect(Object.keys(result.current)).toHaveLength(50);
    expect(renders.length - before).toBe(1);
  });
});

const charger = (id: string, patch: Partial<ChargerView> = {}): ChargerView => aCharger(id, { connected: false, firstSeen: ts, lastSeen: ts, remoteAddress: null, ...patch });

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const later = '2026-11-21T10:05:00.000Z';

describe('bench store against a live bench', () => {
  afterEach(() => useBench.setState(initialBenchState, true));

  it('keeps events that arrive while the snapshot loads: the charger stays online and its transaction running', async () => {
    const list = deferred<ChargerView[]>();
    const client = fakeClient({
      'bench:status': () => ({}) as BenchStatus,
      'chargers:list': () => list.promise,
      'virtualChargers:list': () => [],
      'transactions:list': () => [],
    });
    const stop = connectStore(client);
    // The snapshot was read before CP1 connected and started charging; the events arrive first.
    client.emit([
      { type: 'chargerConnected', chargerId: 'CP1', remoteAddress: '10.0.0.5', ts: later },
      { type: 'transactionStarted', transaction: tx, ts: later },
      { type: 'frameLogged', message: { ts: later, chargerId: 'CP1', direction: 'in', kind: 'CALL', messageId: '1', action: 'StartTransaction', raw: '[]', error: null } },
    ]);
    list.resolve([charger('CP1', { registered: true })]);
    await new Promise((r) => setTimeout(r, 0));
    const s = useBench.getState();
    expect(s.loaded).toBe(true);
    expect(s.chargers.CP1).toMatchObject({ connected: true, remoteAddress: '10.0.0.5', registered: true });
    expect(s.activeTransactions[7]).toMatchObject({ idTag: 'TAG1' });
    expect(s.framesSeen).toBe(1);
    stop();
  });

  it('asks for a snapshot that failed again while the link stays open, and counts each snapshot', async () => {
    vi.useFakeTimers();
    try {
      let fail = true;
      const client = fakeClient({
        'bench:status': () => ({}) as BenchStatus,
        'chargers:list': () => (fail ? Promise.reject(new Error('the bench is busy')) : [charger('CP1')]),
        'virtualChargers:list': () => [],
        'transactions:list': () => [],
      });
      const stop = connectStore(client);
      await vi.advanceTimersByTimeAsync(0);
      expect(useBench.getState()).toMatchObject({ loaded: false, snapshots: 0 });
      fail = false;
      await vi.advanceTimersByTimeAsync(SNAPSHOT_RETRY_MS);
      expect(useBench.getState()).toMatchObject({ loaded: true, snapshots: 1 });
      expect(useBench.getState().chargers.CP1).toBeTruthy();
      // The link lost and back: a new snapshot.
      client.setLink('closed');
      client.setLink('open');
      await vi.advanceTimersByTimeAsync(0);
      expect(useBench.getState().snapshots).toBe(2);
      // Silent and back (the bench paused, its connection open): nothing was missed, nothing is read again.
      client.setLink('silent');
      expect(useBench.getState().link).toBe('silent');
      client.setLink('open');
      await vi.advanceTimersByTimeAsync(0);
      expect(useBench.getState()).toMatchObject({ link: 'open', snapshots: 2 });
      // A failure while the link is down is not retried (the link's return asks again).
      fail = true;
      client.setLink('closed');
      client.setLink('open');
      await vi.advanceTimersByTimeAsync(0);
      client.setLink('closed');
      const asked = client.callsOf('chargers:list').length;
      await vi.advanceTimersByTimeAsync(3 * SNAPSHOT_RETRY_MS);
      expect(client.callsOf('chargers:list')).toHaveLength(asked);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('refreshing the chargers list takes only what events do not carry, adds new chargers and drops deleted ones', async () => {
    const online = reduceEvents({ ...initialBenchState, chargers: { CP1: charger('CP1'), GONE: charger('GONE') } }, [
      { type: 'chargerConnected', chargerId: 'CP1', remoteAddress: '10.0.0.5', ts: later },
    ]).chargers;
    useBench.setState({ chargers: online });
    // The list was read just before CP1's connection was pushed: it still says offline.
    const client = fakeClient({ 'chargers:list': () => [charger('CP1', { lastHeartbeat: later, registered: true }), charger('CP2')] });
    await refreshChargers(client);
    const after = useBench.getState().chargers;
    expect(after.CP1).toMatchObject({ connected: true, remoteAddress: '10.0.0.5', lastSeen: later, lastHeartbeat: later, registered: true });
    expect(after.CP2).toMatchObject({ id: 'CP2' });
    expect(after.GONE).toBeUndefined();
    // Nothing new: the same objects, so nothing re-renders.
    client.handlers['chargers:list'] = () => [charger('CP1', { lastHeartbeat: later, registered: true }), charger('CP2')];
    await refreshChargers(client);
    expect(useBench.getState().chargers).toBe(after);
  });
});
