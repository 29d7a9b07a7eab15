// @vitest-environment jsdom
// A stack level the bench cannot check (the charger's ChargeProfileMaxStackLevel unread) is said under
// the stack level field itself, in the charging profile editor of Set charging profile and of remote
// start alike; a wrong value is said there in its place; the limit is read from there, and what that
// read found is said there too, without taking the place of the panel's own outcome.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, completed } from './builders';

let client: FakeClient;
let off: () => void = () => undefined;
beforeEach(() => {
  client = fakeClient();
  off = liveBench(client, { chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1)] }) } });
});
afterEach(() => {
  cleanup();
  off();
  useBench.setState(initialBenchState);
});

function open(initial: 'SetChargingProfile' | 'RemoteStartTransaction', operate: FakeClient['handlers']['chargers:operate'] = () => completed({ status: 'Accepted' })) {
  client.handlers = { 'operations:list': () => [], 'chargerEvents:list': () => [], 'chargers:meterValues': () => [], 'chargers:operate': operate };
  render(withBench(client, <OperationsPanel chargerId="CP001" initial={initial} />));
}
const unread = /^Higher wins over lower\. Sent unchecked: the charger's ChargeProfileMaxStackLevel has not been read$/;

describe('the stack level the bench cannot check', () => {
  it('is said as the stack level field’s description, and nowhere else on the panel', () => {
    open('SetChargingProfile');
    expect(screen.getByRole('textbox', { name: 'Stack level', description: unread })).toBeTruthy();
    expect(screen.getAllByText(/sent unchecked/i)).toHaveLength(1);
  });

  it('is said under the stack level of a remote start’s profile too', async () => {
    const user = userEvent.setup();
    open('RemoteStartTransaction');
    await user.click(screen.getByLabelText(/Attach a charging profile/));
    expect(screen.getByRole('textbox', { name: 'Stack level', description: unread })).toBeTruthy();
  });

  it('gives way to what is wrong with the value, which is not sent at all', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile');
    const field = screen.getByRole('textbox', { name: 'Stack level' });
    await user.clear(field);
    await user.type(field, 'x');
    await user.click(screen.getByRole('button', { name: /^Install profile 1/ }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(/sent unchecked/i)).toBeNull();
    expect(client.callsOf('chargers:operate')).toEqual([]);
  });

  it('is read from the field, says when the charger did not report it, and leaves the panel’s outcome alone', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile', (args) => (args.action === 'GetConfiguration' ? completed({ configurationKey: [], unknownKey: ['ChargeProfileMaxStackLevel'] }) : completed({ status: 'Accepted' })));
    await user.click(screen.getByRole('button', { name: /^Read it/ }));
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'GetConfiguration', payload: { key: ['ChargeProfileMaxStackLevel'] } }]);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Stack level', description: /Sent unchecked: the charger did not report its ChargeProfileMaxStackLevel$/ })).toBeTruthy());
    // The read is the field's: the panel says nothing was sent of its own.
    expect(screen.queryByText(/GetConfiguration/)).toBeNull();
  });
});
