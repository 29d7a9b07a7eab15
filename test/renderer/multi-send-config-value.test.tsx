// @vitest-environment jsdom
// "Send to selected…" checks a value typed for a standard configuration key against the key's type, as the
// configuration table's inline edit does: the field says what the key takes, a value it cannot take is said
// under the field (naming the key, and where a bad value on purpose is sent from) and nothing is sent; a
// value that fits goes to every charger, without the spaces around a number.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { aCharger, completed } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001'), CP002: aCharger('CP002') } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

function open() {
  const client = fakeClient({ 'tests:list': () => [], 'commissioning:list': () => [], 'chargers:operate': () => completed({ status: 'Accepted' }) });
  render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002']} open onClose={() => undefined} />));
  return { client, user: userEvent.setup() };
}

const sends = (client: ReturnType<typeof open>['client']) => client.callsOf('chargers:operate').filter((c) => c.action === 'ChangeConfiguration');
const valueField = () => screen.getByRole('textbox', { name: 'Value' });
const send = () => screen.getByRole('button', { name: 'Set MeterValueSampleInterval on 2 chargers' });

describe('a configuration value sent to several chargers', () => {
  it('says under the value what a standard key takes', async () => {
    const { user } = open();
    await user.type(screen.getByRole('textbox', { name: 'Key' }), 'MeterValueSampleInterval');
    expect(screen.getByText('MeterValueSampleInterval is a whole number of seconds (0 or more)')).toBeTruthy();
  });

  it('does not send a value the key cannot take, and says why and where to send it anyway', async () => {
    const { client, user } = open();
    await user.type(screen.getByRole('textbox', { name: 'Key' }), 'MeterValueSampleInterval');
    await user.type(valueField(), '-5');
    const said = /MeterValueSampleInterval is a whole number of seconds \(0 or more\)\. Not sent: .*Set any key/;
    // Said as it is typed, before any click.
    expect(screen.getByText(said)).toBeTruthy();
    expect(valueField().getAttribute('aria-invalid')).toBe('true');
    await user.click(send());
    expect(screen.getByText(said)).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Results per charger' })).toBeNull();
    expect(sends(client)).toEqual([]);
  });

  it('does not send a boolean key a yes, nor a list key a measurand that does not exist', async () => {
    const { client, user } = open();
    const key = screen.getByRole('textbox', { name: 'Key' });
    await user.type(key, 'LocalPreAuthorize');
    await user.type(valueField(), 'yes');
    await user.click(screen.getByRole('button', { name: 'Set LocalPreAuthorize on 2 chargers' }));
    expect(screen.getByText(/LocalPreAuthorize is true or false\. Not sent/)).toBeTruthy();
    await user.clear(key);
    await user.type(key, 'MeterValuesSampledData');
    await user.clear(valueField());
    await user.type(valueField(), 'Energy.Wrong');
    await user.click(screen.getByRole('button', { name: 'Set MeterValuesSampledData on 2 chargers' }));
    expect(screen.getByText(/Energy\.Wrong is not one\. Not sent/)).toBeTruthy();
    expect(sends(client)).toEqual([]);
  });

  it('sends a value that fits to every charger, without the spaces around the number', async () => {
    const { client, user } = open();
    await user.type(screen.getByRole('textbox', { name: 'Key' }), 'MeterValueSampleInterval');
    await user.type(valueField(), ' 60 ');
    expect(valueField().getAttribute('aria-invalid')).toBe('false');
    await user.click(send());
    await waitFor(() => expect(sends(client)).toHaveLength(2));
    expect(sends(client).map((c) => [c.chargerId, c.payload])).toEqual([
      ['CP001', { key: 'MeterValueSampleInterval', value: '60' }],
      ['CP002', { key: 'MeterValueSampleInterval', value: '60' }],
    ]);
  });

  it('sends any value of a key the bench does not know', async () => {
    const { client, user } = open();
    await user.type(screen.getByRole('textbox', { name: 'Key' }), 'VendorThing');
    await user.type(valueField(), 'abc');
    await user.click(screen.getByRole('button', { name: 'Set VendorThing on 2 chargers' }));
    await waitFor(() => expect(sends(client)).toHaveLength(2));
    expect(sends(client)[0]!.payload).toEqual({ key: 'VendorThing', value: 'abc' });
  });
});
