// @vitest-environment jsdom
// A configuration key edited inline is an operation like any other: while it waits for the charger it is
// listed on its way with its key and value (in its row, and in another operation's confirmation), a second
// edit meanwhile is queued behind it, and leaving the panel forgets nothing: coming back shows the table,
// the edit still waiting, then its outcome with the value tried.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { CallFailure } from '../../src/renderer/src/api/client';
import { formatClock } from '../../src/renderer/src/components/format';
import type { OperationResult } from '../../src/shared/api/contract';
import { aCharger, fakeClient, liveBench, withBench } from './fake-client';
import { completed, operationChanged, secondsFromNow } from './builders';

// Times the bench gives, about now (a call sent long past its due time is taken to have ended).
const T0 = secondsFromNow(-2);
const DUE = secondsFromNow(28);

const progress = (patch: Parameters<typeof operationChanged>[1]) => operationChanged(T0, patch);

let off: (() => void) | null = null;
afterEach(() => {
  vi.useRealTimers();
  off?.();
  off = null;
  cleanup();
  useBench.setState(initialBenchState);
});

/** A charger whose configuration reads at once, and whose answer to each key's ChangeConfiguration waits until the test gives it. */
function chargerWithHeldEdits() {
  const answers: Record<string, (r: OperationResult) => void> = {};
  const client = fakeClient({
    'chargers:operate': (args) =>
      args.action === 'GetConfiguration'
        ? completed({
            configurationKey: [
              { key: 'ConnectionTimeOut', readonly: false, value: '30' },
              { key: 'MeterValueSampleInterval', readonly: false, value: '60' },
            ],
          })
        : new Promise<OperationResult>((resolve) => (answers[(args.payload as { key: string }).key] = resolve)),
  });
  off = liveBench(client, { chargers: { CP001: aCharger('CP001') } });
  return { client, answers };
}

const menu = () => within(screen.getByRole('navigation', { name: 'Operations' }));
const go = (user: ReturnType<typeof userEvent.setup>, label: string) => user.click(menu().getByRole('button', { name: label }));
const rowOf = (key: string) =>
  within(screen.getByRole('table', { name: 'Configuration keys' }))
    .getByText(key)
    .closest('tr') as HTMLElement;

async function edit(user: ReturnType<typeof userEvent.setup>, key: string, value: string) {
  await user.click(within(rowOf(key)).getByRole('button', { name: `Edit ${key}` }));
  const field = screen.getByRole('textbox', { name: `New value for ${key}` });
  await user.clear(field);
  await user.type(field, `${value}{Enter}`);
}

beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1, chargers: { CP001: aCharger('CP001') } }));

