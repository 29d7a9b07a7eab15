// @vitest-environment jsdom
// After a restart (or a page opened in a new browser) the Configuration keys panel has read nothing yet in
// this window: it shows the configuration as the bench's record last knew it (the charger's recent reads
// merged, then the changes it accepted), each key with when it was read or set, said and greyed as last
// known, without sending anything to the charger; a read then makes it live again.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import type { OperationView } from '../../src/shared/api/views';
import { aCharger, completed, minutesAgo } from './builders';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';

let off: () => void = () => undefined;
afterEach(() => {
  cleanup();
  off();
  useBench.setState(initialBenchState);
});

let nextId = 100;
function anOp(action: string, request: unknown, response: unknown, at: string, outcome = 'completed'): OperationView {
  return { id: nextId++, chargerId: 'CP001', action, request, sentAt: at, finishedAt: at, outcome, response, error: null };
}

// The record, oldest first: a read of every key, a read of one, a change the charger accepted and one it refused.
const FULL_AT = minutesAgo(40);
const ONE_AT = minutesAgo(20);
const SET_AT = minutesAgo(10);
const record = [
  anOp(
    'GetConfiguration',
    {},
    {
      configurationKey: [
        { key: 'HeartbeatInterval', readonly: false, value: '60' },
        { key: 'MeterValueSampleInterval', readonly: false, value: '60' },
        { key: 'NumberOfConnectors', readonly: true, value: '2' },
      ],
    },
    FULL_AT,
  ),
  anOp('GetConfiguration', { key: ['HeartbeatInterval', 'NoSuchKey'] }, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['NoSuchKey'] }, ONE_AT),
  anOp('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '15' }, { status: 'Accepted' }, SET_AT),
  anOp('ChangeConfiguration', { key: 'HeartbeatInterval', value: '5' }, { status: 'Rejected' }, minutesAgo(5)),
];

/** A bench whose record holds `record`, listed as operations:list does: newest first, of the actions asked, at most `limit`. */
function benchWithRecord(connected = true, ops: OperationView[] = record): FakeClient {
  const client = fakeClient({
    'operations:list': ({ actions, limit }) =>
      [...ops]
        .filter((o) => !actions || (actions as string[]).includes(o.action))
        .reverse()
        .slice(0, limit),
    'settings:get': () => new Promise(() => undefined),
    'chargers:operate': (args) =>
      completed(
        (args.payload as { key?: string[] }).key
          ? { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '120' }] }
          : {
              configurationKey: [
                { key: 'HeartbeatInterval', readonly: false, value: '120' },
                { key: 'MeterValueSampleInterval', readonly: false, value: '15' },
                { key: 'NumberOfConnectors', readonly: true, value: '2' },
              ],
            },
      ),
  });
  off = liveBench(client, { chargers: { CP001: aCharger('CP001', { connected }) } });
  return client;
}

const rowOf = (table: HTMLElement, key: string) => within(table).getByText(key).closest('tr') as HTMLElement;

