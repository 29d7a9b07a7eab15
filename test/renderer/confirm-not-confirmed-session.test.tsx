// @vitest-environment jsdom
// A session the record holds open that its charger no longer confirms (it booted since the session started,
// and its connector has said Available since, or a stray StopTransaction came: shared/api/session-state's
// "Not confirmed") is not what a confirmation ends while its connector says Available since the boot: the
// Reset confirmation names only the session truly running as what it ends, counts only that one, and marks
// the other "Not confirmed" in the Transactions list's words. One whose connector still reports Charging may
// still run: it is counted, and marked as not confirmed, may still be running.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { formatClockAgo, formatWhen } from '../../src/renderer/src/components/format';
import type { ChargerEventView, ConnectorView } from '../../src/shared/api/views';
import { fakeClient, withBench } from './fake-client';
import { aCharger, aConnector, aStrayStopEvent, aTransaction, minutesAgo } from './builders';

const bootAt = minutesAgo(5);
const availableAt = minutesAgo(4);
const stopAt = minutesAgo(3);

/** CP001, booted 5 minutes ago: session 41 (connector 1, started before the boot) as `connector1` says, session 43 charging on connector 3 since the boot. */
function setUp(connector1: ConnectorView) {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: {
      CP001: aCharger('CP001', { lastBoot: bootAt, connectors: [aConnector(0), connector1, aConnector(3, { status: 'Charging', updatedAt: minutesAgo(4.5) })] }),
    },
    activeTransactions: {
      41: aTransaction(41, 'CP001', 1, 'TAG-ALICE', { receivedAt: minutesAgo(10) }),
      43: aTransaction(43, 'CP001', 3, 'TAG-CAROL', { startTime: minutesAgo(2), receivedAt: minutesAgo(2) }),
    },
    meter: {},
  });
}
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const strayStop = aStrayStopEvent('CP001', 1003, stopAt);

const client = (events: ChargerEventView[] = []) =>
  fakeClient({ 'chargers:meterValues': () => [], 'transactions:recentMeterValues': () => [], 'chargerEvents:list': () => events, 'operations:list': () => [] });

async function openSoftReset(events?: ChargerEventView[]) {
  const user = userEvent.setup();
  render(withBench(client(events), <OperationsPanel chargerId="CP001" initial="Reset" />));
  await user.click(await screen.findByRole('button', { name: 'Soft reset…' }));
  return within(await screen.findByRole('dialog'));
}

describe('the Reset confirmation with a session its charger no longer confirms', () => {
  it('Available since the boot: names only the session running as what it ends, and says the other is not confirmed', async () => {
    setUp(aConnector(1, { status: 'Available', updatedAt: availableAt }));
    const dialog = await openSoftReset();
    expect(screen.getByTestId('reset-running').textContent).toBe('1 transaction running on CP001 now.');
    expect(dialog.getByText(/^1 running transaction ends \(StopTransaction reason SoftReset\)/)).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Soft reset CP001 and end 1 transaction' })).toBeTruthy();
    // Listed apart, under its own heading: not among what runs.
    const table = dialog.getByRole('table', { name: 'Not confirmed transactions' });
    expect(within(dialog.getByRole('table', { name: 'Running transactions' })).queryByText('TAG-ALICE')).toBeNull();
    expect(
      within(table).getByText(
        `Not confirmed: CP001 has booted since this session started and connector 1 has reported Available since ${formatClockAgo(availableAt)}, yet no StopTransaction came: the charger has most likely lost this session.`,
      ),
    ).toBeTruthy();
    expect(within(table).queryByText(/connector 3 has reported/)).toBeNull();
  });

  it('a stray StopTransaction while its connector reports Charging since the boot: counted as what it may end, said to be not confirmed', async () => {
    setUp(aConnector(1, { status: 'Charging', updatedAt: minutesAgo(4.5) }));
    const dialog = await openSoftReset([strayStop]);
    const table = dialog.getByRole('table', { name: 'Running transactions' });
    await waitFor(() =>
      expect(
        within(table).getByText(
          `Not confirmed, may still be running: connector 1 reports Charging, but CP001 has booted since this session started and no StopTransaction with its transactionId came, but a StopTransaction for unknown transaction 1003 came at ${formatWhen(stopAt)} on this charger while the bench's session #41 was open there: not applied to #41 (the charger may have meant to end it). The charger may no longer run this session.`,
        ),
      ).toBeTruthy(),
    );
    expect(dialog.getByText(/^2 running transactions end \(StopTransaction reason SoftReset\)/)).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Soft reset CP001 and end 2 transactions' })).toBeTruthy();
    expect(screen.getByTestId('reset-running').textContent).toBe('2 transactions running on CP001 now.');
  });
});
