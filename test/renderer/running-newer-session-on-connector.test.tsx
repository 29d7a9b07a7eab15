// @vitest-environment jsdom
// Two sessions the record holds open on one connector: the charger restarted and started a new one (19)
// while the older one's StopTransaction (10) never came. A connector holds one session at a time, so only
// the newest (the highest transactionId: the bench gives ids in the order starts arrive) can be running: the
// charger page's card and its Stop confirmation name 19, and the Remote stop panel and Send to selected…
// count only 19 as running, saying why 10 is not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerOverview } from '../../src/renderer/src/features/chargers/ChargerOverview';
import { ConnectorActions } from '../../src/renderer/src/features/operations/QuickActions';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { runningTransactions, sessionOnConnector, supersededSessions } from '../../src/renderer/src/components/running';
import { formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient, stubResizeObserver, withBench } from './fake-client';
import { aTransaction, minutesAgo } from './builders';
import { newerAt, supersededOnConnector1 } from './running-fixture';
import { reviewReset } from './multi-send-review';

stubResizeObserver();

beforeEach(supersededOnConnector1);
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const client = () => fakeClient({ 'chargers:meterValues': () => [], 'transactions:recentMeterValues': () => [], 'chargerEvents:list': () => [], 'operations:list': () => [] });

const why = () => `record says open; a newer session (transaction 19) started on connector 1 at ${formatWhen(newerAt)}`;

describe('two sessions the record holds open on one connector', () => {
  it('the rule: only the newest is running, the older says which one started after it and when', () => {
    const [ten, nineteen] = runningTransactions(useBench.getState().activeTransactions, {}, 'CP001');
    expect(nineteen).toMatchObject({ transactionId: 19, supersededBy: null });
    expect(ten).toMatchObject({ transactionId: 10, supersededBy: { transactionId: 19, receivedAt: newerAt } });
    // Newest by transactionId: the bench gives ids in the order it receives the starts, while its wall clock
    // may step back (NTP) between two starts, so #19 is the newer even with an earlier receivedAt than #10.
    const earlier = minutesAgo(60);
    const stepped = { 10: aTransaction(10, 'CP001', 1, 'A', { receivedAt: minutesAgo(2) }), 19: aTransaction(19, 'CP001', 1, 'B', { receivedAt: earlier }) };
    expect(sessionOnConnector(stepped, 'CP001', 1)?.transactionId).toBe(19);
    expect(supersededSessions(Object.values(stepped))).toEqual(new Map([[10, { transactionId: 19, receivedAt: earlier }]]));
  });

  it("the charger page's card shows the newest session, and its Stop names it", async () => {
    const user = userEvent.setup();
    render(withBench(client(), <ChargerOverview charger={useBench.getState().chargers.CP001!} ConnectorActions={ConnectorActions} />));
    const card = within(screen.getByRole('region', { name: 'Connector 1' }));
    expect(card.getByRole('link', { name: '#19' })).toBeTruthy();
    // The session shown is 19; 10 is only named below it as also open in the record (not running).
    expect(card.getByText(/^Charging session/).textContent).toBe('Charging session #19');
    await user.click(card.getByRole('button', { name: 'Stop session…' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Stop this session?' }));
    expect(dialog.getByRole('button', { name: 'Stop transaction 19 on connector 1 of CP001' })).toBeTruthy();
    expect(dialog.getByText('Charging for TAG-NEW stops: the charger ends transaction 19 with reason Remote.')).toBeTruthy();
    expect(dialog.getByRole('table', { name: 'Running transactions' }).textContent).not.toContain('TAG-OLD');
  });

  it('the Remote stop panel offers the older one marked as not running, and says why when it is picked', async () => {
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="RemoteStopTransaction" />));
    await user.click(screen.getByRole('combobox', { name: 'Transaction' }));
    expect(screen.getByRole('option', { name: /^10 · connector 1 · TAG-OLD/ }).textContent).toBe(`10 · connector 1 · TAG-OLD · not running: ${why()}`);
    expect(screen.getByRole('option', { name: /^19 · connector 1 · TAG-NEW/ }).textContent).not.toContain('not running');
    await user.click(screen.getByRole('option', { name: /^10 · connector 1 · TAG-OLD/ }));
    // Not running: Close it in the record… is offered; the remote stop only as sending it anyway (remote-stop-not-running).
    await user.click(screen.getByRole('button', { name: 'Send RemoteStopTransaction anyway…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText(
        `The record holds transaction 10 open, but a newer session (transaction 19) started on connector 1 at ${formatWhen(newerAt)}: the charger should answer Rejected if no such session runs there.`,
      ),
    ).toBeTruthy();
    expect(dialog.queryByText(/Charging for TAG-OLD stops/)).toBeNull();
  });

  it('Send to selected…: a reset review lists the older one marked and counts only the newest as running', async () => {
    useBench.setState((s) => ({ chargers: { CP001: { ...s.chargers.CP001!, connected: true } } }));
    const table = await reviewReset(client(), ['CP001']);
    expect(table.textContent).toContain(`Transaction 10 · connector 1 · TAG-OLD · not running: ${why()}`);
    expect(table.textContent).toContain('Transaction 19 · connector 1 · TAG-NEW');
    expect(table.textContent).not.toContain('TAG-NEW · not running');
    expect(screen.getByRole('button', { name: /end 1 transaction\b/ })).toBeTruthy();
  });
});
