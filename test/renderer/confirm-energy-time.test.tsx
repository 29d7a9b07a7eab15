// @vitest-environment jsdom
// A confirmation that lists what runs on a charger gives each session's energy so far with the time of
// the reading it comes from, so a live figure and one from hours ago never look alike: a reading older
// than twice the charger's usual interval between readings (5 minutes while that is not known) is
// marked old. Its age is judged by when the bench received it, never by the charger's clock (which may
// never have been set): the charger's time is given beside when it is far off, and alone, said as the
// charger's, when the record does not say when the reading came.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, reduceEvents, useBench, type ReceivedSample } from '../../src/renderer/src/stores/bench';
import { readingIsOld, runningTransactions } from '../../src/renderer/src/components/running';
import { formatClock, formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient, withBench } from './fake-client';
import { aCharger, aConnector, aMeterValue, aTransaction, minutesAgo } from './builders';

const ago = (ms: number) => Date.now() - ms;

function setUp(meter: ReceivedSample[]) {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1, { status: 'Charging' })] }) },
    activeTransactions: { 17: aTransaction(17, 'CP001', 1, 'TAG-ALICE', { meterStart: 1000, startTime: minutesAgo(300) }) },
    meter: meter.length ? { 'CP001/1': meter } : {},
  });
}
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

/** Opens the unlock confirmation of connector 1 and gives its "Energy so far" cell. */
async function energyCell(handlers: Parameters<typeof fakeClient>[0] = {}): Promise<HTMLElement> {
  const user = userEvent.setup();
  render(withBench(fakeClient(handlers), <OperationsPanel chargerId="CP001" initial="UnlockConnector" />));
  await user.click(screen.getByRole('button', { name: 'Unlock connector 1…' }));
  const table = within(await screen.findByRole('dialog')).getByRole('table', { name: 'Running transactions' });
  const column = within(table)
    .getAllByRole('columnheader')
    .findIndex((h) => h.textContent === 'Energy so far');
  return within(table).getAllByRole('row')[1].querySelectorAll('td')[column] as HTMLElement;
}

describe('the energy so far in a confirmation', () => {
  beforeEach(() => setUp([]));

  it('gives the time of the reading it comes from', async () => {
    const at = ago(20_000);
    setUp([{ t: at, receivedAt: at, energyWh: 5210, transactionId: 17 }]);
    const cell = await energyCell();
    expect(cell.textContent).toMatch(/^4\.21 kWh/);
    expect(within(cell).getByText(`at ${formatClock(at)} (under a minute ago)`)).toBeTruthy();
    expect(cell.textContent).not.toMatch(/old/);
  });

  it('marks a reading from two hours ago as old', async () => {
    const at = ago(2 * 3600_000);
    setUp([{ t: at, receivedAt: at, energyWh: 5210, transactionId: 17 }]);
    const cell = await energyCell();
    expect(cell.textContent).toMatch(/^4\.21 kWh/);
    expect(within(cell).getByText(`old reading, at ${formatClock(at)} (2 h ago)`)).toBeTruthy();
  });

  it('judges a live reading by when the bench received it: a charger whose clock says 1970 is not old', async () => {
    const at = ago(20_000);
    const charger1970 = Date.UTC(1970, 0, 1, 0, 0, 5);
    // As the store keeps it from the bench's meterValues event (its `ts` is the bench's clock).
    const stored = reduceEvents(initialBenchState, [
      {
        type: 'meterValues',
        chargerId: 'CP001',
        connectorId: 1,
        transactionId: 17,
        values: [aMeterValue({ transactionId: 17, connectorId: 1, timestamp: new Date(charger1970).toISOString(), value: '5210' })],
        ts: new Date(at).toISOString(),
      },
    ]).meter['CP001/1'];
    expect(stored).toEqual([{ t: charger1970, receivedAt: at, energyWh: 5210, transactionId: 17 }]);
    setUp(stored);
    const cell = await energyCell();
    expect(cell.textContent).toMatch(/^4\.21 kWh/);
    expect(within(cell).getByText(`at ${formatClock(at)} (under a minute ago; the charger's clock says ${formatWhen(charger1970)})`)).toBeTruthy();
    expect(cell.textContent).not.toMatch(/old|1970.*ago|years/);
  });

  it('judges a live reading received 2 h ago old, however current the charger’s clock makes it look', async () => {
    const at = ago(2 * 3600_000);
    const chargerSays = ago(10_000);
    setUp([{ t: chargerSays, receivedAt: at, energyWh: 5210, transactionId: 17 }]);
    const cell = await energyCell();
    expect(within(cell).getByText(`old reading, at ${formatClock(at)} (2 h ago; the charger's clock says ${formatWhen(chargerSays)})`)).toBeTruthy();
  });

  it('gives the time of a reading read from the record by when the bench received it, and marks it old when it is', async () => {
    const timestamp = new Date(ago(3 * 3600_000 + 5_000)).toISOString();
    const receivedAt = new Date(ago(3 * 3600_000)).toISOString();
    const cell = await energyCell({
      'transactions:recentMeterValues': ({ transactionIds }) =>
        transactionIds.map((transactionId) => ({ transactionId, meterValues: [{ ...aMeterValue({ transactionId, connectorId: 1, timestamp, value: '3500' }), receivedAt }] })),
    });
    expect(await within(cell).findByText(`old reading, at ${formatClock(receivedAt)} (3 h ago)`)).toBeTruthy();
    expect(cell.textContent).toMatch(/^2\.50 kWh/);
  });

  it("says a reading from a record that does not say when it came is at the charger's time, and does not call it old on that alone", async () => {
    const timestamp = new Date(ago(3 * 3600_000)).toISOString();
    const cell = await energyCell({
      'transactions:recentMeterValues': ({ transactionIds }) =>
        transactionIds.map((transactionId) => ({ transactionId, meterValues: [aMeterValue({ transactionId, connectorId: 1, timestamp, value: '3500' })] })),
    });
    expect(await within(cell).findByText(`at ${formatWhen(timestamp)} (3 h ago) by the charger's clock`)).toBeTruthy();
    expect(cell.textContent).not.toMatch(/old/);
  });
});

