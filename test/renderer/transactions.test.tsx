// @vitest-environment jsdom
// The Transactions screens: the list shows what 'transactions:list' returns, filters by charger and
// state through the URL, refetches as sessions start and stop; the detail shows a session's meter values.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, routed, withBench, stubResizeObserver } from './fake-client';
import { initialBenchState, MAX_SAMPLES, reduceEvents, useBench } from '../../src/renderer/src/stores/bench';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { LIVE_TABLE_ROWS, TransactionDetailScreen } from '../../src/renderer/src/features/transactions/TransactionDetailScreen';
import { formatDuration } from '../../src/renderer/src/features/transactions/TransactionsTable';
import { TransactionDetailScreen as AppTransactionDetailScreen } from '../../src/renderer/src/app/screens';
import { formatClock, formatTime } from '../../src/renderer/src/components/format';
import { aCharger, aConnector, aTransaction as aSession } from './builders';
import { TRANSACTION_METER_VALUES } from '../../src/shared/api/contract';
import type { MeterValueView, TransactionView } from '../../src/shared/api/views';
import { SAMPLES_PER_READING, type MeterReadings, type MeterShape } from '../../src/shared/api/meter-readings';

stubResizeObserver();

const screens = routed({ '/transactions': <TransactionsScreen />, '/transactions/:id': <TransactionDetailScreen /> }, true);

/** Transaction 12 of CP-1's connector 2: an hour's session, stopped, unless patched. */
const aTransaction = (over: Partial<TransactionView> = {}): TransactionView =>
  aSession(12, 'CP-1', 2, 'TAG-A', {
    meterStart: 10_000,
    startTime: '2025-05-01T10:00:00.000Z',
    meterStop: 17_400,
    stopTime: '2025-05-01T11:00:00.000Z',
    stopReason: 'EVDisconnected',
    energyWh: 7400,
    active: false,
    ...over,
  });

function meterValue(id: number, timestamp: string, measurand: string, value: string, unit: string): MeterValueView {
  return { id, chargerId: 'CP-1', connectorId: 2, transactionId: 12, timestamp, value, measurand, phase: null, unit, context: 'Sample.Periodic', location: null, format: 'Raw' };
}

/** Two readings of energy and power half an hour apart: 10,000 Wh at 7.2 kW at 10:00, 13,700 Wh at 7.4 kW at 10:30 (UTC). */
const halfHourApart = () => [
  meterValue(1, '2025-05-01T10:00:00.000Z', 'Energy.Active.Import.Register', '10000', 'Wh'),
  meterValue(2, '2025-05-01T10:00:00.000Z', 'Power.Active.Import', '7200', 'W'),
  meterValue(3, '2025-05-01T10:30:00.000Z', 'Energy.Active.Import.Register', '13700', 'Wh'),
  meterValue(4, '2025-05-01T10:30:00.000Z', 'Power.Active.Import', '7400', 'W'),
];

type StoredSession = TransactionView & { meterValues: MeterValueView[]; meterValuesCapped?: boolean };

/**
 * The page's two calls for a session as `transactions:get` lists it in full: the session alone, and its
 * values in the record's compact form, as the reader thread writes it: values of one reading (same id
 * ÷ 1024, time and connector, positions in a row) together, shapes by id, canonical times as epoch ms.
 */
function sessionCalls(session: () => StoredSession) {
  return {
    'transactions:get': () => {
      const { meterValuesCapped: _capped, ...tx } = session();
      return { ...tx, meterValues: [] };
    },
    'transactions:meterReadings': (): MeterReadings => {
      const { meterValues, meterValuesCapped } = session();
      const shapes: MeterReadings['shapes'] = {};
      const shapeIds = new Map<string, number>();
      const readings: MeterReadings['readings'] = [];
      let last: { reading: MeterReadings['readings'][number]; timestamp: string; next: number } | null = null;
      for (const v of meterValues) {
        const shape: MeterShape = [v.measurand, v.phase, v.unit, v.context, v.location, v.format];
        let shapeId = shapeIds.get(JSON.stringify(shape));
        if (shapeId === undefined) shapeIds.set(JSON.stringify(shape), (shapeId = shapeIds.size + 1));
        shapes[shapeId] = shape;
        const id = Math.floor(v.id / SAMPLES_PER_READING);
        const position = v.id % SAMPLES_PER_READING;
        if (last && last.reading[0] === id && last.reading[1] === v.connectorId && last.timestamp === v.timestamp && last.next === position) {
          last.reading[3].push(shapeId, v.value);
          last.next++;
        } else {
          const time = new Date(Date.parse(v.timestamp)).toISOString() === v.timestamp ? Date.parse(v.timestamp) : v.timestamp;
          last = { reading: [id, v.connectorId, time, [shapeId, v.value], position], timestamp: v.timestamp, next: position + 1 };
          readings.push(last.reading);
        }
      }
      return { capped: !!meterValuesCapped, shapes, readings };
    },
  };
}

