// @vitest-environment jsdom
// A remote stop the charger answers Rejected is said as the plain fact (it refused to stop transaction 1)
// with the causes that fit the bench's record. While the record has transaction 1 running on CP001's
// connector 1 (the page shows it charging), the words never claim the charger has no such transaction:
// from the connector card's Stop session…, a transaction row's Stop…, and the Remote stop panel alike. Only
// when the record does not have it running there (another id) does "already ended, or on another charger" lead.
import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { benchPerTest, fakeClient, withBench } from './fake-client';
import { aCharger, aConnector, aTransaction, completed } from './builders';
import { ConnectorActions, StopTransactionButton } from '../../src/renderer/src/features/operations/QuickActions';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';

const charging = () => ({
  chargers: { CP001: aCharger('CP001', { connected: true, connectors: [aConnector(0), aConnector(1, { status: 'Charging' })] }) },
  activeTransactions: { 1: aTransaction(1, 'CP001', 1, 'TAG-ALICE') },
});
const live = benchPerTest(charging);

const rejecting = () =>
  fakeClient({
    'chargers:operate': () => completed({ status: 'Rejected' }),
    'chargers:meterValues': () => [],
    'operations:list': () => [],
    'settings:get': () => ({ heartbeatInterval: 300 }) as never,
  });

const RUNNING_WORDS =
  "The charger refused to stop transaction 1. The bench's record has transaction 1 running on connector 1; a charger may refuse a remote stop it does not allow (a local-only stop policy, a fault), or it may not know this id.";

/** The rejected answer's alert, once shown. */
async function rejectedAlert(): Promise<string> {
  const title = await screen.findByText('RemoteStopTransaction: Rejected');
  return title.closest('[role="status"]')?.textContent ?? '';
}

/** Stop session… on connector 1 of CP001 (transaction 1 charging), confirmed, and rejected by the charger. */
async function refusedFromCard() {
  const user = userEvent.setup();
  const client = rejecting();
  live(client, charging());
  render(withBench(client, <ConnectorActions chargerId="CP001" connectorId={1} />));
  await user.click(screen.getByRole('button', { name: 'Stop session…' }));
  await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Stop transaction 1 on connector 1 of CP001' }));
  return client;
}

describe('a remote stop the charger rejects, while the record has the transaction running there', () => {
  it("from the connector card's Stop session… says the record has it running, not that the charger has no such transaction", async () => {
    const client = await refusedFromCard();
    const text = await rejectedAlert();
    expect(text).toContain(RUNNING_WORDS);
    expect(text).not.toMatch(/no running transaction|already ended/);
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'RemoteStopTransaction', payload: { transactionId: 1 } }]);
  });

  it("from a transaction row's Stop… says the same", async () => {
    const user = userEvent.setup();
    const client = rejecting();
    live(client, charging());
    render(withBench(client, <StopTransactionButton transaction={{ transactionId: 1, chargerId: 'CP001', connectorId: 1, idTag: 'TAG-ALICE', active: true }} />));
    await user.click(screen.getByRole('button', { name: 'Stop…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Stop transaction 1 on connector 1 of CP001' }));
    const text = await rejectedAlert();
    expect(text).toContain(RUNNING_WORDS);
    expect(text).not.toMatch(/no running transaction|already ended/);
  });

  it('from the Remote stop panel says the same', async () => {
    const user = userEvent.setup();
    const client = rejecting();
    live(client, charging());
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="RemoteStopTransaction" />));
    await user.click(screen.getByRole('button', { name: 'Stop transaction…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Stop transaction 1 on connector 1 of CP001' }));
    const text = await rejectedAlert();
    expect(text).toContain(RUNNING_WORDS);
    expect(text).not.toMatch(/no running transaction|already ended/);
  });
});

describe('a remote stop the charger rejects, of an id the record does not have running there', () => {
  it('leads with "already ended, or started on another charger"', async () => {
    const user = userEvent.setup();
    const client = rejecting();
    live(client, charging());
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="RemoteStopTransaction" />));
    await user.click(screen.getByRole('combobox', { name: /^Transaction/ }));
    await user.click(screen.getByRole('option', { name: 'Another transaction id…' }));
    await user.type(screen.getByRole('textbox', { name: /Transaction id/ }), '42');
    await user.click(screen.getByRole('button', { name: 'Stop transaction…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Send RemoteStopTransaction 42 to CP001' }));
    const text = await rejectedAlert();
    expect(text).toContain(
      "The charger refused to stop transaction 42. The bench's record has no transaction 42 running on CP001 (already ended, or started on another charger): the charger likely has no such transaction;",
    );
    expect(text).not.toContain('running on connector');
  });
});

describe('a remote stop refusal, once shown, while the record moves on', () => {
  it('keeps the words it came with when the transaction then closes in the record (stopped at the charger)', async () => {
    const client = await refusedFromCard();
    expect(await rejectedAlert()).toContain(RUNNING_WORDS);
    const at = new Date().toISOString();
    act(() => client.emit([{ type: 'transactionStopped', transaction: aTransaction(1, 'CP001', 1, 'TAG-ALICE', { stopTime: at, meterStop: 2000, active: false }), ts: at }]));
    const text = await rejectedAlert();
    expect(text).toContain(RUNNING_WORDS);
    expect(text).not.toMatch(/has no transaction 1 running|already ended/);
  });
});
