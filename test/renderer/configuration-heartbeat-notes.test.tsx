// @vitest-environment jsdom
// The configuration table's times and HeartbeatInterval notes are true, and said once: a value the charger
// took in an edit is "set at" the time that edit's CALL went out, not the time of the change before it (a
// row rebuilt from the bench's record); a HeartbeatInterval read that differs from the interval the bench's
// boot answer gives says the next boot sets it to that (once that interval is known, and not when equal);
// and an accepted HeartbeatInterval the next boot undoes is said in full in the banner only, the row in a
// few words of its own, before the boot and after it.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import type { OperationView } from '../../src/shared/api/views';
import type { OperationResult } from '../../src/shared/api/contract';
import { aCharger, aCompletedOperation, completed, minutesAgo, operationChanged, secondsFromNow } from './builders';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';

let off: () => void = () => undefined;
afterEach(() => {
  cleanup();
  off();
  useBench.setState(initialBenchState);
});

const BOOTED = minutesAgo(60);
const READ_AT = minutesAgo(40);
const SET_120_AT = minutesAgo(10);
// When the bench says the edit's CALL went out: well before its answer (now), to tell the two apart.
const SENT = secondsFromNow(-30);

const anOp = aCompletedOperation;

/** CP001 with the bench's record (a read of every key, then HeartbeatInterval set to 120), the bench's boot answer of `boot` (s; a promise: still read). */
function bench(opts: { record?: OperationView[]; boot?: number | Promise<number>; read?: string; answer?: string } = {}): FakeClient {
  const client: FakeClient = fakeClient({
    'operations:list': () => [...(opts.record ?? [])].reverse(),
    'settings:get': async () => ({ heartbeatInterval: await (opts.boot ?? 300) }) as never,
    'chargers:behaviour': () => ({ chargerId: 'CP001', behaviour: {}, refusedUntil: null }),
    'chargers:operate': ({ action }): OperationResult => {
      if (action === 'GetConfiguration') return completed({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: opts.read ?? '60' }] });
      // The bench says it was sent before the answer comes.
      client.emit([operationChanged(SENT, { ref: client.refs.at(-1)!, action, state: 'sent', sentAt: SENT, dueBy: secondsFromNow(30), operationId: 9 })]);
      return completed({ status: opts.answer ?? 'Accepted' });
    },
  });
  off = liveBench(client, { chargers: { CP001: aCharger('CP001', { lastBoot: BOOTED }) } });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
  return client;
}

const table = () => screen.getByRole('table', { name: /^Configuration keys/ });
const row = () => within(within(table()).getByText('HeartbeatInterval').closest('tr') as HTMLElement);

async function editTo(user: ReturnType<typeof userEvent.setup>, value: string) {
  await user.click(await within(await screen.findByRole('table', { name: /^Configuration keys/ })).findByRole('button', { name: 'Edit HeartbeatInterval' }));
  const field = screen.getByRole('textbox', { name: 'New value for HeartbeatInterval' });
  await user.clear(field);
  await user.type(field, `${value}{Enter}`);
}

describe('a value the charger took in an edit', () => {
  it('is set at the time of this edit’s CALL, not of the change before it from the record', async () => {
    const user = userEvent.setup();
    bench({
      record: [
        anOp(1, 'GetConfiguration', {}, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }, READ_AT),
        anOp(2, 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '120' }, { status: 'Accepted' }, SET_120_AT),
      ],
    });
    expect(await within(await screen.findByRole('table', { name: 'Configuration keys (last known)' })).findByText(`set at ${formatClock(SET_120_AT)}`)).toBeTruthy();
    await editTo(user, '60');
    expect(await row().findByText('Accepted')).toBeTruthy();
    expect(row().getByText('60')).toBeTruthy();
    // Known from this window's own change: set when its CALL went out, not last known.
    expect(row().getByText(`set at ${formatClock(SENT)}`)).toBeTruthy();
    expect(row().queryByText(new RegExp(`at ${formatClock(SET_120_AT)}`))).toBeNull();
  });
});

describe('a HeartbeatInterval read', () => {
  it('that differs from the boot answer’s interval says the next boot sets it, once that interval is known', async () => {
    const user = userEvent.setup();
    let give: (s: number) => void = () => undefined;
    bench({ boot: new Promise<number>((resolve) => (give = resolve)) });
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    expect(await row().findByText('60')).toBeTruthy();
    // While the boot interval is read: nothing said of it.
    expect(row().queryByText(/next boot/)).toBeNull();
    await act(async () => give(300));
    expect(await row().findByText("The bench's next boot answer sets it to 300 s.")).toBeTruthy();
  });

  it('equal to the boot answer’s interval says nothing of the next boot', async () => {
    const user = userEvent.setup();
    bench({ read: '300' });
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    expect(await row().findByText('300')).toBeTruthy();
    // The boot interval read meanwhile: a different value would be said by now.
    await act(async () => undefined);
    expect(row().queryByText(/next boot/)).toBeNull();
  });
});

describe('an accepted HeartbeatInterval the next boot undoes', () => {
  it('is said in full in the banner, and in a few words of its own on the row, before the boot and after it', async () => {
    const user = userEvent.setup();
    const client = bench({ read: '300' });
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    await editTo(user, '60');
    expect(await screen.findByText(/^Accepted, but only until CP001 next boots: the bench answers BootNotification with 300 s \(Settings\)/)).toBeTruthy();
    expect(screen.getByRole('button', { name: "Make 60 s the bench's setting" })).toBeTruthy();
    expect(row().getByText('In effect until its next boot (then 300 s).')).toBeTruthy();
    // Its last change says it: not again under the value.
    expect(row().queryByText(/next boot answer sets it/)).toBeNull();
    expect(screen.queryByText(/In effect only until the charger's next boot/)).toBeNull();

    // CP001 reboots; the bench's answer to it gave 300 s.
    const rebooted = secondsFromNow(2);
    act(() => client.emit([{ type: 'bootNotification', chargerId: 'CP001', boot: { chargePointVendor: 'Alfen', chargePointModel: 'Eve Double' }, status: 'Accepted', ts: rebooted }]));
    act(() => useBench.setState((s) => ({ chargers: { ...s.chargers, CP001: { ...s.chargers.CP001!, heartbeatGiven: { seconds: 300, how: 'boot', at: secondsFromNow(3) } } } })));
    expect(await screen.findByText(`Was in effect until CP001 rebooted at ${formatClock(rebooted)}; the bench's boot answer gave it 300 s (now in effect).`)).toBeTruthy();
    expect(row().getByText(`Undone by its boot at ${formatClock(rebooted)}.`)).toBeTruthy();
    expect(screen.getAllByText(/Was in effect until/)).toHaveLength(1);
  });

  it('stored for after a restart, is said on its row as not taking effect, in a few words', async () => {
    const user = userEvent.setup();
    bench({ read: '300', answer: 'RebootRequired' });
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    await editTo(user, '60');
    expect(await row().findByText('Stored for after a restart, whose boot answer gives 300 s instead.')).toBeTruthy();
    expect(row().queryByText(/next boot answer sets it/)).toBeNull();
  });
});
