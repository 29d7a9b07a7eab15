// @vitest-environment jsdom
// A TriggerMessage sent to several chargers: each Accepted row is followed up in the dialog, as the single
// panel does (the message with when it came and what it said, or that it never came because the charger
// went offline), rather than promising a follow-up "below" that never shows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { formatWhen } from '../../src/renderer/src/components/format';
import { matchesFilter } from '../../src/shared/api/message-filter';
import type { MessageView, OperationView } from '../../src/shared/api/views';
import type { OperationResult } from '../../src/shared/api/contract';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';
import { aCharger } from './builders';

let client: FakeClient;
let off: () => void = () => undefined;
let ops: OperationView[];
let nextId = 700;
beforeEach(() => {
  client = fakeClient();
  off = liveBench(client, { chargers: { CP001: aCharger('CP001'), CP002: aCharger('CP002'), CP003: aCharger('CP003') } });
  ops = [];
  client.handlers = {
    'operations:list': (args) => {
      const { chargerId, actions, limit } = args as { chargerId?: string; actions?: string[]; limit?: number };
      return ops.filter((o) => (!chargerId || o.chargerId === chargerId) && (!actions || actions.includes(o.action))).slice(0, limit);
    },
    'messages:page': (filter) => frames.filter((f) => matchesFilter(f, filter)),
    // CP001 and CP002 accept; CP003 rejects (nothing to follow).
    'chargers:operate': ({ chargerId, action, payload }): OperationResult => {
      const status = chargerId === 'CP003' ? 'Rejected' : 'Accepted';
      const now = new Date().toISOString();
      const id = nextId++;
      ops = [{ id, chargerId, action, request: payload, sentAt: now, finishedAt: now, outcome: 'completed', response: { status }, error: null }, ...ops];
      return { outcome: 'completed', response: { status } as never, operationId: id };
    },
  };
});
afterEach(() => {
  cleanup();
  off();
  useBench.setState(initialBenchState);
});

let frames: MessageView[] = [];
const statusFrame = (chargerId: string, connectorId: number, ts: string): MessageView => ({
  id: 1,
  ts,
  chargerId,
  direction: 'in',
  kind: 'CALL',
  messageId: `m-${chargerId}-${connectorId}`,
  action: 'StatusNotification',
  raw: JSON.stringify([2, `m-${connectorId}`, 'StatusNotification', { connectorId, errorCode: 'NoError', status: 'Available' }]),
  error: null,
});
const followUpOf = (id: string) => within(screen.getByRole('group', { name: `Follow-up of ${id}` })).getByRole('status');

describe('a TriggerMessage sent to several chargers', () => {
  it('follows up each accepted one in its row: what came and when, or that it never came before the charger went offline', async () => {
    frames = [];
    const user = userEvent.setup();
    render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002', 'CP003']} open onClose={() => undefined} />));
    await user.click(screen.getByRole('combobox', { name: 'Operation' }));
    await user.click(screen.getByRole('option', { name: 'Trigger a message' }));
    await user.click(screen.getByRole('button', { name: 'Trigger StatusNotification on 3 chargers' }));
    await screen.findByText('2 accepted, 1 rejected.');
    await waitFor(() => expect(followUpOf('CP001').textContent).toMatch(/^Waiting for the StatusNotification… \(asked .+\)$/));
    expect(followUpOf('CP002').textContent).toMatch(/^Waiting for the StatusNotification…/);
    // A Rejected one promises nothing, and has no follow-up.
    expect(screen.queryByRole('group', { name: 'Follow-up of CP003' })).toBeNull();

    const came = new Date(Date.parse(ops.find((o) => o.chargerId === 'CP001')!.finishedAt!) + 1000).toISOString();
    act(() => client.emit([{ type: 'frameLogged', message: statusFrame('CP001', 0, came) }]));
    await waitFor(() => expect(followUpOf('CP001').textContent).toBe(`StatusNotification came at ${formatWhen(came)} (1 s after the answer): connector 0 Available.`));

    // CP002 goes offline without sending it.
    const lastSeen = new Date().toISOString();
    act(() => useBench.setState((s) => ({ chargers: { ...s.chargers, CP002: aCharger('CP002', { connected: false, lastSeen }) } })));
    await waitFor(() => expect(followUpOf('CP002').textContent).toBe(`No StatusNotification came before CP002 went offline (last contact ${formatWhen(lastSeen)}).`));
  });
});
