// @vitest-environment jsdom
// A transaction's page: the summary and every meter value of the session, fetched once and followed live
// (up to the table's limit), what it says when values are capped, unreadable or went backwards, the CSV
// export of its meter values, and a finished session's meter card.
import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, withBench, stubResizeObserver } from './fake-client';
import { initialBenchState, MAX_SAMPLES, reduceEvents, useBench } from '../../src/renderer/src/stores/bench';
import { LIVE_TABLE_ROWS } from '../../src/renderer/src/features/transactions/TransactionDetailScreen';
import { formatClock, formatTime } from '../../src/renderer/src/components/format';
import { TRANSACTION_METER_VALUES } from '../../src/shared/api/contract';
import type { MeterValueView } from '../../src/shared/api/views';
import { aTransaction, benchResetEachTest, halfHourApart, listAndDetailScreens as screens, meterValue, sessionCalls, type StoredSession } from './transaction-session-fixtures';

stubResizeObserver();

let off: (() => void) | undefined;
benchResetEachTest(() => off);

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
