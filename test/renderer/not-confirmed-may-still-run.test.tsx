// @vitest-environment jsdom
// A session Not confirmed by its charger (it rebooted since the session started and sent a StopTransaction with
// another transactionId) whose connector reports Charging since the boot: it may still run. The Transactions
// list and its page say so (at least up to the reboot, at least its last reading's energy so far), never that
// the charger most likely lost it nor that it ran at most up to the reboot. And a stray stop whose meterStop is
// below the session's last register reading is most likely not its stop: said so, with no energy "if it is".
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { TransactionDetailScreen } from '../../src/renderer/src/features/transactions/TransactionDetailScreen';
import { formatDateTime, formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient, liveBench, routed, stubResizeObserver, withBench } from './fake-client';
import { benchResetEachTest } from './transaction-session-fixtures';
import { aCharger, aConnector, aStrayStopEvent, aTransaction, minutesAgo } from './builders';
import type { ConnectorView, TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

const startedAt = minutesAgo(10);
const bootAt = minutesAgo(1);
const afterBoot = (ms: number) => new Date(Date.parse(bootAt) + ms).toISOString();
const tx1 = aTransaction(1, 'VCP1', 1, 'TAG1', { receivedAt: startedAt, startTime: startedAt, meterStart: 1000 });
const stopEvent = aStrayStopEvent('VCP1', 1001, afterBoot(2000), { meterStop: 1283, reason: 'PowerLoss', frameId: 42 });
/** Its stored readings: one energy register reading of `wh`, `at` (ms). */
const readingsOf = (wh: number, at: number) => ({
  capped: false,
  shapes: { 1: ['Energy.Active.Import.Register', null, 'Wh', 'Sample.Periodic', null, 'Raw'] as never },
  readings: [[0, 1, at, [1, String(wh)], 0]] as never,
});
const noReadings = { capped: false, shapes: {}, readings: [] as never };
const client = (readings: ReturnType<typeof readingsOf> | typeof noReadings) =>
  fakeClient({
    'transactions:list': () => [tx1],
    'transactions:get': () => ({ ...tx1, meterValues: [] }),
    'transactions:meterReadings': () => readings,
    'transactions:recentMeterValues': () => [],
    'chargers:meterValues': () => [],
    'chargerEvents:list': () => [stopEvent],
    'operations:list': () => [],
  });
const rebooted = (status: ConnectorView['status']) => aCharger('VCP1', { lastBoot: bootAt, connectors: [aConnector(0), aConnector(1, { status, updatedAt: afterBoot(1000) })] });
const MAY = 'not confirmed by the charger, may still be running (connector 1 reports Charging)';
const detail = routed({ '/transactions/:id': <TransactionDetailScreen /> });

let off: (() => void) | undefined;
benchResetEachTest(() => off);

describe('a Not confirmed session that may still run (its connector reports Charging since the boot)', () => {
  it('the Transactions list gives it at least up to the reboot, and its energy at least so far, saying it may still be running', async () => {
    const c = client(noReadings);
    const readAt = Date.parse(bootAt) - 5 * 60_000;
    off = liveBench(c, {
      chargers: { VCP1: rebooted('Charging') },
      activeTransactions: { 1: tx1 },
      meter: { 'VCP1/1': [{ t: readAt, energyWh: 1200, transactionId: 1, receivedAt: readAt }] },
    });
    render(withBench(c, <TransactionsScreen StopButton={({ transaction }: { transaction: TransactionView }) => <button>Stop #{transaction.transactionId}</button>} />, '/transactions'));
    await screen.findByText('#1');
    const row = () => screen.getAllByRole('row').find((r) => r.textContent?.includes('#1'))!;
    await waitFor(() => expect(within(row()).getByText('Not confirmed')).toBeTruthy());
    // Its reading (5 min before the reboot, 4 min after its start): at least that long, said as may still running.
    const duration = await within(row()).findByText('≥ 4 min 00 s');
    expect(duration.getAttribute('title')).toBe(`Up to its last reading (${formatDateTime(readAt)}): ${MAY}`);
    const energy = within(row()).getByText('≥ 200 Wh');
    expect(energy.parentElement!.getAttribute('title')).toBe(`At least this so far, from its last reading: ${MAY}`);
    expect(energy.parentElement!.textContent).toBe('≥ 200 Wh' + 'so far');
    expect(row().querySelector('[aria-label^="May still be running: connector 1 reports Charging, but VCP1 has booted since this session started"]')).toBeTruthy();
    for (const cell of ['duration', 'energy', 'active'])
      expect(row().querySelector(`[data-field="${cell}"] [aria-label], [data-field="${cell}"] [title]`)?.outerHTML ?? '').not.toContain('most likely lost');
  });

  it('with no reading, the list gives it at least up to the reboot, never at most', async () => {
    const c = client(noReadings);
    off = liveBench(c, { chargers: { VCP1: rebooted('Charging') }, activeTransactions: { 1: tx1 } });
    render(withBench(c, <TransactionsScreen />, '/transactions'));
    await screen.findByText('#1');
    const row = () => screen.getAllByRole('row').find((r) => r.textContent?.includes('#1'))!;
    const duration = await within(row()).findByText('≥ 9 min 00 s');
    expect(duration.getAttribute('title')).toMatch(new RegExp(`^Up to the charger's reboot \\(.*\\): ${MAY.replace(/[()]/g, '\\$&')}$`));
    expect(row().textContent).not.toContain('≤');
  });

  it('its page gives it at least up to the reboot and its energy at least so far, as may still be running', async () => {
    const c = client(noReadings);
    off = liveBench(c, { chargers: { VCP1: rebooted('Charging') }, activeTransactions: { 1: tx1 } });
    render(withBench(c, detail, '/transactions/1'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    const fact = (label: string) => within(summary).getByText(label).nextElementSibling!.textContent;
    await waitFor(() => expect(fact('Duration')).toMatch(/^≥ 9 min 00 s up to the charger's reboot at /));
    expect(fact('Duration')).toMatch(new RegExp(`; ${MAY.replace(/[()]/g, '\\$&')}$`));
    expect(summary.textContent).not.toContain('most likely lost');
  });

  it("its page's energy from its last reading is at least that so far", async () => {
    const c = client(readingsOf(1200, Date.parse(bootAt) - 5 * 60_000));
    off = liveBench(c, { chargers: { VCP1: rebooted('Charging') }, activeTransactions: { 1: tx1 } });
    render(withBench(c, detail, '/transactions/1'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    const fact = (label: string) => within(summary).getByText(label).nextElementSibling!.textContent;
    await waitFor(() => expect(fact('Energy')).toMatch(/^≥ 200 Wh so farfrom its last reading, at /));
    expect(fact('Duration')).toMatch(new RegExp(`^≥ 4 min 00 s up to its last reading at .*; ${MAY.replace(/[()]/g, '\\$&')}$`));
  });
});

describe('a stray stop whose meterStop is below the session’s last register reading', () => {
  it('is said most likely not its stop, on its Summary and its Meter card, with no energy "if it is"', async () => {
    const readAt = Date.parse(bootAt) - 5 * 60_000;
    const c = client(readingsOf(1450, readAt));
    off = liveBench(c, { chargers: { VCP1: rebooted('Charging') }, activeTransactions: { 1: tx1 } });
    render(withBench(c, detail, '/transactions/1'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    const n = (x: number) => x.toLocaleString();
    const clause = `a StopTransaction for unknown transaction 1001 came at ${formatWhen(stopEvent.ts)} on this charger, maybe this session's (reason PowerLoss, meterStop ${n(1283)} Wh, below this session's last reading ${n(1450)} Wh (at ${formatWhen(readAt)}): most likely not its stop)`;
    await waitFor(() => expect(within(summary).getByText('Stopped').nextElementSibling!.textContent).toBe(clause));
    const meter = screen.getByRole('region', { name: 'Meter over the session' });
    await waitFor(() => expect(within(meter).getByTestId('transaction-meter-its-stop').textContent).toBe(`A${clause.slice(1)}.`));
    expect(document.body.textContent).not.toContain('if it is');
  });
});
