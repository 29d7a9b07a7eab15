// @vitest-environment jsdom
// A HeartbeatInterval the charger accepted is said to hold "only until CP001 next boots" only while that
// boot has not come: once the charger has booted after the value was sent, the panel says it in the past
// (was in effect until CP001 rebooted at …), with the interval the bench's answer to that boot gave it when
// known. A boot from before the value was sent changes nothing.
import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import { aCharger, benchPerTest, fakeClient, withBench } from './fake-client';
import { completed, operationChanged, secondsFromNow } from './builders';

const BOOTED_BEFORE = secondsFromNow(-3600);
const SENT = secondsFromNow(-60);
const REBOOTED = secondsFromNow(-20);
const ANSWERED_BOOT = secondsFromNow(-19);

const goLive = benchPerTest(() => ({ chargers: { CP001: aCharger('CP001', { lastBoot: BOOTED_BEFORE }) } }));

/** CP001's configuration panel; "Set any key" sets HeartbeatInterval to 40, which CP001 accepts (sent at SENT); the bench's boot answer gives 300 s. */
async function heartbeatAccepted() {
  const user = userEvent.setup();
  const client = fakeClient({
    'settings:get': () => ({ heartbeatInterval: 300 }) as never,
    'chargers:behaviour': () => ({ chargerId: 'CP001', behaviour: {}, refusedUntil: null }),
    'operations:list': () => [],
    'chargers:operate': ({ action }) => {
      // The bench says it was sent before the answer comes.
      client.emit([operationChanged(SENT, { ref: client.refs.at(-1)!, action, state: 'sent', sentAt: SENT, dueBy: secondsFromNow(30), operationId: 9 })]);
      return completed({ status: 'Accepted' });
    },
  });
  goLive(client, { chargers: { CP001: aCharger('CP001', { lastBoot: BOOTED_BEFORE }) } });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
  const form = within(screen.getByRole('form', { name: 'Set any key' }));
  await user.type(form.getByRole('combobox', { name: /Key/ }), 'HeartbeatInterval');
  await user.type(form.getByRole('textbox', { name: /Value/ }), '40');
  await form.findByText(/^40 s holds only until CP001 next boots:/);
  await user.click(form.getByRole('button', { name: 'Change key' }));
  return { client, form };
}

const boot = (ts: string) => ({ type: 'bootNotification' as const, chargerId: 'CP001', boot: { chargePointVendor: 'Alfen', chargePointModel: 'Eve Double' }, status: 'Accepted' as const, ts });

describe('HeartbeatInterval accepted, then the charger reboots', () => {
  it('says "only until the next boot" before it, and in the past once the boot is recorded', async () => {
    const { client, form } = await heartbeatAccepted();
    // Before the boot (the charger's last boot is from before the value was sent): as it will turn out.
    expect(await form.findByText(/^Accepted, but only until CP001 next boots: the bench answers BootNotification with 300 s/)).toBeTruthy();
    expect(form.getByText('In effect until its next boot (then 300 s).')).toBeTruthy();
    expect(screen.getByRole('button', { name: "Make 40 s the bench's setting" })).toBeTruthy();

    // CP001 reboots: the interval its boot answer gave is not in its view yet.
    act(() => client.emit([boot(REBOOTED)]));
    expect(
      await form.findByText(`Was in effect until CP001 rebooted at ${formatClock(REBOOTED)}; the bench's boot answer gave it its interval again (the bench answers BootNotification with 300 s now).`),
    ).toBeTruthy();
    // The key's result under the form says it in a few words of its own: the banner's sentence once.
    expect(form.getByText(`Undone by its boot at ${formatClock(REBOOTED)}.`)).toBeTruthy();
    expect(screen.getAllByText(/Was in effect until/)).toHaveLength(1);
    expect(screen.queryByText(/only until CP001 next boots/)).toBeNull();
    expect(screen.queryByText(/In effect until its next boot/)).toBeNull();

    // The chargers list read again: the interval the answer to that boot gave.
    act(() => useBench.setState((s) => ({ chargers: { ...s.chargers, CP001: { ...s.chargers.CP001!, heartbeatGiven: { seconds: 300, how: 'boot', at: ANSWERED_BOOT } } } })));
    expect(await form.findByText(`Was in effect until CP001 rebooted at ${formatClock(REBOOTED)}; the bench's boot answer gave it 300 s (now in effect).`)).toBeTruthy();
    expect(form.getByText(`Undone by its boot at ${formatClock(REBOOTED)}.`)).toBeTruthy();
    expect(screen.getAllByText(/Was in effect until/)).toHaveLength(1);
  });

  it('a boot recorded before the value was sent leaves it "only until the next boot"', async () => {
    const { client, form } = await heartbeatAccepted();
    await form.findByText(/^Accepted, but only until CP001 next boots:/);
    // A boot event the window hears late, of a boot before the send.
    act(() => client.emit([boot(secondsFromNow(-120))]));
    expect(form.getByText(/^Accepted, but only until CP001 next boots:/)).toBeTruthy();
    expect(screen.queryByText(/Was in effect until/)).toBeNull();
  });
});

