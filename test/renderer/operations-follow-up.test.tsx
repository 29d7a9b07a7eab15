// @vitest-environment jsdom
// An accepted TriggerMessage or RemoteStartTransaction is followed up in its panel: the message asked for
// (from that charger, for the connector given) or the transaction started for the idTag sent, with its
// time; while waiting, since when and for how long; and, when nothing came in time or the charger went
// offline, that it never came. What came while the panel was not shown is found in the record.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { formatWhen } from '../../src/renderer/src/components/format';
import { matchesFilter } from '../../src/shared/api/message-filter';
import type { MessageView, OperationView, TransactionView } from '../../src/shared/api/views';
import type { OperationResult } from '../../src/shared/api/contract';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, aTransaction } from './builders';

let client: FakeClient;
let off: () => void = () => undefined;
/** The charger's operations in the bench's record, newest first: each send adds its own. */
let ops: OperationView[];
let frames: MessageView[];
let transactions: TransactionView[];
beforeEach(() => {
  client = fakeClient();
  off = liveBench(client, { chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1), aConnector(2)] }), CP002: aCharger('CP002') } });
  ops = [];
  frames = [];
  transactions = [];
});
afterEach(() => {
  cleanup();
  off();
  vi.useRealTimers();
  useBench.setState(initialBenchState);
});

let nextId = 500;
/** The charger answers `status`; the bench records the request (sent and answered now). */
function answering(status: string) {
  return ({ chargerId, action, payload }: { chargerId: string; action: string; payload: unknown }): OperationResult => {
    const now = new Date().toISOString();
    const id = nextId++;
    ops = [{ id, chargerId, action, request: payload, sentAt: now, finishedAt: now, outcome: 'completed', response: { status }, error: null }, ...ops];
    return { outcome: 'completed', response: { status } as never, operationId: id };
  };
}

function open(initial: 'TriggerMessage' | 'RemoteStartTransaction', status = 'Accepted') {
  client.handlers = {
    // Of the actions asked for, when the panel names them.
    'operations:list': (args) => {
      const { actions, limit } = args as { actions?: string[]; limit?: number };
      return (actions ? ops.filter((o) => actions.includes(o.action)) : ops).slice(0, limit);
    },
    'chargerEvents:list': () => [],
    'messages:page': (filter) => frames.filter((f) => matchesFilter(f, filter)),
    'transactions:list': ({ chargerId }) => transactions.filter((t) => t.chargerId === chargerId),
    'chargers:operate': answering(status) as never,
  };
  return render(withBench(client, <OperationsPanel chargerId="CP001" initial={initial} />));
}

/** `s` seconds after the charger's answer to the last send, on the bench's clock. */
const afterAnswer = (s: number) => new Date(Date.parse(ops[0].finishedAt!) + s * 1000).toISOString();
const statusFrame = (chargerId: string, connectorId: number, ts: string, status = 'Available'): Omit<MessageView, 'id'> => ({
  ts,
  chargerId,
  direction: 'in',
  kind: 'CALL',
  messageId: `m-${chargerId}-${connectorId}-${ts}`,
  action: 'StatusNotification',
  raw: JSON.stringify([2, `m-${connectorId}`, 'StatusNotification', { connectorId, errorCode: 'NoError', status }]),
  error: null,
});
const followUp = () => within(screen.getByRole('group', { name: 'Follow-up' })).getByRole('status');

async function triggerForConnector1(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('combobox', { name: 'Connector' }));
  await user.click(screen.getByRole('option', { name: /^Connector 1/ }));
  await user.click(screen.getByRole('button', { name: 'Trigger StatusNotification' }));
  await waitFor(() => expect(followUp().textContent).toMatch(/^Waiting for the StatusNotification of connector 1… \(asked .+\)$/));
}

