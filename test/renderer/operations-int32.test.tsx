// @vitest-environment jsdom
// OCPP 1.6 integers are 32-bit: every operation form refuses an integer above 2147483647 on its field,
// naming the field and the limit in the bench's words (the API's 400 says the same), and sends nothing;
// a HeartbeatInterval above it is refused naming the key. And the multi-send's HeartbeatInterval advice
// says per charger what the single charger's panel says: its own boot interval, and once that charger has
// rebooted after the value was sent, in the past.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import { fakeClient, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, completed, secondsFromNow } from './builders';

const BOOTED_BEFORE = secondsFromNow(-3600);
beforeEach(() => {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: {
      CP001: aCharger('CP001', { lastBoot: BOOTED_BEFORE, connectors: [aConnector(0), aConnector(1)] }),
      CP002: aCharger('CP002', { lastBoot: BOOTED_BEFORE, connectors: [aConnector(0), aConnector(1)] }),
      CP003: aCharger('CP003', { lastBoot: BOOTED_BEFORE, connectors: [aConnector(0), aConnector(1)] }),
    },
  });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

let client: FakeClient;
function panel(initial: Parameters<typeof OperationsPanel>[0]['initial']) {
  client = fakeClient({ 'operations:list': () => [], 'chargers:meterValues': () => [], 'chargers:operate': () => completed({ status: 'Accepted' }) });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial={initial} />));
}
const operated = () => client.callsOf('chargers:operate');
const over = (what: string) => `${what} is at most 2147483647 (OCPP 1.6 integers are 32-bit)`;

async function typeInto(user: ReturnType<typeof userEvent.setup>, name: RegExp | string, text: string) {
  const field = screen.getByRole('textbox', { name });
  await user.clear(field);
  await user.type(field, text);
  return field;
}

describe('every integer field of the operation forms is refused above 2147483647, on the field, before anything is sent', () => {
  it('a remote stop of another transaction id', async () => {
    const user = userEvent.setup();
    panel('RemoteStopTransaction');
    await user.click(screen.getByRole('combobox', { name: /Transaction/ }));
    await user.click(screen.getByRole('option', { name: 'Another transaction id…' }));
    const field = await typeInto(user, /^Transaction id/, '2147483648');
    await user.click(screen.getByRole('button', { name: 'Stop transaction…' }));
    expect(screen.getByText(over('A transaction id'))).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(operated()).toEqual([]);
  });

  it("a reservation's id, and the cancel's", async () => {
    const user = userEvent.setup();
    panel('ReserveNow');
    await user.type(screen.getByRole('textbox', { name: /^idTag/ }), 'TAG-BOB');
    const ids = screen.getAllByRole('textbox', { name: /^Reservation id/ });
    await user.clear(ids[0]!);
    await user.type(ids[0]!, '99999999999');
    await user.click(screen.getByRole('button', { name: /^Reserve connector/ }));
    expect(screen.getByText(over('A reservation id'))).toBeTruthy();
    await user.type(ids[1]!, '2147483648');
    await user.click(screen.getByRole('button', { name: /^Cancel reservation/ }));
    expect(screen.getAllByText(over('A reservation id'))).toHaveLength(2);
    expect(operated()).toEqual([]);
  });

  it("GetDiagnostics's retries and retry interval", async () => {
    const user = userEvent.setup();
    panel('GetDiagnostics');
    await typeInto(user, /^Upload location/, 'ftp://example.com/up/');
    await typeInto(user, /^Retries/, '2147483648');
    await typeInto(user, /^Retry interval/, '3000000000');
    await user.click(screen.getByRole('button', { name: 'Request diagnostics' }));
    expect(screen.getByText(over('The number of retries'))).toBeTruthy();
    expect(screen.getByText(over('The retry interval (s)'))).toBeTruthy();
    expect(operated()).toEqual([]);
  });

  it("a charging profile's id and its schedule's duration; a composite schedule's duration", async () => {
    const user = userEvent.setup();
    panel('SetChargingProfile');
    await typeInto(user, 'Profile id', '2147483648');
    await typeInto(user, /^Duration/, '2147483648');
    await user.click(screen.getByRole('button', { name: /^Install profile/ }));
    expect(screen.getByText(over('A charging profile id'))).toBeTruthy();
    expect(screen.getByText(over('A duration (s)'))).toBeTruthy();
    expect(operated()).toEqual([]);

    cleanup();
    panel('GetCompositeSchedule');
    await typeInto(user, /Duration/, '2147483648');
    await user.click(screen.getByRole('button', { name: 'Get composite schedule' }));
    expect(screen.getByText(over('A duration (s)'))).toBeTruthy();
    expect(operated()).toEqual([]);
  });
});

