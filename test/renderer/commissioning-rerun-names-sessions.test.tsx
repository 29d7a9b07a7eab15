// @vitest-environment jsdom
// The confirmation before a step of a commissioning runs again names each transaction the run will send
// RemoteStopTransaction for (its id, connector and idTag), in the singular or plural as many as it names; one
// the record holds open while its connector reports no session there is not running: the run leaves it as it
// is (the charger would refuse the stop), said so with why. An installer's review found "Run 'Card reader'
// again" silent about a dead transaction 2 the bench then asked to stop, and "The session running there now is
// ended" while it listed two.
import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useBench } from '../../src/renderer/src/stores/bench';
import { fakeClient } from './fake-client';
import { aConnector, aTransaction, minutesAgo } from './builders';
import { charger, open, result, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const steps = [{ id: 'C6_READER', title: 'Card reader', section: '6', result: result({ id: 'C6_READER', title: 'Card reader', verdict: 'inconclusive' }), attempts: 1 }];
/** Transaction 2 on connector 1, held open by the record while connector 1 reports Available since (the charger lost it). */
const dead = () => aTransaction(2, 'CP001', 1, 'COMMISSION-1', { receivedAt: minutesAgo(10), startTime: minutesAgo(10) });

async function confirmation(active: Record<number, ReturnType<typeof aTransaction>>, connector2: 'Available' | 'Charging') {
  act(() =>
    useBench.setState({
      chargers: {
        CP001: {
          ...charger('CP001'),
          lastSeen: new Date().toISOString(),
          connectors: [aConnector(1, { status: 'Available', updatedAt: minutesAgo(2) }), aConnector(2, { status: connector2, updatedAt: minutesAgo(9) })],
        },
      },
      activeTransactions: active,
    }),
  );
  const client = fakeClient({ 'commissioning:get': () => view({ steps }), 'commissioning:prompt': () => null, 'tests:list': () => [], 'transactions:recentMeterValues': () => [] });
  open(client, '/commissioning/c1?step=checks');
  const list = await screen.findByRole('list', { name: 'Steps of the plan' });
  const item = within(list).getByRole('listitem', { name: 'Card reader' });
  // An inconclusive step shows its Run at once; another opens first.
  const shown = within(item).queryByRole('button', { name: 'Run “Card reader” again' });
  if (!shown) await userEvent.click(within(item).getByRole('button', { expanded: false }));
  await userEvent.click(shown ?? (await within(item).findByRole('button', { name: 'Run “Card reader” again' })));
  return screen.findByRole('dialog', { name: 'Run “Card reader” again on CP001?' });
}

describe('the confirmation before a step runs again, with transactions the record holds open there', () => {
  it('says the one held open in the record only, not running, is left as it is (no RemoteStopTransaction the charger would refuse), with why', async () => {
    const dialog = await confirmation({ 2: dead() }, 'Available');
    const text = dialog.textContent ?? '';
    expect(text).toContain(
      'Transaction 2 on connector 1 (idTag COMMISSION-1): left as it is: not running (connector 1 reports Available since it started; a remote stop would be refused); close it in the record.',
    );
    expect(text).not.toContain('the bench ends');
  });

  it('names the one it ends, in the singular, beside the one not running it leaves as it is', async () => {
    const dialog = await confirmation({ 2: dead(), 9: aTransaction(9, 'CP001', 2, 'CUSTOMER-9', { startTime: minutesAgo(8) }) }, 'Charging');
    const text = dialog.textContent ?? '';
    expect(text).toContain(
      'Before the step, the bench ends the session the record holds open there (RemoteStopTransaction): transaction 9 on connector 2 (idTag CUSTOMER-9). Transaction 2 on connector 1 (idTag COMMISSION-1): left as it is: not running (connector 1 reports Available since it started; a remote stop would be refused); close it in the record.',
    );
    expect(text).not.toContain('The session running there now is');
  });
});
