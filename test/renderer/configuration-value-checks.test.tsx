// @vitest-environment jsdom
// A value typed in the configuration table for a standard OCPP 1.6 key that the key cannot take (a word for
// a number of seconds, a negative interval, yes for a boolean, a measurand that does not exist) is said
// under the field, naming the key and what it takes, and is not sent; Set any key still sends it as it is,
// for a test of how the charger answers a bad value.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { aCharger, fakeClient, liveBench, withBench } from './fake-client';
import { completed } from './builders';

let off: (() => void) | null = null;
afterEach(() => {
  off?.();
  off = null;
  cleanup();
  useBench.setState(initialBenchState);
});
beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1, chargers: { CP001: aCharger('CP001') } }));

function charger() {
  const client = fakeClient({
    'chargers:operate': (args) =>
      args.action === 'GetConfiguration'
        ? completed({
            configurationKey: [
              { key: 'HeartbeatInterval', readonly: false, value: '300' },
              { key: 'MeterValueSampleInterval', readonly: false, value: '60' },
              { key: 'LocalPreAuthorize', readonly: false, value: 'false' },
              { key: 'MeterValuesSampledData', readonly: false, value: 'Energy.Active.Import.Register' },
              { key: 'VendorThing', readonly: false, value: 'x' },
            ],
          })
        : completed({ status: 'Accepted' }),
  });
  off = liveBench(client, { chargers: { CP001: aCharger('CP001') } });
  return client;
}

const rowOf = (key: string) =>
  within(screen.getByRole('table', { name: 'Configuration keys' }))
    .getByText(key)
    .closest('tr') as HTMLElement;

async function open(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Get all keys' }));
  await screen.findByRole('table', { name: 'Configuration keys' });
}

async function edit(user: ReturnType<typeof userEvent.setup>, key: string, value: string) {
  await user.click(within(rowOf(key)).getByRole('button', { name: `Edit ${key}` }));
  const field = screen.getByRole('textbox', { name: `New value for ${key}` });
  await user.clear(field);
  await user.type(field, `${value}{Enter}`);
  return field;
}

const changes = (client: ReturnType<typeof charger>) => client.callsOf('chargers:operate').filter((c) => c.action === 'ChangeConfiguration');
const SET_ANY_KEY = 'Not sent: to send it as it is anyway (e.g. to see how the charger answers), use Set any key below.';

describe('a value edited inline in the configuration table', () => {
  it('that is not a whole number of seconds is said under the field and not sent; a good one then goes', async () => {
    const user = userEvent.setup();
    const client = charger();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await open(user);

    await edit(user, 'HeartbeatInterval', 'abc');
    expect(screen.getByText(`HeartbeatInterval is a whole number of seconds (0 or more). ${SET_ANY_KEY}`)).toBeTruthy();
    // Still editing, nothing queued.
    expect(screen.getByRole('textbox', { name: 'New value for HeartbeatInterval' })).toBeTruthy();
    expect(changes(client)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Cancel the edit' }));

    await edit(user, 'MeterValueSampleInterval', '-5');
    expect(screen.getByText(`MeterValueSampleInterval is a whole number of seconds (0 or more). ${SET_ANY_KEY}`)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send the new value of MeterValueSampleInterval' }));
    expect(changes(client)).toEqual([]);

    // Fixed: the message goes, and the value is sent.
    const field = screen.getByRole('textbox', { name: 'New value for MeterValueSampleInterval' });
    await user.clear(field);
    await user.type(field, '15');
    expect(screen.queryByText(/MeterValueSampleInterval is a whole number/)).toBeNull();
    await user.type(field, '{Enter}');
    await waitFor(() => expect(changes(client)).toEqual([{ chargerId: 'CP001', action: 'ChangeConfiguration', payload: { key: 'MeterValueSampleInterval', value: '15' } }]));
  });

  it('that is not true or false, or names a measurand that does not exist, is said and not sent; a key the bench does not know goes as typed', async () => {
    const user = userEvent.setup();
    const client = charger();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await open(user);

    await edit(user, 'LocalPreAuthorize', 'yes');
    expect(screen.getByText(`LocalPreAuthorize is true or false. ${SET_ANY_KEY}`)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel the edit' }));
    // OCPP 1.6 booleans are lower case: TRUE is not sent either.
    await edit(user, 'LocalPreAuthorize', 'TRUE');
    expect(screen.getByText(`LocalPreAuthorize is true or false: type true in lower case (OCPP 1.6 booleans are lower case). ${SET_ANY_KEY}`)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel the edit' }));

    await edit(user, 'MeterValuesSampledData', 'Energy.Active.Import.Register,Power.Active');
    expect(
      screen.getByText(`MeterValuesSampledData is a comma-separated list of measurands, e.g. Energy.Active.Import.Register,Power.Active.Import: Power.Active is not one. ${SET_ANY_KEY}`),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel the edit' }));
    expect(changes(client)).toEqual([]);

    await edit(user, 'VendorThing', 'anything at all');
    await waitFor(() => expect(changes(client)).toEqual([{ chargerId: 'CP001', action: 'ChangeConfiguration', payload: { key: 'VendorThing', value: 'anything at all' } }]));
  });
});

describe('Set any key', () => {
  it('sends a value its key cannot take as it is, saying what the key takes', async () => {
    const user = userEvent.setup();
    const client = charger();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await open(user);
    const form = within(screen.getByRole('form', { name: 'Set any key' }));
    await user.type(form.getByRole('combobox', { name: /^Key/ }), 'HeartbeatInterval');
    await user.type(form.getByRole('textbox', { name: /^Value/ }), 'abc');
    expect(form.getByText('HeartbeatInterval is a whole number of seconds (0 or more): sent as it is, to see how the charger answers.')).toBeTruthy();
    await user.click(form.getByRole('button', { name: 'Change key' }));
    await waitFor(() => expect(changes(client)).toEqual([{ chargerId: 'CP001', action: 'ChangeConfiguration', payload: { key: 'HeartbeatInterval', value: 'abc' } }]));
  });

  it('sends TRUE to a true/false key as it is', async () => {
    const user = userEvent.setup();
    const client = charger();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await open(user);
    const form = within(screen.getByRole('form', { name: 'Set any key' }));
    await user.type(form.getByRole('combobox', { name: /^Key/ }), 'LocalPreAuthorize');
    await user.type(form.getByRole('textbox', { name: /^Value/ }), 'TRUE');
    await user.click(form.getByRole('button', { name: 'Change key' }));
    await waitFor(() => expect(changes(client)).toEqual([{ chargerId: 'CP001', action: 'ChangeConfiguration', payload: { key: 'LocalPreAuthorize', value: 'TRUE' } }]));
  });
});