describe('a configuration key edited inline', () => {
  it('is on its way with its key and value while it waits, and found again, waiting then answered, after leaving the panel', async () => {
    const user = userEvent.setup();
    const { client, answers } = chargerWithHeldEdits();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    await screen.findByRole('table', { name: 'Configuration keys' });
    await edit(user, 'MeterValueSampleInterval', '15');
    // Sent as the other operations are: with a name the bench's news of it carries.
    await waitFor(() => expect(client.refs).toHaveLength(2));
    client.emit([progress({ ref: client.refs[1]!, action: 'ChangeConfiguration', state: 'sent', sentAt: T0, dueBy: DUE, operationId: 2 })]);
    const waiting = `Waiting for CP001 to answer ChangeConfiguration of MeterValueSampleInterval to 15 (sent ${formatClock(T0)}, answer due by ${formatClock(DUE)})…`;
    expect(await within(rowOf('MeterValueSampleInterval')).findByText(waiting)).toBeTruthy();
    // Not edited again over it meanwhile.
    expect((within(rowOf('MeterValueSampleInterval')).getByRole('button', { name: 'Edit MeterValueSampleInterval' }) as HTMLButtonElement).disabled).toBe(true);

    // Another operation's confirmation names it.
    await go(user, 'Reset');
    await user.click(screen.getByRole('button', { name: 'Soft reset…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('in-flight-note').textContent).toBe(
      `ChangeConfiguration of MeterValueSampleInterval to 15 sent ${formatClock(T0)} is still waiting for its answer (due by ${formatClock(DUE)}). This will be queued behind it, and sent once it has been answered (or not in time).`,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // Back: the table as read, the edit still waiting.
    await go(user, 'Configuration keys');
    expect(within(rowOf('MeterValueSampleInterval')).getByText(waiting)).toBeTruthy();
    expect(screen.getByText(/^The charger reported 2 key\(s\)\. Read at \d/)).toBeTruthy();

    // The charger refuses while the panel is away; coming back shows it, with the value tried and the value as read.
    await go(user, 'Reset');
    answers.MeterValueSampleInterval!(completed({ status: 'Rejected' }));
    client.emit([progress({ ref: client.refs[1]!, action: 'ChangeConfiguration', state: 'finished', sentAt: T0, dueBy: DUE, operationId: 2, outcome: 'completed' })]);
    await waitFor(() => expect(useBench.getState().inFlight).toEqual({}));
    await go(user, 'Configuration keys');
    const row = within(rowOf('MeterValueSampleInterval'));
    expect(await row.findByText('Rejected')).toBeTruthy();
    expect(row.getByText('Tried:')).toBeTruthy();
    expect(row.getByText('15')).toBeTruthy();
    expect(row.getByText('60')).toBeTruthy();
    expect((row.getByRole('button', { name: 'Edit MeterValueSampleInterval' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('edited while another waits, is queued behind it; each shows its own outcome, a value taken in its row', async () => {
    const user = userEvent.setup();
    const { client, answers } = chargerWithHeldEdits();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    await screen.findByRole('table', { name: 'Configuration keys' });
    await edit(user, 'ConnectionTimeOut', '45');
    await edit(user, 'MeterValueSampleInterval', '15');
    await waitFor(() => expect(client.refs).toHaveLength(3));
    expect(client.callsOf('chargers:operate').slice(1)).toEqual([
      { chargerId: 'CP001', action: 'ChangeConfiguration', payload: { key: 'ConnectionTimeOut', value: '45' } },
      { chargerId: 'CP001', action: 'ChangeConfiguration', payload: { key: 'MeterValueSampleInterval', value: '15' } },
    ]);
    client.emit([
      progress({ ref: client.refs[1]!, action: 'ChangeConfiguration', state: 'sent', sentAt: T0, dueBy: DUE, operationId: 2 }),
      progress({ ref: client.refs[2]!, action: 'ChangeConfiguration', state: 'queued' }),
    ]);
    expect(
      await within(rowOf('MeterValueSampleInterval')).findByText(
        `ChangeConfiguration of MeterValueSampleInterval to 15 is queued behind ChangeConfiguration of ConnectionTimeOut to 45 (sent ${formatClock(T0)}, answer due by ${formatClock(DUE)}); not sent yet. It goes out once CP001 has answered (or not in time).`,
      ),
    ).toBeTruthy();

    answers.ConnectionTimeOut!(completed({ status: 'Accepted' }));
    expect(await within(rowOf('ConnectionTimeOut')).findByText('Accepted')).toBeTruthy();
    expect(within(rowOf('ConnectionTimeOut')).getByText('45')).toBeTruthy();
    answers.MeterValueSampleInterval!(completed({ status: 'NotSupported' }));
    expect(await within(rowOf('MeterValueSampleInterval')).findByText('NotSupported')).toBeTruthy();
    expect(within(rowOf('MeterValueSampleInterval')).getByText('60')).toBeTruthy();
  });

  it('lost on the way to the bench is not said as "not sent"', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'chargers:operate': (args) => {
        if (args.action === 'GetConfiguration') return completed({ configurationKey: [{ key: 'ConnectionTimeOut', readonly: false, value: '30' }] });
        throw new CallFailure({ status: 0, message: 'The link to the bench was lost' });
      },
    });
    off = liveBench(client, { chargers: { CP001: aCharger('CP001') } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    await screen.findByRole('table', { name: 'Configuration keys' });
    await edit(user, 'ConnectionTimeOut', '45');
    const alert = await within(rowOf('ConnectionTimeOut')).findByRole('alert');
    expect(alert.textContent).toBe('It is not known whether ChangeConfiguration reached CP001: The link to the bench was lost. Check the message log for CP001 before sending it again.Tried: 45');
  });
});

describe('the configuration table', () => {
  it('merged from a read of all keys (20) and a read of one, is found again whole after leaving the panel, each key with the time of its read', async () => {
    const all = Array.from({ length: 19 }, (_, i) => ({ key: `Key${String(i).padStart(2, '0')}`, readonly: false, value: String(i) }));
    const client = fakeClient({
      'chargers:operate': (args) => {
        const keys = (args.payload as { key?: string[] }).key;
        return completed({ configurationKey: keys ? [{ key: 'HeartbeatInterval', readonly: false, value: '60' }] : [{ key: 'HeartbeatInterval', readonly: false, value: '300' }, ...all] });
      },
    });
    off = liveBench(client, { chargers: { CP001: aCharger('CP001') } });
    // The bench's clock for each read: the whole read a minute before the one of HeartbeatInterval.
    vi.useFakeTimers({ toFake: ['Date'] });
    const t1 = new Date('2030-01-01T10:00:00Z');
    const t2 = new Date('2030-01-01T10:01:00Z');
    vi.setSystemTime(t1);
    const user = userEvent.setup();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    const table = () => screen.getByRole('table', { name: 'Configuration keys' });
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(21));

    vi.setSystemTime(t2);
    await user.type(screen.getByRole('combobox', { name: 'Selected keys' }), 'HeartbeatInterval{Enter}');
    await user.click(screen.getByRole('button', { name: 'Get selected keys' }));
    await waitFor(() => expect(within(rowOf('HeartbeatInterval')).getByText('60')).toBeTruthy());
    expect(within(table()).getAllByRole('row')).toHaveLength(21);

    // Away and back: the table as left, not the last read's one key.
    await go(user, 'Reset');
    await go(user, 'Configuration keys');
    expect(within(table()).getAllByRole('row')).toHaveLength(21);
    expect(within(rowOf('HeartbeatInterval')).getByText('60')).toBeTruthy();
    expect(within(rowOf('HeartbeatInterval')).queryByText(/^read at/)).toBeNull();
    expect(within(rowOf('Key07')).getByText('7')).toBeTruthy();
    expect(within(rowOf('Key07')).getByText(`read at ${formatClock(t1.toISOString())}`)).toBeTruthy();
    expect(screen.getByText(`The charger reported 1 key(s). Read at ${formatClock(t2.toISOString())}. The other keys as read before (each says when).`)).toBeTruthy();
  });
});

describe('a key edited inline while an edit of it sent from "Set any key" waits', () => {
  it('is not sent over it: the pending edit is named, its answer shown, and the inline one goes once it came', async () => {
    const user = userEvent.setup();
    const { client, answers } = chargerWithHeldEdits();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    await screen.findByRole('table', { name: 'Configuration keys' });
    await user.click(within(rowOf('ConnectionTimeOut')).getByRole('button', { name: 'Edit ConnectionTimeOut' }));
    const field = screen.getByRole('textbox', { name: 'New value for ConnectionTimeOut' });
    await user.clear(field);
    await user.type(field, '45');

    const form = within(screen.getByRole('form', { name: 'Set any key' }));
    await user.type(form.getByRole('combobox', { name: /^Key/ }), 'ConnectionTimeOut');
    await user.type(form.getByRole('textbox', { name: /^Value/ }), '50');
    await user.click(form.getByRole('button', { name: 'Change key' }));
    await waitFor(() => expect(client.refs).toHaveLength(2));

    await user.type(field, '{Enter}');
    expect(await screen.findByText("ChangeConfiguration of ConnectionTimeOut to 50 is still waiting for CP001's answer: send this once it has come.")).toBeTruthy();
    expect(client.callsOf('chargers:operate').slice(1)).toEqual([{ chargerId: 'CP001', action: 'ChangeConfiguration', payload: { key: 'ConnectionTimeOut', value: '50' } }]);

    // Its answer is not dropped; then the inline edit goes.
    answers.ConnectionTimeOut!(completed({ status: 'Accepted' }));
    expect(await within(rowOf('ConnectionTimeOut')).findByText('Accepted')).toBeTruthy();
    await user.type(field, '{Enter}');
    await waitFor(() => expect(client.refs).toHaveLength(3));
    expect(client.callsOf('chargers:operate')[2]).toEqual({ chargerId: 'CP001', action: 'ChangeConfiguration', payload: { key: 'ConnectionTimeOut', value: '45' } });
  });
});