describe('the multi-send, to several chargers', () => {
  function dialog(handlers: Parameters<typeof fakeClient>[0] = {}) {
    client = fakeClient({ 'settings:get': () => ({ heartbeatInterval: 300 }) as never, 'chargers:operate': () => completed({ status: 'Accepted' }), ...handlers });
    render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002', 'CP003']} open onClose={() => undefined} />));
  }

  it('refuses a connector above 2147483647 and a HeartbeatInterval above it, naming the field and the limit', async () => {
    const user = userEvent.setup();
    dialog();
    await user.type(screen.getByRole('textbox', { name: /Key/ }), 'HeartbeatInterval');
    await user.type(screen.getByRole('textbox', { name: /Value/ }), '99999999999');
    expect(screen.getByText(/^HeartbeatInterval is at most 2147483647 \(OCPP 1\.6 integers are 32-bit\)\. Not sent/)).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: 'Operation' }));
    await user.click(screen.getByRole('option', { name: 'Trigger a message' }));
    await user.type(screen.getByRole('textbox', { name: /Connector/ }), '2147483648');
    await user.click(screen.getByRole('button', { name: /^Trigger StatusNotification on 3 chargers/ }));
    expect(screen.getByText(over('A connector number'))).toBeTruthy();
    expect(operated()).toEqual([]);
  });

  it('says HeartbeatInterval per charger: its own boot interval, and in the past for the one that rebooted since', async () => {
    const user = userEvent.setup();
    // CP003's bench behaviour answers its boots with 120 s; the others are answered as the Settings say (300 s).
    dialog({ 'chargers:behaviour': ({ id }) => ({ chargerId: id, behaviour: id === 'CP003' ? { boot: { interval: 120 } } : {}, refusedUntil: null }) as never });
    await user.type(screen.getByRole('textbox', { name: /Key/ }), 'HeartbeatInterval');
    await user.type(screen.getByRole('textbox', { name: /Value/ }), '60');
    expect(await screen.findByText(/^60 s holds only until each of CP001, CP002 next boots: the bench answers BootNotification with 300 s \(Settings\)/)).toBeTruthy();
    expect(screen.getByText(/^60 s holds only until CP003 next boots: this charger's bench behaviour answers its BootNotification with 120 s/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Set HeartbeatInterval on 3 chargers' }));
    const row = (id: string) => within(screen.getByRole('row', { name: `Result of ${id}` }));
    expect(await row('CP001').findByText('Until its next boot, then 300 s again.')).toBeTruthy();
    expect(row('CP003').getByText('Until its next boot, then 120 s again.')).toBeTruthy();

    // CP002 reboots after the value was sent; the bench's answer to that boot gave it 300 s.
    const rebooted = secondsFromNow(5);
    act(() =>
      useBench.setState((s) => ({
        chargers: { ...s.chargers, CP002: { ...s.chargers.CP002!, lastBoot: rebooted, registrationStatus: 'Accepted', heartbeatGiven: { seconds: 300, how: 'boot', at: rebooted } } },
      })),
    );
    expect(await row('CP002').findByText(`Was in effect until the charger rebooted at ${formatClock(rebooted)}; the bench's boot answer gave it 300 s (now in effect).`)).toBeTruthy();
    expect(row('CP001').getByText('Until its next boot, then 300 s again.')).toBeTruthy();
    // The advice counts only those it still holds on: CP002 is not among them.
    expect(screen.getByText(/^Accepted, but only until CP001 next boots: the bench answers BootNotification with 300 s \(Settings\)/)).toBeTruthy();
    expect(screen.getByText(/^Accepted, but only until CP003 next boots: this charger's bench behaviour/)).toBeTruthy();
    expect(screen.queryByText(/each charger that accepted/)).toBeNull();
  });
});
