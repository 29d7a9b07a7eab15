// @vitest-environment jsdom
// A session its charger lost at a reboot, opened with no live reading since the screen connected (its
// readings only in the bench's record): the list and its page give the same duration, up to its last
// reading (as the README says), never the list up to the reboot and the page up to the reading.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { liveBench, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aMeterValue, aTransaction } from './builders';
import { freshBenchEachTest, transactionScreens as screens, transactionsClient } from './transaction-screens';

stubResizeObserver();

const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
// Started 30 min ago; its charger rebooted 5 min ago and says Available since; its last reading 20 min after its start.
const lost = aTransaction(21, 'GEN1', 1, 'T21', { startTime: ago(30), receivedAt: ago(30) });
const chargers = {
  GEN1: aCharger('GEN1', { firstSeen: ago(120), lastSeen: ago(1), lastHeartbeat: ago(1), lastBoot: ago(5), connectors: [aConnector(1, { status: 'Available', updatedAt: ago(4) })] }),
};
const reading = aMeterValue({ chargerId: 'GEN1', transactionId: 21, connectorId: 1, timestamp: ago(10), value: '2460' });

const held = freshBenchEachTest();

describe('a Not confirmed session whose readings are only in the record', () => {
  it('has the same duration in the list as on its page: up to its last reading', async () => {
    const client = transactionsClient([lost], {
      'transactions:recentMeterValues': ({ transactionIds }) => transactionIds.map((transactionId) => ({ transactionId, meterValues: [reading] })),
      'transactions:get': () => ({ ...lost, meterValues: [reading] }),
      'transactions:meterReadings': () => ({
        capped: false,
        shapes: { 1: ['Energy.Active.Import.Register', null, 'Wh', 'Sample.Periodic', null, 'Raw'] as never },
        readings: [[0, 1, Date.parse(reading.timestamp), [1, '2460'], 0]] as never,
      }),
    });
    held.stop = liveBench(client, { chargers, activeTransactions: { 21: lost } });
    const view = render(withBench(client, screens, '/transactions'));
    await screen.findByText('#21');
    const row = () => screen.getAllByRole('row').find((r) => r.textContent?.includes('#21'))!;
    await waitFor(() => expect(within(row()).getByText('Not confirmed')).toBeTruthy());
    await waitFor(() => expect(within(row()).getByText('≥ 20 min 00 s')).toBeTruthy());
    expect(row().textContent).not.toContain('25 min');
    view.unmount();

    render(withBench(client, screens, '/transactions/21'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    await waitFor(() => expect(summary.textContent).toContain('≥ 20 min 00 s up to its last reading'));
  });
});
