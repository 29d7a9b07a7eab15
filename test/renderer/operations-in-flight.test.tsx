// @vitest-environment jsdom
// Operations still on their way: a panel left while its operation waits finds it waiting (or its outcome)
// when shown again; a call queued behind an unanswered one says so rather than "waiting for an answer";
// a confirmation names what is still on its way to the charger; and a call the connection dropped after
// it was sent is not worded as "nothing was sent".
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { explainResult } from '../../src/renderer/src/features/operations/registry';
import { stillOnItsWay } from '../../src/renderer/src/features/operations/kit/InFlight';
import { initialBenchState, reduceEvents, useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import type { OperationResult } from '../../src/shared/api/contract';
import { aCharger, benchPerTest, fakeClient, withBench, type FakeClient } from './fake-client';
import { operationChanged, secondsFromNow } from './builders';

// Times the bench gives, about now (a call sent long past its due time is taken to have ended).
const at = secondsFromNow;
const T0 = at(-2);
const DUE = at(28);

const progress = (patch: Parameters<typeof operationChanged>[1]) => operationChanged(T0, patch);

/** Each test on a loaded bench holding CP001; `goLive` feeds the store the client's events. */
const goLive = benchPerTest(() => ({ chargers: { CP001: aCharger('CP001') } }));

/** A bench whose answers to the actions named wait until the test gives them. */
function benchWithHeldAnswers(held: string[]) {
  const answers: Record<string, (r: OperationResult) => void> = {};
  const client = fakeClient({
    'chargers:operate': ({ action }) =>
      held.includes(action) ? new Promise<OperationResult>((resolve) => (answers[action] = resolve)) : { outcome: 'completed', response: { status: 'Accepted' } as never, operationId: 9 },
  });
  goLive(client, { chargers: { CP001: aCharger('CP001') } });
  return { client, answers };
}

const menu = () => within(screen.getByRole('navigation', { name: 'Operations' }));
const open = (user: ReturnType<typeof userEvent.setup>, label: string) => user.click(menu().getByRole('button', { name: label }));

async function sendSoftReset(user: ReturnType<typeof userEvent.setup>, client: FakeClient) {
  await user.click(screen.getByRole('button', { name: 'Soft reset…' }));
  await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Soft reset CP001' }));
  await waitFor(() => expect(client.refs).toHaveLength(1));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  // The bench says it went out.
  client.emit([progress({ ref: client.refs[0]!, action: 'Reset', state: 'sent', sentAt: T0, dueBy: DUE, operationId: 1 })]);
}

describe('an operation still waiting when its panel is left', () => {
  it('is still shown waiting (when sent, when due) on coming back, and its outcome once it came, even while away', async () => {
    const user = userEvent.setup();
    const { client, answers } = benchWithHeldAnswers(['Reset']);
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="Reset" />));
    await sendSoftReset(user, client);
    await screen.findByText(`Waiting for CP001 to answer Reset (sent ${formatClock(T0)}, answer due by ${formatClock(DUE)})…`);

    await open(user, 'Trigger message');
    await open(user, 'Reset');
    // Not forgotten: still waiting, and nothing can be sent again meanwhile.
    expect(screen.getByText(`Waiting for CP001 to answer Reset (sent ${formatClock(T0)}, answer due by ${formatClock(DUE)})…`)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Soft reset…' }) as HTMLButtonElement).disabled).toBe(true);

    // The answer (none in time) comes while another panel is shown: it is there on coming back.
    await open(user, 'Trigger message');
    answers.Reset!({ outcome: 'timeout', error: { description: 'No answer to Reset within 30 s' }, operationId: 1 });
    client.emit([progress({ ref: client.refs[0]!, action: 'Reset', state: 'finished', sentAt: T0, dueBy: DUE, operationId: 1, outcome: 'timeout' })]);
    await waitFor(() => expect(useBench.getState().inFlight).toEqual({}));
    await open(user, 'Reset');
    const outcome = await screen.findByText('Soft reset: No answer');
    expect(outcome.closest('[role="status"]')!.textContent).toContain('No answer to Reset within 30 s');
    expect((screen.getByRole('button', { name: 'Soft reset…' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('an operation queued behind an unanswered one', () => {
  it('says it is queued behind it and not sent yet, and waiting for its answer once it went out', async () => {
    const user = userEvent.setup();
    const { client, answers } = benchWithHeldAnswers(['Reset', 'TriggerMessage']);
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="Reset" />));
    await sendSoftReset(user, client);
    await open(user, 'Trigger message');
    await user.click(screen.getByRole('button', { name: 'Trigger StatusNotification' }));
    await waitFor(() => expect(client.refs).toHaveLength(2));
    client.emit([progress({ ref: client.refs[1]!, action: 'TriggerMessage', state: 'queued' })]);
    const queued = await screen.findByText(/is queued behind/);
    expect(queued.textContent).toBe(
      `TriggerMessage is queued behind Reset (sent ${formatClock(T0)}, answer due by ${formatClock(DUE)}); not sent yet. It goes out once CP001 has answered (or not in time).`,
    );
    expect(screen.queryByText(/Waiting for CP001 to answer TriggerMessage/)).toBeNull();

    // The Reset got no answer in time; the TriggerMessage goes out.
    const sent = at(1);
    const due = at(31);
    client.emit([
      progress({ ref: client.refs[1]!, action: 'TriggerMessage', state: 'sent', sentAt: sent, dueBy: due, operationId: 2 }),
      progress({ ref: client.refs[0]!, action: 'Reset', state: 'finished', sentAt: T0, dueBy: DUE, operationId: 1, outcome: 'timeout' }),
    ]);
    await screen.findByText(`Waiting for CP001 to answer TriggerMessage (sent ${formatClock(sent)}, answer due by ${formatClock(due)})…`);
    answers.TriggerMessage!({ outcome: 'completed', response: { status: 'Accepted' } as never, operationId: 2 });
    await screen.findByText('TriggerMessage: Accepted');
  });
});

describe('the confirmation of an operation', () => {
  it('names what is still on its way to the charger, which this one will wait behind', async () => {
    const user = userEvent.setup();
    const { client } = benchWithHeldAnswers(['Reset']);
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="Reset" />));
    await sendSoftReset(user, client);
    client.emit([progress({ ref: 'other-window', action: 'GetConfiguration', state: 'queued' })]);
    await open(user, 'Clear cache');
    await user.click(screen.getByRole('button', { name: 'Clear the cache…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('in-flight-note').textContent).toBe(
      `Reset sent ${formatClock(T0)} is still waiting for its answer (due by ${formatClock(DUE)}); GetConfiguration is queued behind it. This will be queued behind them, and sent once they have been answered (or not in time).`,
    );
  });

  it('says nothing of the kind when nothing is on its way', async () => {
    const user = userEvent.setup();
    const { client } = benchWithHeldAnswers([]);
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="ClearCache" />));
    await user.click(screen.getByRole('button', { name: 'Clear the cache…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByTestId('in-flight-note')).toBeNull();
  });
});

describe('a call the connection dropped', () => {
  it('after it was sent: the outcome is unknown, said with when it was sent and how the connection dropped, never "nothing was sent"', () => {
    const sentAt = '2025-01-01T09:08:59.000Z';
    const explained = explainResult('Reset', {
      outcome: 'offline',
      sent: true,
      sentAt,
      error: { description: 'Charger VQA1 disconnected: Connection lost (1006, no close frame): the network dropped, the charger restarted, or it stopped answering pings' },
      operationId: 4,
    });
    expect(explained.tone).toBe('error');
    expect(explained.headline).toBe('Connection dropped before an answer');
    expect(explained.meaning).toContain(`Sent at ${formatClock(sentAt)}; the connection dropped (1006) before an answer: whether the charger acted on it is unknown.`);
    expect(explained.meaning).not.toMatch(/nothing was sent/i);
  });

  it('before it was sent (not connected, or queued behind another call): nothing was sent', () => {
    expect(explainResult('TriggerMessage', { outcome: 'offline', error: { description: 'Charger VQA1 disconnected: Connection lost (1006, no close frame)' } })).toMatchObject({
      headline: 'Charger offline',
      meaning: expect.stringContaining('nothing was sent'),
    });
  });
});

describe("the store's operations on their way", () => {
  it('keeps the one sent first and those queued after it in order, and forgets each once finished', () => {
    let s = reduceEvents(initialBenchState, [
      progress({ ref: 'a', action: 'Reset', state: 'queued' }),
      progress({ ref: 'b', action: 'TriggerMessage', state: 'queued' }),
      progress({ ref: 'a', action: 'Reset', state: 'sent', sentAt: T0, dueBy: DUE }),
    ]);
    expect(s.inFlight.CP001!.map((o) => [o.ref, o.state])).toEqual([
      ['a', 'sent'],
      ['b', 'queued'],
    ]);
    // b goes out as a's timeout ends it (one call out at a time); a's end, announced just after, changes nothing.
    s = reduceEvents(s, [progress({ ref: 'b', action: 'TriggerMessage', state: 'sent', sentAt: DUE, dueBy: DUE })]);
    expect(s.inFlight.CP001!.map((o) => o.ref)).toEqual(['b']);
    s = reduceEvents(s, [progress({ ref: 'a', action: 'Reset', state: 'finished', outcome: 'timeout' })]);
    expect(s.inFlight.CP001!.map((o) => o.ref)).toEqual(['b']);
    s = reduceEvents(s, [progress({ ref: 'b', action: 'TriggerMessage', state: 'finished', outcome: 'completed' })]);
    expect(s.inFlight).toEqual({});
  });

  it('does not show a call sent long past its due time as on its way (its end may have been missed)', () => {
    const list = reduceEvents(initialBenchState, [
      progress({ ref: 'old', action: 'Reset', state: 'sent', sentAt: at(-100), dueBy: at(-70) }),
      progress({ ref: 'b', action: 'TriggerMessage', state: 'queued' }),
    ]).inFlight.CP001!;
    expect(stillOnItsWay(list).map((o) => o.ref)).toEqual(['b']);
    expect(stillOnItsWay(list, Date.parse(at(-80))).map((o) => o.ref)).toEqual(['old', 'b']);
  });

  it('forgets what was on its way to a charger whose connection dropped', () => {
    const s = reduceEvents({ ...initialBenchState, chargers: { CP001: aCharger('CP001') } }, [
      progress({ ref: 'a', action: 'Reset', state: 'sent', sentAt: T0, dueBy: DUE }),
      progress({ ref: 'b', action: 'TriggerMessage', state: 'queued' }),
      { type: 'chargerDisconnected', chargerId: 'CP001', reason: 'Connection lost (1006, no close frame)', ts: DUE },
    ]);
    expect(s.inFlight).toEqual({});
  });
});
