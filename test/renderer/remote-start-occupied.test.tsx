// @vitest-environment jsdom
// Remote start on a connector already running a session: the form says before sending that the connector
// runs that transaction (idTag, since) and that a charger will most likely refuse; a Rejected answer names
// it rather than the generic "the connector may be occupied, …". A free connector gets neither.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aTransaction, completed } from './builders';
import { lastSeen, oneCharging, renderVcp2Panel, resetBenchAfterEach, vcp2Bench } from './offline-ops-fixtures';
import { formatWhen } from '../../src/renderer/src/components/format';

resetBenchAfterEach();

const tx = aTransaction(17, 'VCP2', 2, 'TAG-ALICE');
/** VCP2 with connector 2 charging transaction 17 of TAG-ALICE; its remote starts answered Rejected. */
const bench = (connected = true) => {
  vcp2Bench(connected, oneCharging(), { 17: tx });
  renderVcp2Panel('RemoteStartTransaction', { 'chargers:operate': () => completed({ status: 'Rejected' }) });
};

async function choose(user: ReturnType<typeof userEvent.setup>, connector: RegExp) {
  await user.click(screen.getByRole('combobox', { name: /Connector/ }));
  await user.click(screen.getByRole('option', { name: connector }));
}

const warning = () => screen.queryByTestId('remote-start-occupied')?.textContent ?? null;

describe('remote start on a connector running a session', () => {
  it('says before sending which transaction runs there, and a refusal names it', async () => {
    const user = userEvent.setup();
    bench();
    await choose(user, /^Connector 2/);
    expect(warning()).toBe(
      `Connector 2 runs transaction 17 (idTag TAG-ALICE, since ${formatWhen(tx.startTime)}): a charger will most likely refuse a remote start there. Stop it first (Remote stop), or choose another connector.`,
    );
    await user.type(screen.getByRole('textbox', { name: /idTag/ }), 'TAG-BOB');
    await user.click(screen.getByRole('button', { name: 'Start transaction' }));
    const said = (await screen.findByText('RemoteStartTransaction: Rejected')).closest('[role="status"]')!.textContent!;
    expect(said).toContain(
      `The charger refused to start: transaction 17 (idTag TAG-ALICE, since ${formatWhen(tx.startTime)}) was running on connector 2 when this was sent, and a connector runs one session at a time.`,
    );
    expect(said).not.toContain('the connector may be occupied');
  });

  it('a free connector: no warning, and a refusal keeps the generic words', async () => {
    const user = userEvent.setup();
    bench();
    await choose(user, /^Connector 1/);
    expect(warning()).toBeNull();
    await user.type(screen.getByRole('textbox', { name: /idTag/ }), 'TAG-BOB');
    await user.click(screen.getByRole('button', { name: 'Start transaction' }));
    const said = (await screen.findByText('RemoteStartTransaction: Rejected')).closest('[role="status"]')!.textContent!;
    expect(said).toContain('the connector may be occupied');
    expect(said).not.toContain('transaction 17');
  });

  it('while the charger is offline: said as the last known', async () => {
    const user = userEvent.setup();
    bench(false);
    await choose(user, /^Connector 2/);
    expect(warning()).toBe(
      `Last known (VCP2 is offline, last seen ${formatWhen(lastSeen)} (5 min ago)): connector 2 ran transaction 17 (idTag TAG-ALICE, since ${formatWhen(tx.startTime)}): a charger will most likely refuse a remote start there. Stop it first (Remote stop), or choose another connector.`,
    );
  });
});