describe('the configuration table after a restart', () => {
  it('is rebuilt from the record (two reads, then an accepted change), each key with when, as last known, and nothing is sent on opening', async () => {
    const client = benchWithRecord();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));

    const table = await screen.findByRole('table', { name: 'Configuration keys (last known)' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    // The newest read's value of HeartbeatInterval (the refused change left it as read).
    const heartbeat = within(rowOf(table, 'HeartbeatInterval'));
    expect(heartbeat.getByText('300')).toBeTruthy();
    expect(heartbeat.queryByText(/at \d/)).toBeNull();
    // The value the charger accepted after the reads, said as set, with when.
    const sampled = within(rowOf(table, 'MeterValueSampleInterval'));
    expect(sampled.getByText('15')).toBeTruthy();
    expect(sampled.getByText(`set at ${formatClock(SET_AT)}`)).toBeTruthy();
    // A key only the first read gave, with that read's time, still read-only.
    const connectors = within(rowOf(table, 'NumberOfConnectors'));
    expect(connectors.getByText('2')).toBeTruthy();
    expect(connectors.getByText(`read at ${formatClock(FULL_AT)}`)).toBeTruthy();
    expect(connectors.getByText('read-only')).toBeTruthy();
    // Said as last known, from the record, with when it was read; greyed.
    const readWhen = `read from ${formatClock(FULL_AT)} to ${formatClock(ONE_AT)}`;
    expect(within(table).getByRole('columnheader', { name: `Value (last known, ${readWhen})` })).toBeTruthy();
    expect(screen.getByTestId('configuration-last-known').textContent).toBe(
      `Last known values, ${readWhen} (from the bench's record): not read from CP001 since this window opened, so they may have changed since. Get all keys reads them again.`,
    );
    expect(table.closest('[data-stale]')).not.toBeNull();
    // The newest read's unknown key.
    expect(screen.getByText('NoSuchKey')).toBeTruthy();

    // Read from the record only: one bounded call, nothing sent to the charger.
    expect(client.callsOf('chargers:operate')).toEqual([]);
    expect(client.callsOf('operations:list')).toContainEqual({ chargerId: 'CP001', actions: ['GetConfiguration', 'ChangeConfiguration'], limit: 20 });
  });

  it('shows which keys are still last known after a read of some, and is live after a read of all', async () => {
    const user = userEvent.setup();
    const client = benchWithRecord();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await screen.findByRole('table', { name: 'Configuration keys (last known)' });

    await user.type(screen.getByRole('combobox', { name: 'Selected keys' }), 'HeartbeatInterval{Enter}');
    await user.click(screen.getByRole('button', { name: 'Get selected keys' }));
    const table = await screen.findByRole('table', { name: 'Configuration keys' });
    expect(within(rowOf(table, 'HeartbeatInterval')).getByText('120')).toBeTruthy();
    expect(rowOf(table, 'HeartbeatInterval').getAttribute('data-stale')).toBeNull();
    expect(within(rowOf(table, 'NumberOfConnectors')).getByText(`last known, read at ${formatClock(FULL_AT)}`)).toBeTruthy();
    expect(rowOf(table, 'NumberOfConnectors').getAttribute('data-stale')).not.toBeNull();
    expect(within(rowOf(table, 'MeterValueSampleInterval')).getByText(`last known, set at ${formatClock(SET_AT)}`)).toBeTruthy();
    expect(screen.getByTestId('configuration-last-known').textContent).toBe(
      "2 of the keys as last known (from the bench's record, each says when): not read from CP001 since this window opened. Get all keys reads them again.",
    );

    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    await waitFor(() => expect(within(rowOf(screen.getByRole('table', { name: 'Configuration keys' }), 'NumberOfConnectors')).queryByText(/last known/)).toBeNull());
    expect(screen.queryByTestId('configuration-last-known')).toBeNull();
    expect(screen.getByRole('table', { name: 'Configuration keys' }).closest('[data-stale]')).toBeNull();
  });

  it('of an offline charger is shown from the record as last known, saying it is offline', async () => {
    const client = benchWithRecord(false);
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    const table = await screen.findByRole('table', { name: 'Configuration keys (last known)' });
    expect(within(rowOf(table, 'MeterValueSampleInterval')).getByText('15')).toBeTruthy();
    expect(screen.getByTestId('configuration-last-known').textContent).toMatch(/^Last known values, read from .+ \(from the bench's record\): CP001 is offline/);
    expect(client.callsOf('chargers:operate')).toEqual([]);
  });

  it('says so when the record cannot be read, and shows no table', async () => {
    const client = benchWithRecord();
    client.handlers['operations:list'] = () => Promise.reject(new Error('The bench is not answering'));
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    expect(await screen.findByText("The last known configuration could not be read from the bench's record: The bench is not answering. Get all keys reads it from CP001.")).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    await act(async () => undefined);
    expect(client.callsOf('chargers:operate')).toEqual([]);
  });
});

// The newest configuration operations hold reads of some keys only: the table rebuilt from them is those keys,
// not the whole configuration, and says so (not "Last known values" as if it were all of it).
const someOnly = [
  anOp('GetConfiguration', { key: ['HeartbeatInterval'] }, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }, minutesAgo(30)),
  anOp('GetConfiguration', { key: ['MeterValueSampleInterval'] }, { configurationKey: [{ key: 'MeterValueSampleInterval', readonly: false, value: '60' }] }, minutesAgo(20)),
  anOp('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '15' }, { status: 'Accepted' }, minutesAgo(10)),
];

describe('the configuration table rebuilt from reads of some keys only', () => {
  it('says only the keys read one at a time are known, and Get all keys reads them all', async () => {
    const user = userEvent.setup();
    const client = benchWithRecord(true, someOnly);
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    const table = await screen.findByRole('table', { name: 'Configuration keys (last known)' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(rowOf(table, 'MeterValueSampleInterval')).getByText('15')).toBeTruthy();
    expect(screen.getByTestId('configuration-last-known').textContent).toBe(
      'Only the keys read one at a time are known from the record (no full read among the last 20 configuration operations): not read from CP001 since this window opened, each as of its own read. Get all keys reads them all.',
    );
    expect(client.callsOf('chargers:operate')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Configuration keys' })).getAllByRole('row')).toHaveLength(4));
    expect(screen.queryByTestId('configuration-last-known')).toBeNull();
  });

  it('of an offline charger says the same, not that they are the last known values', async () => {
    const client = benchWithRecord(false, someOnly);
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await screen.findByRole('table', { name: 'Configuration keys (last known)' });
    expect(screen.getByTestId('configuration-last-known').textContent).toMatch(
      /^Only the keys read one at a time are known from the record \(no full read among the last 20 configuration operations\), read from .+: CP001 is offline/,
    );
  });

  it('a read of some keys after it leaves it saying the record holds no full read', async () => {
    const user = userEvent.setup();
    const client = benchWithRecord(true, someOnly);
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await screen.findByRole('table', { name: 'Configuration keys (last known)' });
    await user.type(screen.getByRole('combobox', { name: 'Selected keys' }), 'HeartbeatInterval{Enter}');
    await user.click(screen.getByRole('button', { name: 'Get selected keys' }));
    await screen.findByRole('table', { name: 'Configuration keys' });
    expect(screen.getByTestId('configuration-last-known').textContent).toBe(
      "1 of the keys as last known (from the bench's record, each says when): not read from CP001 since this window opened. The record holds no full read among the last 20 configuration operations: Get all keys reads them all.",
    );
  });
});
