// @vitest-environment jsdom
// A send whose answer was lost with the link to the bench (serve stopped while ClearCache waited) says
// "it is not known whether it reached the charger" only while the bench cannot be asked: once the link is
// back, the panel shows the operation as the bench's record holds it (sent at …, the connection ended because
// the bench shut down), and still does after leaving the panel and coming back.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { CallFailure } from '../../src/renderer/src/api/client';
import { useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import type { OperationResult } from '../../src/shared/api/contract';
import type { OperationView } from '../../src/shared/api/views';
import { aCharger, benchPerTest, fakeClient, withBench } from './fake-client';
import { operationChanged, secondsFromNow } from './builders';

const T0 = secondsFromNow(-20);
const DUE = secondsFromNow(10);
const ENDED = secondsFromNow(-5);

const goLive = benchPerTest(() => ({ chargers: { CP001: aCharger('CP001') } }));

const menu = () => within(screen.getByRole('navigation', { name: 'Operations' }));
const open = (user: ReturnType<typeof userEvent.setup>, label: string) => user.click(menu().getByRole('button', { name: label }));

/** The ClearCache the bench recorded as sent at T0, its connection ended at ENDED by the bench shutting down. */
const recorded: OperationView = {
  id: 7,
  chargerId: 'CP001',
  action: 'ClearCache',
  request: {},
  sentAt: T0,
  finishedAt: ENDED,
  outcome: 'offline',
  response: null,
  error: { description: 'The bench is shutting down' },
};

/**
 * ClearCache sent from its panel (confirmed), the bench's "sent" event heard (operation 7, at T0), its answer
 * still awaited: `fail` loses the call's answer as a lost link does.
 */
async function clearCacheSent() {
  const user = userEvent.setup();
  let lose: ((e: unknown) => void) | undefined;
  const client = fakeClient({
    'chargers:operate': () => new Promise<OperationResult>((_, reject) => (lose = reject)),
    'operations:list': ({ actions }) => (actions?.includes('ClearCache') ? [recorded] : []),
  });
  goLive(client, { chargers: { CP001: aCharger('CP001') } });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial="ClearCache" />));
  await user.click(screen.getByRole('button', { name: 'Clear the cache…' }));
  await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Clear the authorization cache of CP001' }));
  await waitFor(() => expect(client.refs).toHaveLength(1));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  client.emit([operationChanged(T0, { ref: client.refs[0]!, action: 'ClearCache', state: 'sent', sentAt: T0, dueBy: DUE, operationId: 7 })]);
  return { user, client, fail: (e: unknown) => lose!(e) };
}

describe('a ClearCache waiting for its answer when the bench went down', () => {
  it('shows the outcome the record holds once the link is back, also after leaving the panel', async () => {
    const { user, fail } = await clearCacheSent();

    // The bench goes down: the call's own answer is lost.
    useBench.setState({ link: 'closed' });
    fail(new CallFailure({ status: 0, message: 'The bench is not reachable: is chargebench serve still running?' }));
    await screen.findByText('It is not known whether ClearCache reached CP001');

    // The bench is back (the same data dir): its picture is read again.
    useBench.setState((s) => ({ link: 'open', snapshots: s.snapshots + 1 }));
    const title = await screen.findByText('ClearCache: Connection ended: the bench shut down');
    const outcome = title.closest('[role="status"]')!;
    expect(outcome.textContent).toContain(`Sent at ${formatClock(T0)}; the connection to CP001 ended because the bench shut down before an answer came: whether the charger acted on it is unknown.`);
    expect(screen.queryByText(/It is not known whether ClearCache reached/)).toBeNull();
    expect(screen.queryByText(/is not reachable/)).toBeNull();
    expect(screen.getByText(/; outcome at /).textContent).toContain(`outcome at ${formatClock(ENDED)}`);

    await open(user, 'Trigger message');
    await open(user, 'Clear cache');
    expect(await screen.findByText('ClearCache: Connection ended: the bench shut down')).toBeTruthy();
  });

  it('read back when the panel is shown again after the bench came back while it was not shown', async () => {
    const { user, client, fail } = await clearCacheSent();
    await open(user, 'Trigger message');
    useBench.setState({ link: 'closed' });
    fail(new CallFailure({ status: 0, message: 'The bench is not reachable: is chargebench serve still running?' }));
    await waitFor(() => expect(client.callsOf('chargers:operate')).toHaveLength(1));
    useBench.setState((s) => ({ link: 'open', snapshots: s.snapshots + 1 }));

    await open(user, 'Clear cache');
    expect(await screen.findByText('ClearCache: Connection ended: the bench shut down')).toBeTruthy();
    expect(client.callsOf('operations:list').some((a) => a.actions?.includes('ClearCache') && a.sentSince === T0)).toBe(true);
  });
});

/**
 * A ClearCache asked for from the panel whose answer is lost with the link before the window heard it was
 * sent (no operationChanged came); the record lists, for a name asked after, what `listed` gives.
 */
async function lostBeforeSent(listed: (ref: string | undefined, sentAs: string | undefined) => OperationView[]) {
  const user = userEvent.setup();
  let lose: ((e: unknown) => void) | undefined;
  const client = fakeClient({
    'chargers:operate': () => new Promise<OperationResult>((_, reject) => (lose = reject)),
    'operations:list': ({ ref }) => listed(ref, client.refs[0]),
  });
  goLive(client, { chargers: { CP001: aCharger('CP001') } });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial="ClearCache" />));
  await user.click(screen.getByRole('button', { name: 'Clear the cache…' }));
  await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Clear the authorization cache of CP001' }));
  await waitFor(() => expect(client.refs).toHaveLength(1));
  useBench.setState({ link: 'closed' });
  lose!(new CallFailure({ status: 0, message: 'The bench is not reachable: is chargebench serve still running?' }));
  await screen.findByText('It is not known whether ClearCache reached CP001');
  return client;
}

describe('a ClearCache whose "sent" never reached the window: the link dropped just after it was asked for', () => {
  it('is found in the record by the name the window gave it once the link is back, and shows its outcome', async () => {
    // The record holds it under the window's name (the bench kept it with the operation).
    const client = await lostBeforeSent((ref, sentAs) => (ref !== undefined && ref === sentAs ? [{ ...recorded, ref }] : []));
    useBench.setState((s) => ({ link: 'open', snapshots: s.snapshots + 1 }));
    const title = await screen.findByText('ClearCache: Connection ended: the bench shut down');
    expect(title.closest('[role="status"]')!.textContent).toContain(`Sent at ${formatClock(T0)}`);
    expect(screen.queryByText(/It is not known whether ClearCache reached/)).toBeNull();
    expect(client.callsOf('operations:list').some((a) => a.ref === client.refs[0] && a.chargerId === 'CP001')).toBe(true);
  });

  it('stays not known while the record holds no operation of that name, and settles when its end is announced', async () => {
    const client = await lostBeforeSent(() => []);
    useBench.setState((s) => ({ link: 'open', snapshots: s.snapshots + 1 }));
    await waitFor(() => expect(client.callsOf('operations:list').some((a) => a.ref === client.refs[0])).toBe(true));
    expect(screen.getByText('It is not known whether ClearCache reached CP001')).toBeTruthy();

    // Still queued at the bench when the link came back: it went out, and its end is announced with its name.
    client.emit([{ type: 'operationFinished', operation: { ...recorded, ref: client.refs[0]! }, ts: ENDED }]);
    expect(await screen.findByText('ClearCache: Connection ended: the bench shut down')).toBeTruthy();
  });
});
