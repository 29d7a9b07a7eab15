// @vitest-environment jsdom
// A session its charger lost at a reboot (Not confirmed) on the connector card and in the reads behind it:
// Start is offered on an Available connector (Close stays on the card), the stray stops are read once for
// a charger's page and all its cards, again once per push, and never for a closed multi-send dialog; the
// words name a stray stop lower-cased after "but", and beside Available too; a malformed answer read back
// links only to the call whose own answer was flagged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerOverview } from '../../src/renderer/src/features/chargers/ChargerOverview';
import { ConnectorActions } from '../../src/renderer/src/features/operations/QuickActions';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { callMessageId } from '../../src/renderer/src/features/operations/kit/readBack';
import { unconfirmedText } from '../../src/shared/api/session-state';
import { formatClockAgo, formatWhen } from '../../src/renderer/src/components/format';
import type { ChargerEventView, MessageView, OperationView, TransactionView } from '../../src/shared/api/views';
import { fakeClient, liveBench, stubResizeObserver, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, aStrayStopEvent, aStrayStopFrame, aTransaction, minutesAgo } from './builders';
import { pageOf } from './log-fixtures';

stubResizeObserver();

const startedAt = minutesAgo(10);
const bootAt = minutesAgo(5);
const availableAt = minutesAgo(4);
const stopAt = minutesAgo(3);
const stopEvent = aStrayStopEvent('CP001', 1003, stopAt, { frameId: 42 });
const client = (events: ChargerEventView[] = []) =>
  fakeClient({
    'transactions:list': () => Object.values(useBench.getState().activeTransactions),
    'transactions:recentMeterValues': () => [],
    'chargers:meterValues': () => [],
    'chargerEvents:list': () => events,
    'operations:list': () => [],
  });
const tx = (id: number, connectorId: number) => aTransaction(id, 'CP001', connectorId, `TAG-${id}`, { receivedAt: startedAt, startTime: startedAt });

let off: (() => void) | undefined;
beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1 }));
afterEach(() => {
  off?.();
  off = undefined;
  cleanup();
  useBench.setState(initialBenchState);
});

describe('a session lost at a reboot on an Available connector', () => {
  it('the connector card offers Start, and Close it in the record', async () => {
    const c = client();
    const charger = aCharger('CP001', { lastBoot: bootAt, connectors: [aConnector(0), aConnector(1, { status: 'Available', updatedAt: availableAt })] });
    off = liveBench(c, { chargers: { CP001: charger }, activeTransactions: { 41: tx(41, 1) } });
    render(withBench(c, <ChargerOverview charger={charger} ConnectorActions={ConnectorActions} />));
    const card = within(screen.getByRole('region', { name: 'Connector 1' }));
    expect(card.getByRole('button', { name: 'Start session…' })).toBeTruthy();
    expect(card.queryByRole('button', { name: 'Stop session…' })).toBeNull();
    const alert = card.getByRole('alert', { name: 'Session 41 not confirmed by the charger' });
    expect(within(alert).getByRole('button', { name: /Close/ })).toBeTruthy();
  });
});

describe('the stray stops behind a charger page', () => {
  it('are read once for the page and its three cards, and once more after a push', async () => {
    const c = client([stopEvent]);
    const strayReads = () => c.callsOf('chargerEvents:list').filter((q) => q.action === 'StopTransaction');
    const charging = (id: number) => aConnector(id, { status: 'Charging', updatedAt: minutesAgo(4.5) });
    const charger = aCharger('CP001', { lastBoot: bootAt, connectors: [aConnector(0), charging(1), charging(2), charging(3)] });
    off = liveBench(c, { chargers: { CP001: charger }, activeTransactions: { 41: tx(41, 1), 42: tx(42, 2), 43: tx(43, 3) } });
    render(withBench(c, <ChargerOverview charger={charger} ConnectorActions={ConnectorActions} />));
    await waitFor(() => expect(strayReads()).toHaveLength(1));
    const frame = aStrayStopFrame('CP001', 1004, minutesAgo(1), 's1', 1);
    act(() => c.emit([{ type: 'frameLogged', message: frame }]));
    await waitFor(() => expect(strayReads()).toHaveLength(2));
    // Nothing more comes of that one push.
    await new Promise((r) => setTimeout(r, 400));
    expect(strayReads()).toHaveLength(2);
  });

  it('are not read by a closed multi-send dialog, and only for the chargers selected when open', async () => {
    const c = client([stopEvent]);
    const strayReads = () => c.callsOf('chargerEvents:list').filter((q) => q.action === 'StopTransaction');
    const charging = aConnector(1, { status: 'Charging', updatedAt: minutesAgo(4.5) });
    const chargers = { CP001: aCharger('CP001', { lastBoot: bootAt, connectors: [charging] }), CP002: aCharger('CP002', { lastBoot: bootAt, connectors: [charging] }) };
    const other = aTransaction(51, 'CP002', 1, 'TAG-51', { receivedAt: startedAt, startTime: startedAt });
    off = liveBench(c, { chargers, activeTransactions: { 41: tx(41, 1), 51: other } });
    const { rerender } = render(withBench(c, <MultiSendDialog chargerIds={['CP001']} open={false} onClose={() => undefined} />));
    await new Promise((r) => setTimeout(r, 50));
    expect(strayReads()).toHaveLength(0);
    rerender(withBench(c, <MultiSendDialog chargerIds={['CP001']} open onClose={() => undefined} />));
    await waitFor(() => expect(strayReads()).toHaveLength(1));
    expect(strayReads()[0]!.chargerId).toBe('CP001');
  });
});