let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('transactions list', () => {
  it('lists the sessions from transactions:list, filters them and refetches as sessions start', async () => {
    const finished = aTransaction();
    const running = aTransaction({
      transactionId: 13,
      chargerId: 'CP-2',
      connectorId: 1,
      idTag: 'TAG-B',
      meterStart: 0,
      meterStop: null,
      stopTime: null,
      stopReason: null,
      energyWh: null,
      active: true,
    });
    const client = fakeClient({ 'transactions:list': ({ active }) => [running, finished].filter((t) => active === undefined || t.active === active) });
    off = liveBench(client);
    render(withBench(client, screens, '/transactions'));

    const row12 = within((await screen.findByText('#12')).closest('[role="row"]') as HTMLElement);
    expect(row12.getByText('CP-1')).toBeTruthy();
    expect(row12.getByText('TAG-A')).toBeTruthy();
    expect(row12.getByText('7.40 kWh')).toBeTruthy();
    expect(row12.getByText('EVDisconnected')).toBeTruthy();
    expect(row12.getByText('Finished')).toBeTruthy();
    const row13 = within(screen.getByText('#13').closest('[role="row"]') as HTMLElement);
    expect(row13.getByText('Active')).toBeTruthy();
    expect(client.callsOf('transactions:list')).toEqual([{ chargerId: undefined, active: undefined, limit: 10_000 }]);

    await userEvent.click(screen.getByRole('button', { name: 'Active' }));
    await waitFor(() => expect(screen.queryByText('#12')).toBeNull());
    expect(screen.getByText('#13')).toBeTruthy();
    expect(client.callsOf('transactions:list').at(-1)).toMatchObject({ active: true });
    expect(screen.getByTestId('where').textContent).toBe('/transactions?state=active');

    // A session starting anywhere bumps transactionsVersion: the list fetches again.
    const before = client.callsOf('transactions:list').length;
    act(() => client.emit([{ type: 'transactionStarted', transaction: aTransaction({ transactionId: 14, active: true, stopTime: null }), ts: '2025-05-01T12:00:00.000Z' }]));
    await waitFor(() => expect(client.callsOf('transactions:list').length).toBe(before + 1));
    // A fleet starting sessions one after another: the list is asked again once for them all (a second
    // after the last time), not once per session.
    for (let id = 15; id < 25; id++)
      act(() => client.emit([{ type: 'transactionStarted', transaction: aTransaction({ transactionId: id, active: true, stopTime: null }), ts: '2025-05-01T12:00:01.000Z' }]));
    await waitFor(() => expect(client.callsOf('transactions:list').length).toBe(before + 2), { timeout: 2000 });
    await new Promise((r) => setTimeout(r, 1200));
    expect(client.callsOf('transactions:list').length).toBe(before + 2);
  });

  it("gives a running session's energy so far from the record until a live reading comes, and says when there is none", async () => {
    const running = (over: Partial<TransactionView>) => aTransaction({ meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true, ...over });
    const list = [
      running({ transactionId: 21, connectorId: 1, meterStart: 1000 }),
      running({ transactionId: 22, connectorId: 2, meterStart: 0 }),
      running({ transactionId: 23, connectorId: 3, meterStart: 9000 }),
    ];
    const stored: Record<number, MeterValueView[]> = {
      21: [{ ...meterValue(1, '2025-05-01T10:20:00.000Z', 'Energy.Active.Import.Register', '5200', 'Wh'), connectorId: 1, transactionId: 21 }],
      22: [],
      23: [{ ...meterValue(2, '2025-05-01T10:20:00.000Z', 'Energy.Active.Import.Register', '8000', 'Wh'), connectorId: 3, transactionId: 23 }],
    };
    const client = fakeClient({
      'transactions:list': () => list,
      'transactions:recentMeterValues': ({ transactionIds }) => transactionIds.map((transactionId) => ({ transactionId, meterValues: stored[transactionId] ?? [] })),
    });
    off = liveBench(client);
    render(withBench(client, screens, '/transactions'));
    const cellOf = async (id: number) => within((await screen.findByText(`#${id}`)).closest('[role="row"]') as HTMLElement);
    expect((await cellOf(21)).getByText('4.20 kWh')).toBeTruthy();
    // One call for the three sessions.
    await waitFor(() => expect(client.callsOf('transactions:recentMeterValues')).toEqual([{ transactionIds: [21, 22, 23], limit: 50 }]));
    expect((await cellOf(22)).getByText('no reading yet')).toBeTruthy();
    expect((await cellOf(23)).getByText('meter went backwards').getAttribute('title')).toMatch(/below meterStart/);
    // A live reading takes over from what the record gave when the screen opened.
    act(() =>
      client.emit([
        {
          type: 'meterValues',
          chargerId: 'CP-1',
          connectorId: 2,
          transactionId: 22,
          ts: '2025-05-01T10:30:00.000Z',
          values: [{ ...meterValue(3, '2025-05-01T10:30:00.000Z', 'Energy.Active.Import.Register', '1500', 'Wh'), connectorId: 2, transactionId: 22 }],
        },
      ]),
    );
    await waitFor(async () => expect((await cellOf(22)).getByText('1.50 kWh')).toBeTruthy());
    expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(1);
  });

  it('asks for the list once when opened before the first snapshot', async () => {
    const client = fakeClient({ 'transactions:list': () => [aTransaction()] });
    useBench.setState({ ...initialBenchState }, true);
    render(withBench(client, screens, '/transactions'));
    act(() => useBench.setState({ link: 'open' }));
    act(() => useBench.setState((s) => ({ loaded: true, snapshots: 1, transactionsVersion: s.transactionsVersion + 1 })));
    expect(await screen.findByText('#12')).toBeTruthy();
    expect(client.callsOf('transactions:list')).toHaveLength(1);
  });

  it('marks a running session its rebooted charger no longer reports as Not confirmed, and the others Active', async () => {
    const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const runningSince30 = (transactionId: number, chargerId: string, connectorId: number) =>
      aTransaction({ transactionId, chargerId, connectorId, startTime: ago(30), receivedAt: ago(30), meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    const lost = runningSince30(21, 'CP-1', 2);
    const live = runningSince30(22, 'CP-2', 1);
    const client = fakeClient({ 'transactions:list': () => [lost, live] });
    off = liveBench(client, {
      chargers: {
        // Rebooted 5 minutes ago; connector 2 has said Available since.
        'CP-1': aCharger('CP-1', {
          lastBoot: ago(5),
          connectors: [{ connectorId: 2, status: 'Available', errorCode: 'NoError', info: null, vendorId: null, vendorErrorCode: null, timestamp: null, updatedAt: ago(4) }],
        }),
        'CP-2': aCharger('CP-2', {
          lastBoot: ago(60),
          connectors: [{ connectorId: 1, status: 'Charging', errorCode: 'NoError', info: null, vendorId: null, vendorErrorCode: null, timestamp: null, updatedAt: ago(29) }],
        }),
      },
      activeTransactions: { 21: lost, 22: live },
    });
    render(withBench(client, screens, '/transactions'));
    await screen.findByText('#21');
    const row = (id: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`#${id}`))!;
    await waitFor(() => expect(within(row(21)).getByText('Not confirmed')).toBeTruthy());
    expect(within(row(22)).getByText('Active')).toBeTruthy();
    expect(within(row(22)).queryByText('Not confirmed')).toBeNull();
  });

  it('shows a running session of an offline charger as last known: no ticking duration, energy at the last contact, not Active', async () => {
    const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const t = aTransaction({
      transactionId: 31,
      chargerId: 'CP-OFF',
      connectorId: 1,
      startTime: ago(30),
      receivedAt: ago(30),
      meterStop: null,
      stopTime: null,
      stopReason: null,
      energyWh: null,
      active: true,
    });
    const client = fakeClient({ 'transactions:list': () => [t] });
    off = liveBench(client, {
      // Its connector charging since the start (last known), not Available since then.
      chargers: {
        'CP-OFF': aCharger('CP-OFF', { connected: false, lastSeen: ago(10), lastBoot: ago(60), connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: ago(30) }), aConnector(2)] }),
      },
      activeTransactions: { 31: t },
      meter: { 'CP-OFF/1': [{ t: Date.now() - 11 * 60_000, energyWh: 12_100, powerW: 7000, transactionId: 31 }] },
    });
    render(withBench(client, screens, '/transactions'));
    await screen.findByText('#31');
    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('#31'))!;
    // 20 minutes from the start to the last contact, not the 30 up to now.
    expect(within(row).getByText('≥ 20 min 00 s')).toBeTruthy();
    expect(within(row).getByText('Last known')).toBeTruthy();
    expect(within(row).queryByText('Active')).toBeNull();
    expect(within(row).getByText('at last contact')).toBeTruthy();
    expect(within(row).queryByText('so far')).toBeNull();
  });

  it('filters by charger from the URL and opens a session on Enter', async () => {
    const client = fakeClient({ 'transactions:list': () => [aTransaction()] });
    off = liveBench(client);
    render(withBench(client, screens, '/transactions?charger=CP-1'));
    expect((screen.getByLabelText('Charger') as HTMLInputElement).value).toBe('CP-1');
    const cell = await screen.findByText('TAG-A');
    expect(client.callsOf('transactions:list')[0]).toMatchObject({ chargerId: 'CP-1' });
    await userEvent.click(cell);
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('where').textContent).toBe('/transactions/12');
  });
});

