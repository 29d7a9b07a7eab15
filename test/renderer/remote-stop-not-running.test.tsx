// @vitest-environment jsdom
// Remote stop of a session the record holds open that is not running: a newer session (19) started on its
// connector and charges there, or its connector reported Available since it started (a StopTransaction sent
// with a wrong transactionId). The panel says so under the picker, why, and what does run on the charger;
// *Close it in the record…* is the main action; sending RemoteStopTransaction anyway stays possible, and its
// confirmation lists what really runs on the connector, never "Nothing is charging here" while one charges.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient, stubResizeObserver, withBench } from './fake-client';
import { aConnector, completed, minutesAgo } from './builders';
import { newerAt, supersededOnConnector1, threeOpenSessions } from './running-fixture';

stubResizeObserver();

afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const client = () =>
  fakeClient({
    'chargers:meterValues': () => [],
    'transactions:recentMeterValues': () => [],
    'chargerEvents:list': () => [],
    'operations:list': () => [],
    'chargers:operate': () => completed({ status: 'Rejected' }),
    'transactions:close': ({ transactionId }) => ({ ...useBench.getState().activeTransactions[transactionId]!, active: false, stopTime: new Date().toISOString(), stopReason: 'Other' }),
  });

async function pick(option: RegExp) {
  const user = userEvent.setup();
  const c = client();
  render(withBench(c, <OperationsPanel chargerId="CP001" initial="RemoteStopTransaction" />));
  await user.click(screen.getByRole('combobox', { name: 'Transaction' }));
  await user.click(screen.getByRole('option', { name: option }));
  return { user, c };
}

describe('Remote stop of a session supersededOnConnector1 by a newer one on its connector', () => {
  it('says under the picker it is not running, why, and what runs on the charger', async () => {
    supersededOnConnector1();
    await pick(/^10 · connector 1 · TAG-OLD/);
    expect(
      screen.getByText(
        `Not running: a newer session (transaction 19) started on connector 1 at ${formatWhen(newerAt)}: the charger would refuse to stop it. Running on CP001: transaction 19 on connector 1 (TAG-NEW).`,
      ),
    ).toBeTruthy();
  });

  it('offers Close it in the record… as the main action, which closes it without sending anything to the charger', async () => {
    supersededOnConnector1();
    const { user, c } = await pick(/^10 · connector 1 · TAG-OLD/);
    expect(screen.queryByRole('button', { name: 'Stop transaction…' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close it in the record…' }));
    const ask = within(await screen.findByRole('dialog', { name: 'Close session #10 in the record?' }));
    await user.click(ask.getByRole('button', { name: 'Close session #10 in the record' }));
    await waitFor(() => expect(c.callsOf('transactions:close')).toEqual([{ transactionId: 10 }]));
    expect(c.callsOf('chargers:operate')).toEqual([]);
  });

  it('sending RemoteStopTransaction anyway: its confirmation lists session 19 as running there, never "Nothing is charging here"', async () => {
    supersededOnConnector1();
    const { user, c } = await pick(/^10 · connector 1 · TAG-OLD/);
    await user.click(screen.getByRole('button', { name: 'Send RemoteStopTransaction anyway…' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Send RemoteStopTransaction anyway?' }));
    expect(dialog.queryByText(/Nothing is charging here/)).toBeNull();
    const runningTable = dialog.getByRole('table', { name: 'Running transactions' });
    expect(runningTable.textContent).toContain('TAG-NEW');
    expect(runningTable.textContent).not.toContain('TAG-OLD');
    expect(dialog.getByRole('table', { name: 'Not running transactions' }).textContent).toContain('TAG-OLD');
    // It does not promise to stop anything: it sends the request, to see how the charger answers.
    expect(dialog.queryByRole('button', { name: /^Stop transaction 10/ })).toBeNull();
    await user.click(dialog.getByRole('button', { name: 'Send RemoteStopTransaction 10 to CP001 anyway' }));
    await waitFor(() => expect(c.callsOf('chargers:operate')).toMatchObject([{ action: 'RemoteStopTransaction', payload: { transactionId: 10 } }]));
  });
});

describe('Remote stop of a session whose connector reported Available since it started (a stop sent with a wrong id)', () => {
  it('says it is not running, names the session charging elsewhere on the charger, offers Close, and the anyway confirmation lists nothing false', async () => {
    threeOpenSessions([
      aConnector(1, { status: 'Available', updatedAt: minutesAgo(2) }),
      aConnector(2, { status: 'Available', updatedAt: minutesAgo(1) }),
      aConnector(3, { status: 'Charging', updatedAt: minutesAgo(9) }),
    ]);
    const { user } = await pick(/^41 · connector 1 · TAG-ALICE/);
    expect(
      screen.getByText('Not running: connector 1 reports Available since it started: the charger would refuse to stop it. Running on CP001: transaction 43 on connector 3 (TAG-CAROL).'),
    ).toBeTruthy();
    expect(screen.queryByText('Nothing is running on this charger')).toBeNull();
    expect(screen.getByRole('button', { name: 'Close it in the record…' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send RemoteStopTransaction anyway…' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Send RemoteStopTransaction anyway?' }));
    // Connector 1 (the target): nothing charges there, 41 listed apart as not running.
    expect(dialog.getByRole('table', { name: 'Not running transactions' }).textContent).toContain('TAG-ALICE');
    expect(dialog.getByRole('button', { name: 'Send RemoteStopTransaction 41 to CP001 anyway' })).toBeTruthy();
  });
});

describe('Remote stop of an id the bench does not know', () => {
  it('its confirmation lists what runs on the charger, never "Nothing is charging here" while one charges', async () => {
    supersededOnConnector1();
    const { user } = await pick(/^Another transaction id/);
    await user.type(screen.getByRole('textbox', { name: /Transaction id/ }), '42');
    await user.click(screen.getByRole('button', { name: 'Stop transaction…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.queryByText(/Nothing is charging here/)).toBeNull();
    expect(dialog.getByRole('table', { name: 'Running transactions' }).textContent).toContain('TAG-NEW');
  });
});