describe('the Not confirmed words of a stray stop', () => {
  const facts = { transactionId: 41, chargerId: 'CP001', connectorId: 1, unconfirmedSince: Date.parse(availableAt) };
  const seen = { chargerId: 'CP001', transactionId: 1003, connectorId: null, at: stopAt, openThen: [41] };

  it('go on lower-case after "but"', () => {
    expect(unconfirmedText({ ...facts, unconfirmedByStop: seen }, String)).toContain('came, but a StopTransaction for unknown transaction 1003 came at');
  });

  it('name the stop beside Available too, in the Transactions list as on the card', async () => {
    const c = client([stopEvent]);
    const charger = aCharger('CP001', { lastBoot: bootAt, connectors: [aConnector(0), aConnector(1, { status: 'Available', updatedAt: availableAt })] });
    off = liveBench(c, { chargers: { CP001: charger }, activeTransactions: { 41: tx(41, 1) } });
    render(withBench(c, <TransactionsScreen StopButton={({ transaction }: { transaction: TransactionView }) => <button>Stop #{transaction.transactionId}</button>} />, '/transactions'));
    await screen.findByText('#41');
    const row = () => screen.getAllByRole('row').find((r) => r.textContent?.includes('#41'))!;
    const chip = await waitFor(() => within(row()).getByText('Not confirmed'));
    await userEvent.setup().hover(chip);
    const tip = await screen.findByRole('tooltip');
    await waitFor(() =>
      expect(tip.textContent).toBe(
        `CP001 has booted since this session started and connector 1 has reported Available since ${formatClockAgo(Date.parse(availableAt))}; no StopTransaction with its transactionId came, but a StopTransaction for unknown transaction 1003 came at ${formatWhen(stopAt)} on this charger while the bench's session #41 was open there: not applied to #41 (the charger may have meant to end it). The charger has most likely lost or ended this session.`,
      ),
    );
  });
});

describe('a malformed answer read back from the record', () => {
  const at = (ms: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + ms).toISOString();
  const frame = (m: Partial<MessageView> & Pick<MessageView, 'id' | 'messageId' | 'direction' | 'kind'>): MessageView => ({
    ts: at(0),
    chargerId: 'CP001',
    action: 'ClearCache',
    raw: '[]',
    error: null,
    ...m,
  });
  const op: OperationView = { id: 7, chargerId: 'CP001', action: 'ClearCache', request: {}, sentAt: at(0), finishedAt: at(0), outcome: 'invalidResponse', response: { status: 'Maybe' }, error: null };
  const linked = (frames: MessageView[]) => callMessageId(fakeClient({ 'messages:page': pageOf(frames) }) as FakeClient, op);

  it('links the call whose own answer was flagged, not an earlier one within the same millisecond', async () => {
    const frames = [
      frame({ id: 1, direction: 'out', kind: 'CALL', messageId: 'earlier' }),
      frame({ id: 2, direction: 'in', kind: 'CALLRESULT', messageId: 'earlier' }),
      frame({ id: 3, direction: 'out', kind: 'CALL', messageId: 'this-one' }),
      frame({ id: 4, direction: 'in', kind: 'CALLRESULT', messageId: 'this-one', error: 'PropertyConstraintViolation: status' }),
    ];
    expect(await linked(frames)).toBe('this-one');
  });

  it('links none when no answer, or more than one, was flagged', async () => {
    const call = (id: number, messageId: string) => frame({ id, direction: 'out', kind: 'CALL', messageId });
    const answer = (id: number, messageId: string, error: string | null) => frame({ id, direction: 'in', kind: 'CALLRESULT', messageId, error });
    expect(await linked([call(1, 'a'), answer(2, 'a', null)])).toBeUndefined();
    expect(await linked([call(1, 'a'), answer(2, 'a', 'bad'), call(3, 'b'), answer(4, 'b', 'bad')])).toBeUndefined();
  });

  it("links none when a call's answer is not on the page, or the page is full", async () => {
    const call = (id: number, messageId: string) => frame({ id, direction: 'out', kind: 'CALL', messageId });
    const answer = (id: number, messageId: string, error: string | null) => frame({ id, direction: 'in', kind: 'CALLRESULT', messageId, error });
    // Call "a"'s answer is not on the page: it may be the flagged one too.
    expect(await linked([call(1, 'a'), call(2, 'b'), answer(3, 'b', 'bad')])).toBeUndefined();
    // 40 frames read (the page full): the oldest are off it, "b" alone flagged on it.
    const quiet = Array.from({ length: 19 }, (_, i) => [call(10 + 2 * i, `q${i}`), answer(11 + 2 * i, `q${i}`, null)]).flat();
    expect(await linked([call(2, 'b'), answer(3, 'b', 'bad'), ...quiet])).toBeUndefined();
    expect(await linked([call(2, 'b'), answer(3, 'b', 'bad'), ...quiet.slice(2)])).toBe('b');
  });
});