describe('transaction detail', () => {
  it('shows the summary and every meter value of the session', async () => {
    const values = halfHourApart();
    const client = fakeClient(sessionCalls(() => ({ ...aTransaction(), meterValues: values })));
    off = liveBench(client);
    render(withBench(client, screens, '/transactions/12'));

    expect(await screen.findByRole('heading', { name: 'Transaction #12' })).toBeTruthy();
    expect(client.callsOf('transactions:get')).toEqual([{ transactionId: 12, meterValues: false }]);
    expect(client.callsOf('transactions:meterReadings')).toEqual([{ transactionId: 12 }]);
    const summary = within(screen.getByRole('region', { name: 'Summary' }));
    expect(summary.getByRole('link', { name: 'CP-1' }).getAttribute('href')).toBe('/chargers/CP-1');
    expect(summary.getByText('7.40 kWh')).toBeTruthy();
    expect(summary.getByText('1 h 00 min')).toBeTruthy();
    expect(summary.getByText('EVDisconnected')).toBeTruthy();
    // Finished: its result (as the summary gives it), and its last power reading said to be that.
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe(`7.40 kWh delivered · power at its last reading: 7.4 kW at ${formatClock('2025-05-01T10:30:00.000Z')}`);
    const table = within(screen.getByRole('region', { name: 'Meter values' }));
    expect(table.getAllByText('Energy.Active.Import.Register')).toHaveLength(2);
    expect(table.getByText('13700')).toBeTruthy();
  });

  it('fetches a running session once, adds its meter values as they arrive, and fetches again once it stops', async () => {
    const running = aTransaction({ meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    const stored = [meterValue(1, '2025-05-01T10:00:00.000Z', 'Energy.Active.Import.Register', '10000', 'Wh'), meterValue(2, '2025-05-01T10:00:00.000Z', 'Power.Active.Import', '7200', 'W')];
    let current: StoredSession = { ...running, meterValues: stored };
    const client = fakeClient(sessionCalls(() => current));
    off = liveBench(client, { activeTransactions: { 12: running } });
    render(withBench(client, screens, '/transactions/12'));
    expect(await screen.findByRole('heading', { name: 'Transaction #12' })).toBeTruthy();

    // A sample every few seconds: none of them downloads the session again.
    const sample = (minute: number, wh: number, w: number) => {
      const timestamp = `2025-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
      const values = [meterValue(0, timestamp, 'Energy.Active.Import.Register', String(wh), 'Wh'), meterValue(0, timestamp, 'Power.Active.Import', String(w), 'W')].map(({ id: _id, ...v }) => v);
      act(() => client.emit([{ type: 'meterValues', chargerId: 'CP-1', connectorId: 2, transactionId: 12, values, ts: timestamp }]));
      return values;
    };
    const arrived = [...sample(1, 10_120, 7300), ...sample(2, 10_240, 7350), ...sample(3, 10_360, 7400)];
    const table = within(screen.getByRole('region', { name: 'Meter values' }));
    expect(await table.findByText('10360')).toBeTruthy();
    expect(table.getByText('10120')).toBeTruthy();
    // The chart and the latest reading move with them.
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('7.4 kW · 360 Wh');
    expect(client.callsOf('transactions:get')).toHaveLength(1);

    // Stopping fetches the stored session once more; values already shown are not listed twice.
    const stopped = aTransaction({ meterStop: 10_360, stopTime: '2025-05-01T10:03:30.000Z', energyWh: 360 });
    current = { ...stopped, meterValues: [...stored, ...arrived.map((v, i) => ({ ...v, id: 3 + i }))] };
    act(() => client.emit([{ type: 'transactionStopped', transaction: stopped, ts: '2025-05-01T10:03:30.000Z' }]));
    await waitFor(() => expect(client.callsOf('transactions:get')).toHaveLength(2));
    expect(await screen.findByText('Finished')).toBeTruthy();
    expect(table.getAllByText('10360')).toHaveLength(1);
    expect(screen.getByRole('grid', { name: 'Meter values (8)' })).toBeTruthy();
  });

  it('fetches the session once on opening, after the first snapshot, and again only when the link comes back', async () => {
    const running = aTransaction({ meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    const client = fakeClient(sessionCalls(() => ({ ...running, meterValues: [] })));
    // The page opened before the bench answered: the link opens, then the snapshot lands.
    useBench.setState({ ...initialBenchState }, true);
    off = client.subscribe((events) => useBench.setState((s) => reduceEvents(s, events)));
    render(withBench(client, screens, '/transactions/12'));
    act(() => useBench.setState({ link: 'open' }));
    expect(screen.getByText('Loading transaction 12…')).toBeTruthy();
    act(() => useBench.setState({ loaded: true, snapshots: 1, activeTransactions: { 12: running } }));
    expect(await screen.findByRole('heading', { name: 'Transaction #12' })).toBeTruthy();
    expect(client.callsOf('transactions:get')).toHaveLength(1);
    // Lost and back: a new snapshot, one more fetch (events may have been missed).
    act(() => useBench.setState({ link: 'closed' }));
    act(() => useBench.setState({ link: 'open', snapshots: 2 }));
    await waitFor(() => expect(client.callsOf('transactions:get')).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(client.callsOf('transactions:get')).toHaveLength(2);
  });

  it("follows a running session's readings up to the limit, then keeps the table as drawn, says how many wait, and adds them when asked", async () => {
    const running = aTransaction({ meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    const at = (s: number) => new Date(Date.parse('2025-05-01T10:00:00.000Z') + s * 1000).toISOString();
    const stored = Array.from({ length: LIVE_TABLE_ROWS - 4 }, (_, i) => meterValue(i + 1, at(i), 'Energy.Active.Import.Register', String(10_000 + i), 'Wh'));
    let current: StoredSession = { ...running, meterValues: stored };
    const client = fakeClient(sessionCalls(() => current));
    off = liveBench(client, { activeTransactions: { 12: running } });
    render(withBench(client, screens, '/transactions/12'));
    const grid = (rows: number) => screen.findByRole('grid', { name: `Meter values (${rows.toLocaleString()})` });
    expect(await grid(LIVE_TABLE_ROWS - 4)).toBeTruthy();
    const arrived: Array<Omit<MeterValueView, 'id'>> = [];
    const reading = (s: number, wh: number, w: number) => {
      const values = [meterValue(0, at(s), 'Energy.Active.Import.Register', String(wh), 'Wh'), meterValue(0, at(s), 'Power.Active.Import', String(w), 'W')].map(({ id: _id, ...v }) => v);
      arrived.push(...values);
      act(() => client.emit([{ type: 'meterValues', chargerId: 'CP-1', connectorId: 2, transactionId: 12, values, ts: at(s) }]));
    };
    const waiting = async () => (await screen.findByTestId('meter-values-waiting')).textContent;

    // Up to LIVE_TABLE_ROWS rows the table takes each reading.
    reading(LIVE_TABLE_ROWS, 16_000, 7300);
    expect(await grid(LIVE_TABLE_ROWS - 2)).toBeTruthy();
    reading(LIVE_TABLE_ROWS + 1, 16_003, 7300);
    expect(await grid(LIVE_TABLE_ROWS)).toBeTruthy();
    // Past it the table keeps what it showed and says what waits; the latest reading is live.
    reading(LIVE_TABLE_ROWS + 2, 16_006, 7400);
    expect(await waiting()).toContain(`2 newer values have arrived. The table holds the values up to ${formatTime(at(LIVE_TABLE_ROWS + 1))}`);
    expect(await grid(LIVE_TABLE_ROWS)).toBeTruthy();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('7.4 kW · 6.01 kWh');

    await userEvent.click(within(screen.getByTestId('meter-values-waiting')).getByRole('button', { name: 'Add them' }));
    expect(await grid(LIVE_TABLE_ROWS + 2)).toBeTruthy();
    expect(screen.queryByTestId('meter-values-waiting')).toBeNull();
    reading(LIVE_TABLE_ROWS + 3, 16_009, 7400);
    expect(await waiting()).toContain(`2 newer values have arrived. The table holds the values up to ${formatTime(at(LIVE_TABLE_ROWS + 2))}`);
    expect(client.callsOf('transactions:get')).toHaveLength(1);

    // The link comes back: the session as stored now, with what arrived; the next reading waits again, as one.
    current = { ...running, meterValues: [...stored, ...arrived.map((v, k) => ({ ...v, id: LIVE_TABLE_ROWS + k }))] };
    act(() => useBench.setState((s) => ({ snapshots: s.snapshots + 1 })));
    expect(await grid(LIVE_TABLE_ROWS + 4)).toBeTruthy();
    expect(screen.queryByTestId('meter-values-waiting')).toBeNull();
    reading(LIVE_TABLE_ROWS + 4, 16_012, 7400);
    expect(await waiting()).toContain('2 newer values have arrived.');
    expect(await grid(LIVE_TABLE_ROWS + 4)).toBeTruthy();
  });

  it('charts every reading of a session watched for longer than the live store keeps, with no false break', async () => {
    const running = aTransaction({ meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    const at = (s: number) => new Date(Date.parse('2025-05-01T10:00:00.000Z') + s * 1000).toISOString();
    const stored = [0, 10].map((s, i) => meterValue(i + 1, at(s), 'Energy.Active.Import.Register', String(10_000 + s), 'Wh'));
    const client = fakeClient(sessionCalls(() => ({ ...running, meterValues: stored })));
    off = liveBench(client, { activeTransactions: { 12: running } });
    render(withBench(client, screens, '/transactions/12'));
    expect(await screen.findByRole('heading', { name: 'Transaction #12' })).toBeTruthy();
    // A reading every 10 s, more of them than the store keeps of a connector (in two batches of events).
    const readings = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => {
        const i = from + k;
        const values = [meterValue(0, at(i * 10), 'Energy.Active.Import.Register', String(10_000 + i * 10), 'Wh')].map(({ id: _id, ...v }) => v);
        return { type: 'meterValues' as const, chargerId: 'CP-1', connectorId: 2, transactionId: 12, values, ts: at(i * 10) };
      });
    act(() => client.emit(readings(2, 400)));
    act(() => client.emit(readings(400, MAX_SAMPLES + 100)));
    await waitFor(() => expect(screen.getByTestId('transaction-meter-latest').textContent).toBe(`— · ${((MAX_SAMPLES + 99) / 100).toFixed(2)} kWh`));
    const lines = [...screen.getByTestId('transaction-meter-chart').querySelectorAll('path[class*="MuiLineElement"], path.MuiLineChart-line')].map((p) => p.getAttribute('d'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.match(/M/g)).toHaveLength(1);
  });

  it('says when a session holds more meter values than it shows', async () => {
    const values = [meterValue(1, '2025-05-01T10:20:00.000Z', 'Energy.Active.Import.Register', '12000', 'Wh')];
    const client = fakeClient(sessionCalls(() => ({ ...aTransaction(), meterValues: values, meterValuesCapped: true as const })));
    off = liveBench(client);
    render(withBench(client, screens, '/transactions/12'));
    expect((await screen.findByTestId('meter-values-capped')).textContent).toBe(
      `This session holds more than ${TRANSACTION_METER_VALUES.toLocaleString()} meter values. The table and the chart show the newest ${TRANSACTION_METER_VALUES.toLocaleString()}, from ${formatTime('2025-05-01T10:20:00.000Z')}.`,
    );
  });

  it('shows the session, and says why, when its stored meter values cannot be read', async () => {
    const client = fakeClient(sessionCalls(() => ({ ...aTransaction(), meterValues: [] })));
    client.handlers['transactions:meterReadings'] = () => Promise.reject(new Error("The record's reader thread stopped (exit code 1); try again"));
    off = liveBench(client);
    render(withBench(client, screens, '/transactions/12'));
    expect(await screen.findByRole('heading', { name: 'Transaction #12' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Summary' })).getByText('7.40 kWh')).toBeTruthy();
    expect(screen.getByTestId('meter-values-error').textContent).toBe(
      "The stored meter values could not be read: The record's reader thread stopped (exit code 1); try again. The chart and the table show only what arrived since the page opened.",
    );
    expect(screen.queryByText('No meter values were stored for this session.')).toBeNull();
  });

  it('tells the readings it has from new ones also when a charger sends many values with one time (a clock that stands still)', async () => {
    const running = aTransaction({ meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    const stuck = '2025-05-01T10:00:00.000Z';
    const stored = Array.from({ length: 50 }, (_, i) => meterValue(i + 1, stuck, 'Energy.Active.Import.Register', String(10_000 + i), 'Wh'));
    let current: StoredSession = { ...running, meterValues: stored };
    const client = fakeClient(sessionCalls(() => current));
    off = liveBench(client, { activeTransactions: { 12: running } });
    render(withBench(client, screens, '/transactions/12'));
    expect(await screen.findByRole('grid', { name: 'Meter values (50)' })).toBeTruthy();
    // One reading the fetch already has, one new, both at the time that stands still.
    const values = ['10049', '10050'].map((wh) => meterValue(0, stuck, 'Energy.Active.Import.Register', wh, 'Wh')).map(({ id: _id, ...v }) => v);
    act(() => client.emit([{ type: 'meterValues', chargerId: 'CP-1', connectorId: 2, transactionId: 12, values, ts: stuck }]));
    expect(await screen.findByRole('grid', { name: 'Meter values (51)' })).toBeTruthy();
    // A new fetch that holds the new one too: it is listed once.
    current = { ...running, meterValues: [...stored, meterValue(51, stuck, 'Energy.Active.Import.Register', '10050', 'Wh')] };
    act(() => useBench.setState((s) => ({ snapshots: s.snapshots + 1 })));
    await waitFor(() => expect(client.callsOf('transactions:meterReadings')).toHaveLength(2));
    expect(await screen.findByRole('grid', { name: 'Meter values (51)' })).toBeTruthy();
  });

  it('flags a meter that went backwards, stopped or running, instead of showing 0 kWh delivered', async () => {
    const warning = 'meterStop (9500 Wh) is below meterStart (10000 Wh): the meter went backwards or was replaced, so no energy is given';
    const stopped = aTransaction({ meterStop: 9500, energyWh: null, warning });
    let current: StoredSession = { ...stopped, meterValues: [] };
    const client = fakeClient(sessionCalls(() => current));
    off = liveBench(client);
    const view = render(withBench(client, screens, '/transactions/12'));
    expect((await screen.findByTestId('transaction-energy-warning')).textContent).toBe(warning);
    expect(within(screen.getByRole('region', { name: 'Summary' })).queryByText(/^0 Wh|^0\.00 kWh/)).toBeNull();
    view.unmount();

    const running = aTransaction({ meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    current = { ...running, meterValues: [meterValue(1, '2025-05-01T10:05:00.000Z', 'Energy.Active.Import.Register', '9800', 'Wh')] };
    off();
    off = liveBench(client);
    render(withBench(client, screens, '/transactions/12'));
    expect((await screen.findByTestId('transaction-energy-warning')).textContent).toContain('(9800 Wh) is below meterStart (10000 Wh)');
    expect(within(screen.getByRole('region', { name: 'Summary' })).getByText('— so far')).toBeTruthy();
  });

  it('says plainly when there is no such transaction', async () => {
    const client = fakeClient();
    client.handlers['transactions:get'] = () => Promise.reject(new Error('No transaction 99'));
    client.handlers['transactions:meterReadings'] = () => Promise.reject(new Error('No transaction 99'));
    off = liveBench(client);
    render(withBench(client, screens, '/transactions/99'));
    expect(await screen.findByText('No transaction 99')).toBeTruthy();
  });
});

describe('a running session on a charger that is offline', () => {
  // As the app has it: with Stop (the quick action) beside the title.
  const appScreens = routed({ '/transactions/:id': <AppTransactionDetailScreen /> });
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  function openOffline() {
    const running = aTransaction({ startTime: ago(10), meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    // The last reading, 4 min ago: 22 kW, 1.16 kWh delivered; the charger was last heard from 3 min ago.
    const readAt = ago(4);
    const values = [meterValue(1, readAt, 'Energy.Active.Import.Register', '11160', 'Wh'), meterValue(2, readAt, 'Power.Active.Import', '22000', 'W')];
    const client = fakeClient(sessionCalls(() => ({ ...running, meterValues: values })));
    const lastSeen = ago(3);
    off = liveBench(client, { chargers: { 'CP-1': aCharger('CP-1', { connected: false, lastSeen }) }, activeTransactions: { 12: running } });
    render(withBench(client, appScreens, '/transactions/12'));
    return { client, running, readAt, lastSeen };
  }

  it('says the charger is offline since when, marks the state, power, energy and duration as the last known, and says why Stop is disabled', async () => {
    const user = userEvent.setup();
    const { readAt, lastSeen } = openOffline();
    expect(await screen.findByRole('heading', { name: 'Transaction #12' })).toBeTruthy();
    // The same notice as the charger's page: offline, last seen when.
    expect(screen.getByTestId('charger-offline-notice').textContent).toBe(
      `CP-1 is offline: last seen ${formatTime(lastSeen)} (3 min ago). This session is active in the record, but its duration, power and energy below are the last known, not live; Stop is disabled until the charger connects again.`,
    );
    // No blue "Active": the record's state, drawn as last known.
    expect(screen.queryByText('Active')).toBeNull();
    const chip = screen.getByText('Active (last known)').closest('.MuiChip-root') as HTMLElement;
    expect(chip.className).toMatch(/MuiChip-colorDefault/);
    expect(chip.getAttribute('data-stale')).not.toBeNull();
    // Power and energy as of their reading, with its time; not "now".
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('Last known: 22.0 kW · 1.16 kWh');
    expect(screen.getByText(`at ${formatClock(readAt)} (4 min ago)`)).toBeTruthy();
    const summary = within(screen.getByRole('region', { name: 'Summary' }));
    expect(summary.getByText('1.16 kWh')).toBeTruthy();
    expect(summary.getByTestId('transaction-energy-last-known').textContent).toBe(`last known, read at ${formatClock(readAt)} (4 min ago)`);
    // The duration stops at the last contact (10 min ago to 3 min ago), not "so far".
    expect(summary.getByText(`≥ 7 min 00 s up to the last contact at ${formatClock(lastSeen)}; active in the record`)).toBeTruthy();
    expect(summary.queryByText(/so far/)).toBeNull();
    expect(summary.queryByText('still running')).toBeNull();
    expect(summary.getByText('none recorded up to the last contact')).toBeTruthy();
    // Stop is disabled, and says why.
    const stop = screen.getByRole('button', { name: 'Stop…' }) as HTMLButtonElement;
    expect(stop.disabled).toBe(true);
    await user.hover(stop.parentElement as HTMLElement);
    expect((await screen.findByRole('tooltip')).textContent).toBe('CP-1 is offline (last seen 3 min ago): connect it to send.');
  });

  it('is live again once the charger reconnects, and with the bench out of reach shows the last known up to then', async () => {
    const { running } = openOffline();
    expect(await screen.findByText('Active (last known)')).toBeTruthy();
    act(() => useBench.setState((s) => ({ chargers: { 'CP-1': { ...s.chargers['CP-1'], connected: true, lastSeen: new Date().toISOString() } } })));
    expect(screen.getByText('Active')).toBeTruthy();
    expect(screen.queryByTestId('charger-offline-notice')).toBeNull();
    const summary = within(screen.getByRole('region', { name: 'Summary' }));
    expect(summary.getByText(/^10 min 0\d s so far$/)).toBeTruthy();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('22.0 kW · 1.16 kWh');
    expect((screen.getByRole('button', { name: 'Stop…' }) as HTMLButtonElement).disabled).toBe(false);

    // The link to the bench lost (the layout's banner says so): as of then, not live.
    const since = ago(1);
    act(() => useBench.setState({ link: 'closed', linkSince: since }));
    expect(screen.getByText('Active (last known)')).toBeTruthy();
    expect(screen.queryByTestId('charger-offline-notice')).toBeNull();
    expect(summary.getByText(`≥ ${formatDuration(Date.parse(since) - Date.parse(running.startTime))} up to the last contact at ${formatClock(since)}; active in the record`)).toBeTruthy();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('Last known: 22.0 kW · 1.16 kWh');
  });

  it('keeps an offline charger’s last contact when the bench stops answering after it went offline: not the link loss', async () => {
    const { lastSeen } = openOffline();
    expect(await screen.findByText('Active (last known)')).toBeTruthy();
    const summary = within(screen.getByRole('region', { name: 'Summary' }));
    const upToLastSeen = `≥ 7 min 00 s up to the last contact at ${formatClock(lastSeen)}; active in the record`;
    expect(summary.getByText(upToLastSeen)).toBeTruthy();
    act(() => useBench.setState({ link: 'silent', linkSince: ago(1) }));
    expect(summary.getByText(upToLastSeen)).toBeTruthy();
  });

  it('keeps a finished session as it is: its values are final, not stale', async () => {
    const values = [meterValue(1, '2025-05-01T10:30:00.000Z', 'Energy.Active.Import.Register', '13700', 'Wh'), meterValue(2, '2025-05-01T10:30:00.000Z', 'Power.Active.Import', '7400', 'W')];
    const client = fakeClient(sessionCalls(() => ({ ...aTransaction(), meterValues: values })));
    off = liveBench(client, { chargers: { 'CP-1': aCharger('CP-1', { connected: false, lastSeen: ago(3) }) } });
    render(withBench(client, appScreens, '/transactions/12'));
    expect(await screen.findByText('Finished')).toBeTruthy();
    expect(screen.queryByTestId('charger-offline-notice')).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Summary' })).getByText('1 h 00 min')).toBeTruthy();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe(`7.40 kWh delivered · power at its last reading: 7.4 kW at ${formatClock('2025-05-01T10:30:00.000Z')}`);
  });
});

describe('the meter values export', () => {
  it('downloads chargebench-transaction-<id>-meter-values.csv with every value and its time in ISO 8601 UTC', async () => {
    const user = userEvent.setup();
    // A charger that sends local time with an offset: exported in UTC all the same.
    const values = [
      meterValue(1, '2025-05-01T10:00:00.000Z', 'Energy.Active.Import.Register', '10000', 'Wh'),
      meterValue(2, '2025-05-01T10:00:00.000Z', 'Power.Active.Import', '7200', 'W'),
      meterValue(3, '2025-05-01T12:30:00+02:00', 'Energy.Active.Import.Register', '13700', 'Wh'),
    ];
    const client = fakeClient(sessionCalls(() => ({ ...aTransaction(), meterValues: values })));
    off = liveBench(client);
    // The grid saves the file through a link to a blob: caught here.
    let saved: { name: string; blob: Blob } | null = null;
    const blobs = new Map<string, Blob>();
    const createObjectURL = vi.fn((blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    });
    const revokeObjectURL = vi.fn();
    const urlBefore = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved = { name: this.download, blob: blobs.get(this.href)! };
    });
    try {
      render(withBench(client, screens, '/transactions/12'));
      expect(await screen.findByRole('grid', { name: 'Meter values (3)' })).toBeTruthy();
      // The screen keeps local time.
      expect(screen.getAllByText(formatTime('2025-05-01T10:00:00.000Z')).length).toBeGreaterThan(0);
      await user.click(screen.getByRole('button', { name: 'Export' }));
      await user.click(await screen.findByRole('menuitem', { name: 'Download as CSV' }));
      await waitFor(() => expect(saved).not.toBeNull());
      const { name, blob } = saved!;
      expect(name).toBe('chargebench-transaction-12-meter-values.csv');
      const text = await new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.readAsText(blob);
      });
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('Time,Measurand,Phase,Location,Value,Unit,Context,Format');
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['2025-05-01T10:00:00.000Z', '2025-05-01T10:00:00.000Z', '2025-05-01T10:30:00.000Z']);
      expect(lines[3]).toBe('2025-05-01T10:30:00.000Z,Energy.Active.Import.Register,,,13700,Wh,Sample.Periodic,Raw');
    } finally {
      click.mockRestore();
      Object.assign(URL, urlBefore);
    }
  });
});

describe("a finished session's meter card", () => {
  it('charts its energy up to meterStop at its stop (not only to the last reading), says its time zone, and shows no "now" power', async () => {
    // Readings at 10:00 and 10:30; stopped at 11:00 with meterStop 17,400 (7.40 kWh delivered).
    const values = halfHourApart();
    const client = fakeClient(sessionCalls(() => ({ ...aTransaction(), meterValues: values })));
    off = liveBench(client);
    const { container } = render(withBench(client, screens, '/transactions/12'));
    expect(await screen.findByRole('heading', { name: 'Transaction #12' })).toBeTruthy();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toMatch(/^7\.40 kWh delivered · power at its last reading: 7\.4 kW at /);
    // Energy (the second line): 10:00 (0 Wh, its start), 10:30 and 11:00 (meterStop): three points.
    const lines = [...container.querySelectorAll('path.MuiLineChart-line, path[class*="MuiLineElement"]')].map((p) => p.getAttribute('d') ?? '');
    expect(lines).toHaveLength(2);
    expect(lines[1].match(/[ML]/g)).toHaveLength(3);
    // Local times, in which zone (the tests run in UTC); the CSV export writes UTC.
    expect(within(screen.getByRole('region', { name: 'Summary' })).getByText('local time, UTC; exports are in UTC')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Meter values' })).getByRole('columnheader', { name: /Time \(UTC\)/ })).toBeTruthy();
  });
});
