// @vitest-environment jsdom
// A charger's page reads its stopped sessions (for each idle connector's register) once for all its
// connectors, and again only when one of its own sessions starts or stops: a busy fleet's sessions
// elsewhere do not make every open charger page read them again.
import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { fakeClient, withBench } from './fake-client';
import { chargerScreenHooks, chargerScreens, goLive } from './charger-page-harness';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { useBench } from '../../src/renderer/src/stores/bench';

chargerScreenHooks();

/** CP001's page with connectors 1 and 2, each with a stopped session; CP002 elsewhere on the bench. */
function showCharger() {
  const client = fakeClient({
    'chargers:meterValues': () => [],
    'chargers:list': () => Object.values(useBench.getState().chargers),
    'transactions:list': ({ active }) =>
      active === false
        ? [
            aTransaction(5, 'CP001', 1, 'USER-9', { meterStart: 100, meterStop: 434, stopTime: minutesAgo(5), active: false }),
            aTransaction(6, 'CP001', 2, 'USER-9', { meterStart: 100, meterStop: 777, stopTime: minutesAgo(4), active: false }),
          ]
        : [],
  });
  const chargers = {
    CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1), aConnector(2)] }),
    CP002: aCharger('CP002', { connectors: [aConnector(0), aConnector(1)] }),
  };
  goLive(client, { chargers, activeTransactions: {} });
  render(withBench(client, chargerScreens, '/chargers/CP001'));
  const stoppedReads = () => client.callsOf('transactions:list').filter((a) => a.active === false);
  return { client, stoppedReads };
}

describe('the stopped sessions of a charger’s page', () => {
  it('are read once for all its connectors, each card its own register', async () => {
    const { stoppedReads } = showCharger();
    await waitFor(() => expect(screen.getByTestId('meter-latest-1').textContent).toBe('No session running · register 434 Wh'));
    expect(screen.getByTestId('meter-latest-2').textContent).toBe('No session running · register 777 Wh');
    expect(stoppedReads()).toEqual([{ chargerId: 'CP001', active: false, limit: 50 }]);
  });

  it('are not read again for a session on another charger, and are for one of its own', async () => {
    const { client, stoppedReads } = showCharger();
    await waitFor(() => expect(screen.getByTestId('meter-latest-2').textContent).toBe('No session running · register 777 Wh'));
    const before = stoppedReads().length;
    const at = new Date().toISOString();
    act(() => client.emit([{ type: 'transactionStarted', transaction: aTransaction(40, 'CP002', 1, 'TAG-BOB', { startTime: at }), ts: at }]));
    act(() => client.emit([{ type: 'transactionStopped', transaction: aTransaction(40, 'CP002', 1, 'TAG-BOB', { startTime: at, stopTime: at, meterStop: 2000, active: false }), ts: at }]));
    expect(stoppedReads()).toHaveLength(before);
    act(() => client.emit([{ type: 'transactionStarted', transaction: aTransaction(41, 'CP001', 1, 'TAG-BOB', { startTime: at }), ts: at }]));
    await waitFor(() => expect(stoppedReads()).toHaveLength(before + 1));
  });
});
