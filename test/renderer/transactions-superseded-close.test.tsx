// @vitest-environment jsdom
// An older session the record holds open on a connector where a newer one is open (#10, superseded by #19:
// the charger restarted and started anew, #10's StopTransaction never came) is not running anywhere: its
// own page says so and why (not Active, not "still running", no counting duration, no energy "so far"),
// and both its page and its row in the list offer Close in the record, naming why, instead of Stop (the
// charger would answer a remote stop Rejected). The newer one keeps its Stop.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { liveBench, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { freshBenchEachTest, transactionScreens, transactionsClient } from './transaction-screens';
import { StopTransactionButton } from '../../src/renderer/src/features/operations/QuickActions';
import { formatWhen } from '../../src/renderer/src/components/format';

stubResizeObserver();

/** When the bench received the newer session's StartTransaction. */
const newerAt = minutesAgo(5);
const older = aTransaction(10, 'CP001', 1, 'TAG-OLD', { receivedAt: minutesAgo(70), startTime: minutesAgo(70) });
const newer = aTransaction(19, 'CP001', 1, 'TAG-NEW', { receivedAt: newerAt, startTime: newerAt });
const cp001 = aCharger('CP001', { connected: true, lastBoot: minutesAgo(6), connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: minutesAgo(4) })] });
const cause = () => `a newer session (transaction 19) started on connector 1 at ${formatWhen(newerAt)}`;

const client = () =>
  transactionsClient([newer, older], {
    'transactions:close': ({ transactionId }: { transactionId: number }) => ({ ...older, transactionId, active: false, stopTime: new Date().toISOString(), stopReason: 'Other' }),
  });
const live = freshBenchEachTest();

describe('the page of a session a newer one on its connector supersedes', () => {
  it('says not running and why, not Active, still running or so far, and offers Close in the record, not Stop', async () => {
    const user = userEvent.setup();
    const c = client();
    live.stop = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } });
    render(withBench(c, transactionScreens, '/transactions/10'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    // The chip beside the title says it, its tooltip why.
    expect(screen.getByLabelText(`Not running: record says open; ${cause()}. Close it in the record (below); a remote stop would be refused.`).textContent).toBe('Not running');
    expect(screen.queryByText('Active')).toBeNull();
    expect(summary.textContent).toContain(`no StopTransaction came; not running: ${cause()}`);
    expect(summary.textContent).not.toContain('still running');
    expect(summary.textContent).not.toContain('so far');
    // Up to the newer one's start (1 h 05 min), not counting on.
    expect(summary.textContent).toContain('≤ 1 h 05 min, up to when transaction 19 started');
    expect(screen.getByRole('alert', { name: 'Session 10 not running' }).textContent).toContain(`The record holds session #10 open, but ${cause()}`);
    expect(screen.queryByRole('button', { name: 'Stop #10' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close it in the record…' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Close session #10 in the record?' }));
    expect(dialog.getByText(`It is not running: ${cause()}; no StopTransaction with its transactionId came, and a remote stop would be refused.`)).toBeTruthy();
    // Recorded as ended when the newer one started, as the bench does, not "now".
    expect(dialog.getByText(/as ended when transaction 19 started, reason Other/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Close session #10 in the record' }));
    await waitFor(() => expect(c.callsOf('transactions:close')).toEqual([{ transactionId: 10 }]));
  });

  it('the newer one stays Active with its Stop', async () => {
    const c = client();
    live.stop = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } });
    render(withBench(c, transactionScreens, '/transactions/19'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    expect(screen.getByText('Active')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop #19' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Close/ })).toBeNull();
    expect(summary.textContent).toContain('still running');
  });
});

describe('the Transactions list', () => {
  it("#10's row offers Close in the record naming why, not Stop; #19's keeps Stop", async () => {
    const c = client();
    live.stop = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } });
    render(withBench(c, transactionScreens, '/transactions'));
    await screen.findByText('#10', {}, { timeout: 5000 });
    const row = (id: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`#${id}`))!;
    await waitFor(() => expect(within(row(10)).getByRole('button', { name: 'Close…' })).toBeTruthy(), { timeout: 5000 });
    expect(within(row(10)).getByRole('button', { name: 'Close…' }).getAttribute('title')).toBe(
      `Session #10 is not running: ${cause()}: stopping it remotely would be refused. Close it in the record instead (nothing is sent to the charger).`,
    );
    expect(within(row(10)).queryByRole('button', { name: 'Stop #10' })).toBeNull();
    expect(within(row(19)).getByRole('button', { name: 'Stop #19' })).toBeTruthy();
  });
});

describe('Stop on a transaction (the button the app hands the list and the page)', () => {
  it('is Close in the record on a superseded session, and Stop on the running one', () => {
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1, chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } }, true);
    render(
      withBench(
        client(),
        <>
          <StopTransactionButton transaction={older} />
          <StopTransactionButton transaction={newer} />
        </>,
      ),
    );
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Close…', 'Stop…']);
  });
});
