// @vitest-environment jsdom
// A send to many chargers is paced in the dialog: a browser runs only 6 requests at a time to the bench, so
// sending to 30 silent chargers at once left 24 queued in the browser, out of sight (the dialog "waiting" for
// chargers never sent, sending them after Close, every other screen stuck behind them). Here at most 4 are
// in flight; the rest are said as not sent yet; Close while some are not sent asks first, and stopping sends
// nothing more; the summary counts those stopped apart from those offline.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient } from './fake-client';
import { aCharger, completed } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { MULTI_SEND_IN_FLIGHT } from '../../src/renderer/src/features/operations/multiSendQueue';
import type { OperationResult } from '../../src/shared/api/contract';

const ids = Array.from({ length: 30 }, (_, i) => `CP${String(i + 1).padStart(3, '0')}`);

/** Each send's answer, given when the test says. */
let answers: Map<string, (r: OperationResult) => void>;
let client: FakeClient;

beforeEach(() => {
  answers = new Map();
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: Object.fromEntries(ids.map((id) => [id, aCharger(id)])) });
  client = fakeClient({
    'operations:list': () => [],
    'messages:page': () => [],
    'chargers:operate': ({ chargerId }) =>
      chargerId === 'OFF' ? { outcome: 'offline', error: { description: 'Charger OFF is not connected' } } : new Promise<OperationResult>((resolve) => answers.set(chargerId, resolve)),
  });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const sentTo = () => client.callsOf('chargers:operate').map((a) => a.chargerId);
const rowOf = (id: string) => screen.getByRole('row', { name: `Result of ${id}` });
const heading = () => screen.getAllByRole('status')[0]!.textContent; // the dialog's; then the rows' follow-ups
async function answer(id: string) {
  await act(async () => answers.get(id)!(completed({ status: 'Accepted' })));
}

async function trigger(chargerIds: string[], onClose = vi.fn()) {
  render(withBench(client, <MultiSendDialog chargerIds={chargerIds} open onClose={onClose} />));
  const user = userEvent.setup();
  await user.click(screen.getByRole('combobox', { name: 'Operation' }));
  await user.click(screen.getByRole('option', { name: 'Trigger a message' }));
  await user.click(screen.getByRole('button', { name: /^Trigger StatusNotification on/ }));
  await screen.findByRole('table', { name: 'Results per charger' });
  return { user, onClose };
}

describe('Trigger StatusNotification sent to 30 chargers that do not answer', () => {
  it('sends only 4 at once, says the others are not sent yet, and sends the next as one ends', async () => {
    expect(MULTI_SEND_IN_FLIGHT).toBe(4);
    await trigger(ids);
    expect(sentTo()).toEqual(['CP001', 'CP002', 'CP003', 'CP004']);
    expect(heading()).toBe('Sent to 4 of 30 chargers; 26 not sent yet (queued in this dialog). Waiting for 4 answers…');
    expect(within(rowOf('CP001')).getByText(/^Sent at .+, waiting for the answer$/)).toBeTruthy();
    expect(within(rowOf('CP005')).getByText('Not sent yet (queued in this dialog)')).toBeTruthy();
    expect(within(rowOf('CP030')).getByText('Not sent yet (queued in this dialog)')).toBeTruthy();

    await answer('CP002');
    expect(sentTo()).toEqual(['CP001', 'CP002', 'CP003', 'CP004', 'CP005']);
    expect(heading()).toBe('Sent to 5 of 30 chargers; 25 not sent yet (queued in this dialog). Waiting for 4 answers… So far: 1 accepted.');
    expect(within(rowOf('CP005')).getByText(/^Sent at .+, waiting for the answer$/)).toBeTruthy();
  });

  it('asks before closing while some are not sent; Keep sending keeps the dialog; stopping sends nothing more', async () => {
    const { user, onClose } = await trigger(ids);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    const ask = await screen.findByRole('dialog', { name: 'Stop sending?' });
    expect(within(ask).getByText('26 chargers have not been sent this yet. Stop sending? The 4 already sent may still act on it.')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();

    await user.click(within(ask).getByRole('button', { name: 'Keep sending' }));
    expect(screen.queryByRole('dialog', { name: 'Stop sending?' })).toBeNull();
    expect(onClose).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Stop sending?' })).getByRole('button', { name: 'Stop sending and close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    // The 4 in flight answer after the close: nothing more goes out.
    for (const id of ['CP001', 'CP002', 'CP003', 'CP004']) await answer(id);
    expect(sentTo()).toEqual(['CP001', 'CP002', 'CP003', 'CP004']);
  });

  it('closes without asking once all are sent', async () => {
    const { user, onClose } = await trigger(['CP001', 'CP002', 'CP003']);
    expect(sentTo()).toEqual(['CP001', 'CP002', 'CP003']);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: 'Stop sending?' })).toBeNull();
  });

  it('a question left by a Close while queued does not come back by itself on the next send', async () => {
    const five = ids.slice(0, 5);
    const { user, onClose } = await trigger(five);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('dialog', { name: 'Stop sending?' })).toBeTruthy();
    // The last queued one goes out: nothing is left to stop, so the question is over.
    await answer('CP001');
    expect(screen.queryByRole('dialog', { name: 'Stop sending?' })).toBeNull();
    for (const id of ['CP002', 'CP003', 'CP004', 'CP005']) await answer(id);
    await user.click(screen.getByRole('button', { name: 'Send something else' }));
    await user.click(screen.getByRole('button', { name: 'Trigger StatusNotification on 5 chargers' }));
    // Sent again with one queued: the results show, and nobody pressed Close, so nothing asks.
    await screen.findByText('Sent to 4 of 5 chargers; 1 not sent yet (queued in this dialog). Waiting for 4 answers…');
    expect(screen.queryByRole('dialog', { name: 'Stop sending?' })).toBeNull();
    expect(screen.getByRole('table', { name: 'Results per charger' })).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    // Close still asks while one is queued.
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('dialog', { name: 'Stop sending?' })).toBeTruthy();
  });

  it('Stop sending sends nothing more, and the summary counts those stopped apart from those offline', async () => {
    const { user } = await trigger(['OFF', 'CP001', 'CP002', 'CP003', 'CP004', 'CP005', 'CP006']);
    // OFF ends at once (nothing sent to it), freeing its place for CP004.
    await screen.findByText('Sent to 4 of 7 chargers; 2 not sent yet (queued in this dialog). Waiting for 4 answers… So far: 1 offline (nothing sent).');
    await user.click(screen.getByRole('button', { name: 'Stop sending' }));
    expect(within(rowOf('CP005')).getByText('Not sent (stopped)')).toBeTruthy();
    for (const id of ['CP001', 'CP002', 'CP003', 'CP004']) await answer(id);
    expect(sentTo()).toEqual(['OFF', 'CP001', 'CP002', 'CP003', 'CP004']);
    expect(heading()).toBe('4 accepted, 1 offline (nothing sent), 2 not sent (stopped).');
  });
});