describe('trigger message: the message asked for, followed up', () => {
  it('reports the StatusNotification of the connector asked for with its time, and no other charger’s or connector’s', async () => {
    const user = userEvent.setup();
    open('TriggerMessage');
    await triggerForConnector1(user);

    // Another charger's, and another connector's, are not it.
    act(() => client.emit([{ type: 'frameLogged', message: statusFrame('CP002', 1, afterAnswer(1)) }]));
    act(() => client.emit([{ type: 'frameLogged', message: statusFrame('CP001', 2, afterAnswer(1)) }]));
    expect(followUp().textContent).toMatch(/^Waiting for the StatusNotification of connector 1…/);

    const came = afterAnswer(2);
    act(() => client.emit([{ type: 'frameLogged', message: statusFrame('CP001', 1, came, 'Preparing') }]));
    await waitFor(() => expect(followUp().textContent).toBe(`StatusNotification came at ${formatWhen(came)} (2 s after the answer): connector 1 Preparing.`));
  });

  it('says the message never came once the charger has had 30 s after Accepted, and a later one does not count', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    open('TriggerMessage');
    await triggerForConnector1(user);

    // The charger has 30 s after Accepted.
    act(() => vi.advanceTimersByTime(31_000));
    await waitFor(() => expect(followUp().textContent).toMatch(/^No StatusNotification of connector 1 came in 30 s after Accepted \(waited until .+\): an OCPP 1\.6 charger shall send it/));
    act(() => client.emit([{ type: 'frameLogged', message: statusFrame('CP001', 1, new Date().toISOString()) }]));
    expect(followUp().textContent).toMatch(/^No StatusNotification of connector 1 came/);
  });

  it('says the message never came when the charger went offline first', async () => {
    const user = userEvent.setup();
    open('TriggerMessage');
    await triggerForConnector1(user);
    act(() => client.emit([{ type: 'chargerDisconnected', chargerId: 'CP001', reason: 'closed', ts: new Date().toISOString(), lastSeen: new Date().toISOString() }]));
    await waitFor(() => expect(followUp().textContent).toMatch(/^No StatusNotification of connector 1 came before CP001 went offline \(last contact .+\)\.$/));
  });

  it('finds in the record the message that came while the panel was not shown', async () => {
    const user = userEvent.setup();
    const { unmount } = open('TriggerMessage');
    await triggerForConnector1(user);
    unmount();
    const came = afterAnswer(3);
    frames = [{ id: 9, ...statusFrame('CP001', 1, came) }];
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="TriggerMessage" />));
    await waitFor(() => expect(followUp().textContent).toBe(`StatusNotification came at ${formatWhen(came)} (3 s after the answer): connector 1 Available.`));
  });

  it('follows nothing up after a refusal', async () => {
    const user = userEvent.setup();
    open('TriggerMessage', 'NotImplemented');
    await user.click(screen.getByRole('button', { name: 'Trigger StatusNotification' }));
    await screen.findByText('TriggerMessage: NotImplemented');
    expect(screen.queryByRole('group', { name: 'Follow-up' })).toBeNull();
  });
});