describe("HeartbeatInterval edited in the configuration table, the bench's news that it was sent heard only after its answer", () => {
  it('the row and the advice say it in the past once the charger has rebooted, not "only until the next boot"', async () => {
    const user = userEvent.setup();
    const sends: string[] = [];
    const client = fakeClient({
      'settings:get': () => ({ heartbeatInterval: 300 }) as never,
      'chargers:behaviour': () => ({ chargerId: 'CP001', behaviour: {}, refusedUntil: null }),
      'operations:list': () => [],
      'chargers:operate': ({ action }) => {
        sends.push(action);
        return action === 'GetConfiguration' ? completed({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }) : completed({ status: 'Accepted' });
      },
    });
    goLive(client, { chargers: { CP001: aCharger('CP001', { lastBoot: BOOTED_BEFORE }) } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    const row = () =>
      within(screen.getByRole('table', { name: 'Configuration keys' }))
        .getByText('HeartbeatInterval')
        .closest('tr') as HTMLElement;
    await user.click(await within(await screen.findByRole('table', { name: 'Configuration keys' })).findByRole('button', { name: 'Edit HeartbeatInterval' }));
    await user.clear(screen.getByRole('textbox', { name: 'New value for HeartbeatInterval' }));
    await user.type(screen.getByRole('textbox', { name: 'New value for HeartbeatInterval' }), '40{Enter}');
    expect(await within(row()).findByText('In effect until its next boot (then 300 s).')).toBeTruthy();
    // The bench's batched news that it was sent comes after the answer (serve mode: a fast virtual charger).
    act(() => client.emit([operationChanged(SENT, { ref: client.refs.at(-1)!, action: 'ChangeConfiguration', state: 'finished', sentAt: secondsFromNow(0), operationId: 9, outcome: 'completed' })]));

    // CP001 reboots after the answer; the bench's answer to that boot gives it 300 s.
    const rebooted = secondsFromNow(2);
    const answered = secondsFromNow(3);
    act(() => client.emit([boot(rebooted)]));
    act(() => useBench.setState((s) => ({ chargers: { ...s.chargers, CP001: { ...s.chargers.CP001!, heartbeatGiven: { seconds: 300, how: 'boot', at: answered } } } })));
    expect(await within(row()).findByText(`from the bench's answer to its boot at ${formatClock(answered)}`)).toBeTruthy();
    expect(within(row()).getByText(`Undone by its boot at ${formatClock(rebooted)}.`)).toBeTruthy();
    expect(screen.getAllByText(/Was in effect until/)).toHaveLength(1);
    expect(screen.getByText(`Was in effect until CP001 rebooted at ${formatClock(rebooted)}; the bench's boot answer gave it 300 s (now in effect).`)).toBeTruthy();
    expect(screen.queryByText(/In effect until its next boot/)).toBeNull();
    expect(screen.queryByText(/only until CP001 next boots/)).toBeNull();
    expect(sends).toEqual(['GetConfiguration', 'ChangeConfiguration']);
  });
});
