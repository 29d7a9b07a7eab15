// @vitest-environment jsdom
// A confirmation that lists what runs on a charger gives each session's energy so far with the time of
// the reading it comes from, so a live figure and one from hours ago never look alike: a reading older
// than twice the charger's usual interval between readings (5 minutes while that is not known) is
// marked old.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { readingIsOld, runningTransactions } from '../../src/renderer/src/components/running';
import { formatClock } from '../../src/renderer/src/components/format';
import type { MeterSample } from '../../src/shared/api/meter';
import { fakeClient, withBench } from './fake-client';
import { aCharger, aConnector, aMeterValue, aTransaction, minutesAgo } from './builders';

const ago = (ms: number) => Date.now() - ms;

function setUp(meter: MeterSample[]) {
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
    setUp([{ t: at, energyWh: 5210, transactionId: 17 }]);
    const cell = await energyCell();
    expect(cell.textContent).toMatch(/^4\.21 kWh/);
    expect(within(cell).getByText(`at ${formatClock(at)} (under a minute ago)`)).toBeTruthy();
    expect(cell.textContent).not.toMatch(/old/);
  });

  it('marks a reading from two hours ago as old', async () => {
    const at = ago(2 * 3600_000);
    setUp([{ t: at, energyWh: 5210, transactionId: 17 }]);
    const cell = await energyCell();
    expect(cell.textContent).toMatch(/^4\.21 kWh/);
    expect(within(cell).getByText(`old reading, at ${formatClock(at)} (2 h ago)`)).toBeTruthy();
  });

  it('gives the time of a reading read from the record, and marks it old when it is', async () => {
    const timestamp = new Date(ago(3 * 3600_000)).toISOString();
    const cell = await energyCell({
      'transactions:recentMeterValues': ({ transactionIds }) =>
        transactionIds.map((transactionId) => ({ transactionId, meterValues: [aMeterValue({ transactionId, connectorId: 1, timestamp, value: '3500' })] })),
    });
    expect(await within(cell).findByText(`old reading, at ${formatClock(timestamp)} (3 h ago)`)).toBeTruthy();
    expect(cell.textContent).toMatch(/^2\.50 kWh/);
  });
});

describe('how old a reading may be', () => {
  const tx = { 1: aTransaction(1, 'CP001', 1, 'TAG', { meterStart: 0, startTime: minutesAgo(300) }) };
  const every = (stepMs: number, lastAgoMs: number): MeterSample[] => Array.from({ length: 5 }, (_, i) => ({ t: ago(lastAgoMs + (4 - i) * stepMs), energyWh: 100 * i, transactionId: 1 }));
  const old = (samples: MeterSample[]) => readingIsOld(runningTransactions(tx, { 'CP001/1': samples }, 'CP001')[0], Date.now());

  it('is twice the usual time between the charger’s readings, at least a minute', () => {
    // Every 10 minutes, the last 12 minutes ago: not yet due.
    expect(old(every(600_000, 12 * 60_000))).toBe(false);
    expect(old(every(600_000, 21 * 60_000))).toBe(true);
    // Every 10 seconds, nothing for 3 minutes: old.
    expect(old(every(10_000, 3 * 60_000))).toBe(true);
    expect(old(every(10_000, 30_000))).toBe(false);
  });

  it('is 5 minutes while the usual time is not known (one reading)', () => {
    expect(old([{ t: ago(4 * 60_000), energyWh: 10, transactionId: 1 }])).toBe(false);
    expect(old([{ t: ago(6 * 60_000), energyWh: 10, transactionId: 1 }])).toBe(true);
  });
});