describe('remote start: the transaction it started, followed up', () => {
  async function start(user: ReturnType<typeof userEvent.setup>) {
    await user.click(screen.getByRole('combobox', { name: 'Connector' }));
    await user.click(screen.getByRole('option', { name: /^Connector 1/ }));
    await user.type(screen.getByRole('textbox', { name: 'idTag' }), 'TAG-ALICE');
    await user.click(screen.getByRole('button', { name: 'Start transaction' }));
  }

  it('reports the transaction started for the idTag sent, with its id and time, and not another charger’s', async () => {
    const read = new Date(Date.now() - 60_000).toISOString();
    ops = [
      {
        id: 1,
        chargerId: 'CP001',
        action: 'GetConfiguration',
        request: {},
        sentAt: read,
        finishedAt: read,
        outcome: 'completed',
        response: { configurationKey: [{ key: 'ConnectionTimeOut', readonly: false, value: '90' }] },
        error: null,
      },
    ];
    const user = userEvent.setup();
    open('RemoteStartTransaction');
    await start(user);
    await waitFor(() =>
      expect(followUp().textContent).toBe(
        `Waiting for the charger to start (asked ${formatWhen(ops[0].sentAt)}): a cable may need to be plugged in; the charger gives up after its ConnectionTimeOut, 90 s (read at ${formatWhen(read)}).`,
      ),
    );

    const at = afterAnswer(8);
    // The same idTag at another charger, and another idTag at this one, are not it.
    act(() => client.emit([{ type: 'transactionStarted', transaction: aTransaction(41, 'CP002', 1, 'TAG-ALICE', { receivedAt: at }), ts: at }]));
    act(() => client.emit([{ type: 'transactionStarted', transaction: aTransaction(40, 'CP001', 1, 'TAG-BOB', { receivedAt: at }), ts: at }]));
    expect(followUp().textContent).toMatch(/^Waiting for the charger to start/);

    act(() => client.emit([{ type: 'transactionStarted', transaction: aTransaction(42, 'CP001', 1, 'TAG-ALICE', { receivedAt: at, startTime: at }), ts: at }]));
    await waitFor(() => expect(followUp().textContent).toBe(`Transaction #42 started at ${formatWhen(at)} on connector 1 (8 s after the answer, idTag TAG-ALICE).`));
    expect(within(followUp()).getByRole('link', { name: 'Transaction #42' }).getAttribute('href')).toBe('/transactions/42');
  });

  it('takes the ConnectionTimeOut the charger last accepted over an older reading, and not one it refused', async () => {
    const now = Date.now();
    const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    const op = (id: number, action: string, request: unknown, response: unknown, time: string): OperationView => ({
      id,
      chargerId: 'CP001',
      action,
      request,
      sentAt: time,
      finishedAt: time,
      outcome: 'completed',
      response,
      error: null,
    });
    ops = [
      op(3, 'ChangeConfiguration', { key: 'ConnectionTimeOut', value: '5' }, { status: 'Rejected' }, at(1)),
      op(2, 'ChangeConfiguration', { key: 'ConnectionTimeOut', value: '120' }, { status: 'Accepted' }, at(5)),
      op(1, 'GetConfiguration', {}, { configurationKey: [{ key: 'ConnectionTimeOut', readonly: false, value: '90' }] }, at(10)),
    ];
    const user = userEvent.setup();
    open('RemoteStartTransaction');
    await start(user);
    await waitFor(() => expect(followUp().textContent).toMatch(new RegExp(`the charger gives up after its ConnectionTimeOut, 120 s \\(set at ${formatWhen(at(5))}\\)\\.$`)));
  });

  it('reads the charger’s ConnectionTimeOut from its newest few configuration reads and changes, not its whole record', async () => {
    const now = Date.now();
    const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    // A charger with hundreds of runs: every one read all its keys (a large answer each).
    const allKeys = Array.from({ length: 60 }, (_, i) => ({ key: `Key${i}`, readonly: false, value: 'x'.repeat(100) }));
    ops = Array.from({ length: 300 }, (_, i) => ({
      id: 300 - i,
      chargerId: 'CP001',
      action: 'GetConfiguration',
      request: {},
      sentAt: at(i + 1),
      finishedAt: at(i + 1),
      outcome: 'completed' as const,
      response: { configurationKey: [{ key: 'ConnectionTimeOut', readonly: false, value: '60' }, ...allKeys] },
      error: null,
    }));
    const user = userEvent.setup();
    open('RemoteStartTransaction');
    await start(user);
    await waitFor(() => expect(followUp().textContent).toMatch(new RegExp(`ConnectionTimeOut, 60 s \\(read at ${formatWhen(at(1))}\\)\\.$`)));
    const configurationReads = client.callsOf('operations:list').filter((a) => a.actions?.some((x) => x === 'GetConfiguration' || x === 'ChangeConfiguration'));
    expect(configurationReads.length).toBeGreaterThan(0);
    for (const read of configurationReads) expect(read.limit).toBeLessThanOrEqual(20);
  });

  it('says its ConnectionTimeOut is not among the newest configuration operations read, when older ones were left out', async () => {
    const now = Date.now();
    const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    // The read of ConnectionTimeOut is older than 20 changes of other keys.
    ops = Array.from({ length: 21 }, (_, i) => ({
      id: 30 - i,
      chargerId: 'CP001',
      action: i === 20 ? 'GetConfiguration' : 'ChangeConfiguration',
      request: i === 20 ? {} : { key: 'MeterValueSampleInterval', value: String(i + 1) },
      sentAt: at(i + 1),
      finishedAt: at(i + 1),
      outcome: 'completed' as const,
      response: i === 20 ? { configurationKey: [{ key: 'ConnectionTimeOut', readonly: false, value: '90' }] } : { status: 'Accepted' },
      error: null,
    }));
    const user = userEvent.setup();
    open('RemoteStartTransaction');
    await start(user);
    await waitFor(() =>
      expect(followUp().textContent).toMatch(/the charger gives up after its ConnectionTimeOut, which none of its last 20 configuration reads and changes gave \(Configuration keys reads it\)\.$/),
    );
  });

  it('says its ConnectionTimeOut is unknown, and that no transaction started once it has passed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    open('RemoteStartTransaction');
    await start(user);
    await waitFor(() => expect(followUp().textContent).toMatch(/the charger gives up after its ConnectionTimeOut, which the bench has not read \(Configuration keys reads it\)\.$/));

    act(() => vi.advanceTimersByTime(5 * 60_000 + 1000));
    await waitFor(() => expect(followUp().textContent).toMatch(/^No transaction started by .+, 5 min after Accepted at .+ \(the charger's ConnectionTimeOut is unknown\)\.$/));
  });

  it('says no transaction started when the charger went offline first', async () => {
    const user = userEvent.setup();
    open('RemoteStartTransaction');
    await start(user);
    await waitFor(() => expect(followUp().textContent).toMatch(/^Waiting for the charger to start/));
    act(() => client.emit([{ type: 'chargerDisconnected', chargerId: 'CP001', reason: 'closed', ts: new Date().toISOString(), lastSeen: new Date().toISOString() }]));
    await waitFor(() => expect(followUp().textContent).toMatch(/^No transaction started before CP001 went offline \(last contact .+; Accepted at .+\)\.$/));
  });
});
