// @vitest-environment jsdom
// An idle connector's register is the newest the bench knows: a StopTransaction's meterStop that came after
// the last meter reading (a charger sends none after the stop) is shown, with its time, not the older reading.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { fakeClient, withBench } from './fake-client';
import { chargerScreenHooks, chargerScreens, goLive } from './charger-page-harness';
import { aCharger, aConnector, aTransaction, meterRows, minutesAgo } from './builders';
import { useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import type { MeterValueView, TransactionView } from '../../src/shared/api/views';

chargerScreenHooks();

/** CP001's page (connectors 0 and 1): `stopped` its last ended session, `readings` connector 1's meter rows. */
function showCharger(stopped: TransactionView, readings: MeterValueView[]) {
  const client = fakeClient({
    'chargers:meterValues': ({ connectorId }) => (connectorId === 1 ? readings : []),
    'chargers:list': () => Object.values(useBench.getState().chargers),
    'transactions:list': ({ active }) => (active === false ? [stopped] : []),
  });
  goLive(client, { chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1)] }) }, activeTransactions: {} });
  render(withBench(client, chargerScreens, '/chargers/CP001'));
}

describe('the register of an idle connector', () => {
  it('is the later StopTransaction’s meterStop, at its time', async () => {
    const readingAt = minutesAgo(12);
    const stopAt = minutesAgo(5);
    showCharger(aTransaction(5, 'CP001', 1, 'USER-9', { meterStart: 100, meterStop: 434, stopTime: stopAt, active: false }), meterRows('CP001', 1, readingAt, 368, 7000, 5));
    await waitFor(() => expect(screen.getByTestId('meter-latest-1').textContent).toBe('No session running · register 434 Wh'));
    expect(screen.getByTestId('meter-latest-1').parentElement?.textContent).toContain(`at ${formatClock(Date.parse(stopAt))}`);
  });

  it('is the meter reading when it is newer than the last stop', async () => {
    showCharger(aTransaction(4, 'CP001', 1, 'USER-9', { meterStart: 100, meterStop: 300, stopTime: minutesAgo(30), active: false }), meterRows('CP001', 1, minutesAgo(12), 368, 7000, null));
    await waitFor(() => expect(screen.getByTestId('meter-latest-1').textContent).toBe('No session running · register 368 Wh'));
  });
});
