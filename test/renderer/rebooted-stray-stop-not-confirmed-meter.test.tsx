// @vitest-environment jsdom
// A session Not confirmed by its charger tells one story on its connector card and on its page: the card's
// meter speaks of what was recorded, in the past (not "yet", not "so far"), in the page's words; and where the
// page's banner names a stray StopTransaction as maybe this session's (the one session open there when it
// came), its Summary's Stopped row and its Meter card name that stop too, with its reason and what its
// meterStop would mean for this session, never "no StopTransaction came". With several sessions open when it
// came, none is blamed.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { useBench } from '../../src/renderer/src/stores/bench';
import { ChargerOverview } from '../../src/renderer/src/features/chargers/ChargerOverview';
import { TransactionDetailScreen } from '../../src/renderer/src/features/transactions/TransactionDetailScreen';
import { formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient, liveBench, routed, stubResizeObserver, withBench } from './fake-client';
import { benchResetEachTest } from './transaction-session-fixtures';
import { aCharger, aConnector, aStrayStopEvent, aTransaction, minutesAgo } from './builders';
import type { ChargerEventView, ConnectorView, TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

const startedAt = minutesAgo(10);
const bootAt = minutesAgo(1);
const afterBoot = (ms: number) => new Date(Date.parse(bootAt) + ms).toISOString();
const stopAt = afterBoot(2000);
const tx1 = aTransaction(1, 'VCP1', 1, 'TAG1', { receivedAt: startedAt, startTime: startedAt, meterStart: 1000 });
const tx2 = aTransaction(2, 'VCP1', 2, 'TAG2', { receivedAt: startedAt, startTime: startedAt, meterStart: 500 });
/** What the bench records of the stray stop (handlers/StopTransaction): its frame's payload, and the frame's id. */
const stopEvent = aStrayStopEvent('VCP1', 1001, stopAt, { meterStop: 1283, reason: 'PowerLoss', frameId: 42 });
/** The session's stored readings (the record's compact form): one energy register reading, 5 minutes before the reboot. */
const oneReading = {
  capped: false,
  shapes: { 1: ['Energy.Active.Import.Register', null, 'Wh', 'Sample.Periodic', null, 'Raw'] as never },
  readings: [[0, 1, Date.parse(bootAt) - 5 * 60_000, [1, '1200'], 0]] as never,
};
const noReadings = { capped: false, shapes: {}, readings: [] };
const client = (txs: TransactionView[], events: ChargerEventView[], readings: typeof oneReading = noReadings as never) =>
  fakeClient({
    'transactions:list': () => txs,
    'transactions:get': ({ transactionId }: { transactionId: number }) => ({ ...txs.find((t) => t.transactionId === transactionId)!, meterValues: [] }),
    'transactions:meterReadings': () => readings,
    'transactions:recentMeterValues': () => [],
    'chargers:meterValues': () => [],
    'chargerEvents:list': () => events,
    'operations:list': () => [],
  });
const rebooted = (status: ConnectorView['status'], connectors = [1]) =>
  aCharger('VCP1', { lastBoot: bootAt, connectors: [aConnector(0), ...connectors.map((id) => aConnector(id, { status, updatedAt: afterBoot(1000) }))] });
const detail = routed({ '/transactions/:id': <TransactionDetailScreen /> });

const REBOOT_WORDS = 'No readings were recorded in this session: its charger most likely lost it when it rebooted, so it sends none.';
const n = (x: number) => x.toLocaleString();
const maybeIts = `a StopTransaction for unknown transaction 1001 came at ${formatWhen(stopAt)} on this charger, maybe this session's (reason PowerLoss, meterStop ${n(1283)} Wh: ${n(1283)} − ${n(1000)} = 283 Wh if it is)`;

let off: (() => void) | undefined;
benchResetEachTest(() => off);

describe("a Not confirmed session's connector card", () => {
  it('speaks of its meter in the past, in the words of its page, not as a live session', async () => {
    // Rebooted, its connector Available since: Not confirmed, no stray stop, no reading.
    const c = client([tx1], []);
    off = liveBench(c, { chargers: { VCP1: rebooted('Available') }, activeTransactions: { 1: tx1 } });
    const { unmount } = render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.VCP1!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 1' }));
    await card.findByRole('alert', { name: 'Session 1 not confirmed by the charger' });
    await waitFor(() => expect(card.getByText(REBOOT_WORDS)).toBeTruthy());
    expect(card.getByTestId('meter-latest-1').textContent).toBe('No readings were recorded in this session');
    const fact = (label: string) => card.getByText(label).nextElementSibling!.textContent;
    expect([fact('Energy recorded'), fact('Last power reading')]).toEqual(['none recorded', 'none recorded']);
    const text = screen.getByRole('region', { name: 'Connector 1' }).textContent!;
    for (const live of ['No meter values yet', 'in this session yet', 'none yet', 'Energy so far']) expect(text).not.toContain(live);
    unmount();
    // The page says the same of the same session.
    render(withBench(c, detail, '/transactions/1'));
    const meter = await screen.findByRole('region', { name: 'Meter over the session' });
    await waitFor(() => expect(within(meter).getByText(REBOOT_WORDS)).toBeTruthy());
  });

  it('with its connector reporting a session since the boot (it may still run), keeps the live words beside the Not confirmed note', async () => {
    const c = client([tx1], [stopEvent]);
    off = liveBench(c, { chargers: { VCP1: rebooted('Preparing') }, activeTransactions: { 1: tx1 } });
    render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.VCP1!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 1' }));
    await card.findByRole('alert', { name: 'Session 1 not confirmed by the charger' });
    await waitFor(() => expect(card.getByText(/No meter values yet/)).toBeTruthy());
    expect(card.getByText('Energy so far')).toBeTruthy();
    const text = screen.getByRole('region', { name: 'Connector 1' }).textContent!;
    for (const past of ['none recorded', 'No readings were recorded', 'sends none', 'Energy recorded']) expect(text).not.toContain(past);
  });
});

describe('the page of a session Not confirmed by a stray stop', () => {
  it('its Stopped row and Meter card name that stop, its reason and meterStop, not "no StopTransaction came"', async () => {
    const c = client([tx1], [stopEvent]);
    off = liveBench(c, { chargers: { VCP1: rebooted('Preparing') }, activeTransactions: { 1: tx1 } });
    render(withBench(c, detail, '/transactions/1'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    await screen.findByRole('alert', { name: 'Session 1 not confirmed by the charger' });
    const stopped = () => within(summary).getByText('Stopped').nextElementSibling!.textContent;
    await waitFor(() => expect(stopped()).toBe(maybeIts));
    expect(within(summary).getByTestId('transaction-energy-if-its-stop').textContent).toBe("283 Wh if the StopTransaction for unknown transaction 1001 is this session's");
    const meter = screen.getByRole('region', { name: 'Meter over the session' });
    // Its connector reports Preparing since the boot: it may still run, so its Meter card keeps the live words, as its card does.
    expect(within(meter).getByTestId('transaction-meter-its-stop').textContent).toBe(`A${maybeIts.slice(1)}.`);
    expect(within(meter).getByText(/No meter values yet/)).toBeTruthy();
    expect(within(meter).getByTestId('transaction-meter-latest').textContent).toBe('No readings yet');
    expect(within(meter).getByRole('heading', { name: 'Meter' })).toBeTruthy();
    for (const past of ['sends none', 'No readings were recorded', 'Readings recorded']) expect(meter.textContent).not.toContain(past);
    for (const part of [summary, meter]) {
      expect(part.textContent).not.toContain('no StopTransaction came');
      expect(part.textContent).not.toContain('when it rebooted');
    }
  });

  it('with its connector Available since the boot (lost), its Meter card says no readings were recorded, naming that stop', async () => {
    const c = client([tx1], [stopEvent]);
    off = liveBench(c, { chargers: { VCP1: rebooted('Available') }, activeTransactions: { 1: tx1 } });
    render(withBench(c, detail, '/transactions/1'));
    const meter = await screen.findByRole('region', { name: 'Meter over the session' });
    await waitFor(() => expect(meter.textContent).toContain(`No readings were recorded in this session: ${maybeIts}, so the charger most likely sends none.`));
    expect(within(meter).getByRole('heading', { name: 'Readings recorded' })).toBeTruthy();
  });

  it('with readings, its Meter card still names that stop', async () => {
    const c = client([tx1], [stopEvent], oneReading);
    off = liveBench(c, { chargers: { VCP1: rebooted('Preparing') }, activeTransactions: { 1: tx1 } });
    render(withBench(c, detail, '/transactions/1'));
    const meter = await screen.findByRole('region', { name: 'Meter over the session' });
    await waitFor(() => expect(within(meter).getByTestId('transaction-meter-its-stop').textContent).toBe(`A${maybeIts.slice(1)}.`));
    expect(within(meter).getByTestId('transaction-meter-latest').textContent).toMatch(/^Last reading, at .*: .* · 200 Wh$/);
  });

  it('with several sessions open there when it came, blames none, and does not say none came', async () => {
    const c = client([tx1, tx2], [stopEvent]);
    off = liveBench(c, { chargers: { VCP1: rebooted('Preparing', [1, 2]) }, activeTransactions: { 1: tx1, 2: tx2 } });
    render(withBench(c, detail, '/transactions/1'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    const stopped = () => within(summary).getByText('Stopped').nextElementSibling!.textContent;
    await waitFor(() => expect(stopped()).toContain('while sessions #1 and #2 were open there (which one the charger meant is not known)'));
    expect(stopped()).toMatch(/^no StopTransaction with its transactionId came; a StopTransaction for unknown transaction 1001 came at /);
    expect(summary.textContent).not.toContain("maybe this session's");
    expect(within(summary).queryByTestId('transaction-energy-if-its-stop')).toBeNull();
  });
});