describe('how old a reading may be', () => {
  const tx = { 1: aTransaction(1, 'CP001', 1, 'TAG', { meterStart: 0, startTime: minutesAgo(300) }) };
  const every = (stepMs: number, lastAgoMs: number): ReceivedSample[] =>
    Array.from({ length: 5 }, (_, i) => ({ t: ago(lastAgoMs + (4 - i) * stepMs), receivedAt: ago(lastAgoMs + (4 - i) * stepMs), energyWh: 100 * i, transactionId: 1 }));
  const old = (samples: ReceivedSample[]) => readingIsOld(runningTransactions(tx, { 'CP001/1': samples }, 'CP001')[0], Date.now());

  it('is twice the usual time between the charger’s readings, at least a minute', () => {
    // Every 10 minutes, the last 12 minutes ago: not yet due.
    expect(old(every(600_000, 12 * 60_000))).toBe(false);
    expect(old(every(600_000, 21 * 60_000))).toBe(true);
    // Every 10 seconds, nothing for 3 minutes: old.
    expect(old(every(10_000, 3 * 60_000))).toBe(true);
    expect(old(every(10_000, 30_000))).toBe(false);
  });

  it('is 5 minutes while the usual time is not known (one reading)', () => {
    expect(old([{ t: ago(4 * 60_000), receivedAt: ago(4 * 60_000), energyWh: 10, transactionId: 1 }])).toBe(false);
    expect(old([{ t: ago(6 * 60_000), receivedAt: ago(6 * 60_000), energyWh: 10, transactionId: 1 }])).toBe(true);
  });

  it("is judged on the bench's clock: received just now with a 1970 timestamp is not old; received 2 h ago is, whatever the charger's clock says", () => {
    expect(old([{ t: Date.UTC(1970, 0, 1), receivedAt: ago(1_000), energyWh: 10, transactionId: 1 }])).toBe(false);
    expect(old([{ t: ago(1_000), receivedAt: ago(2 * 3600_000), energyWh: 10, transactionId: 1 }])).toBe(true);
    // Not known when it came: not old on the charger's clock alone.
    expect(old([{ t: ago(2 * 3600_000), energyWh: 10, transactionId: 1 }])).toBe(false);
  });
});
