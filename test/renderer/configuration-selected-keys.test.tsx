// @vitest-environment jsdom
// "Selected keys" reads exactly the keys a person means: text typed or pasted as a list is one key per
// name (OCPP key names hold neither commas nor spaces), each once, so a required key is never reported
// "unknown" because it was sent glued to another; text typed without Enter is read all the same; and a key
// too long for GetConfiguration is marked on the field, in words, before anything is sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { aCharger, fakeClient, withBench, type FakeClient } from './fake-client';
import { completed } from './builders';

let client: FakeClient;
beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1, chargers: { CP001: aCharger('CP001') } }));
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

function panel() {
  client = fakeClient({ 'operations:list': () => [], 'chargers:operate': () => completed({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }) });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
}
const picker = () => screen.getByRole('combobox', { name: 'Selected keys' });
const getSelected = () => screen.getByRole('button', { name: 'Get selected keys' }) as HTMLButtonElement;
const keysSent = () => client.callsOf('chargers:operate').map((c) => (c.payload as { key?: string[] }).key);

describe('Selected keys', () => {
  it('splits a typed list at commas and spaces into one key each, each once, and sends them as separate keys', async () => {
    const user = userEvent.setup();
    panel();
    await user.type(picker(), 'HeartbeatInterval, NoSuchKey  heartbeatinterval,,MeterValueSampleInterval{Enter}');
    for (const key of ['HeartbeatInterval', 'NoSuchKey', 'MeterValueSampleInterval']) expect(screen.getByRole('button', { name: key })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /,/ })).toBeNull();
    await user.click(getSelected());
    await waitFor(() => expect(keysSent()).toEqual([['HeartbeatInterval', 'NoSuchKey', 'MeterValueSampleInterval']]));
  });

  it('reads a key typed without Enter: the button is not left greyed out, and the key is sent', async () => {
    const user = userEvent.setup();
    panel();
    expect(getSelected().disabled).toBe(true);
    await user.type(picker(), 'HeartbeatInterval');
    expect(getSelected().disabled).toBe(false);
    await user.click(getSelected());
    await waitFor(() => expect(keysSent()).toEqual([['HeartbeatInterval']]));
    // Made a chip: what was read stays in sight.
    expect(screen.getByRole('button', { name: 'HeartbeatInterval' })).toBeTruthy();
  });

  it('makes text typed without Enter a key when the field is left', async () => {
    const user = userEvent.setup();
    panel();
    await user.type(picker(), 'ConnectionTimeOut WebSocketPingInterval');
    await user.tab();
    expect(screen.getByRole('button', { name: 'ConnectionTimeOut' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'WebSocketPingInterval' })).toBeTruthy();
    expect((picker() as HTMLInputElement).value).toBe('');
  });

  it('marks a key of 51 characters on the field, in words, and sends nothing', async () => {
    const user = userEvent.setup();
    panel();
    const long = `K${'x'.repeat(50)}`;
    await user.type(picker(), `HeartbeatInterval ${long}{Enter}`);
    expect(screen.getByText(`A configuration key is at most 50 characters: ${long.slice(0, 24)}… has 51. Remove it or shorten it.`)).toBeTruthy();
    expect(picker().getAttribute('aria-invalid')).toBe('true');
    expect(getSelected().disabled).toBe(true);
    expect(client.callsOf('chargers:operate')).toEqual([]);
    // Removed: the rest is read.
    await user.click(screen.getByRole('button', { name: long }).querySelector('svg')!);
    expect(screen.queryByText(/A configuration key is at most 50 characters/)).toBeNull();
    await user.click(getSelected());
    await waitFor(() => expect(keysSent()).toEqual([['HeartbeatInterval']]));
  });
});
