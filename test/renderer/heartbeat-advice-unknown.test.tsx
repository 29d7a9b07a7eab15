// @vitest-environment jsdom
// The configuration panel's HeartbeatInterval advice names the interval the bench's boot answer gives this
// charger: its bench behaviour's, or else the Settings'. While the charger's behaviour is still read, or when
// that read failed, the interval is not known and is said as such (as Send to selected says it): never the
// Settings' 300 s (its behaviour may answer 120 s), no "undone at the next boot", no offer to make it the
// bench's setting; Read again reads it again. A read that succeeds advises as before.
import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { CallFailure } from '../../src/renderer/src/api/client';
import { aCharger, benchPerTest, fakeClient, withBench, type Handlers } from './fake-client';
import { completed, secondsFromNow } from './builders';

const BOOTED_BEFORE = secondsFromNow(-3600);
const chargers = () => ({ CP001: aCharger('CP001', { lastBoot: BOOTED_BEFORE }), CP002: aCharger('CP002', { lastBoot: BOOTED_BEFORE }) });
const goLive = benchPerTest(() => ({ chargers: chargers() }));

/** CP001's configuration panel, the Settings' heartbeat interval 300 s; "Set any key" filled with HeartbeatInterval 40. */
async function typed(behaviour: NonNullable<Handlers['chargers:behaviour']>) {
  const user = userEvent.setup();
  const client = fakeClient({
    'settings:get': () => ({ heartbeatInterval: 300 }) as never,
    'chargers:behaviour': behaviour,
    'operations:list': () => [],
    'chargers:operate': () => completed({ status: 'Accepted' }),
  });
  goLive(client, { chargers: chargers() });
  const view = render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
  const form = within(screen.getByRole('form', { name: 'Set any key' }));
  await user.type(form.getByRole('combobox', { name: /Key/ }), 'HeartbeatInterval');
  await user.type(form.getByRole('textbox', { name: /Value/ }), '40');
  return { user, client, form, view };
}

/** Nothing said as if the boot interval were known: no Settings' interval, no "until the next boot", no offer. */
function noAdvice() {
  expect(screen.queryByText(/300 s|\(Settings\)/)).toBeNull();
  expect(screen.queryByText(/only until|next boots:|after the next boot/)).toBeNull();
  expect(screen.queryByRole('button', { name: /the bench's setting/ })).toBeNull();
}

const COULD_NOT = "Whether 40 s lasts past CP001's next boot is not known: its boot interval could not be read (the bench did not answer).";

describe("HeartbeatInterval advice when the charger's boot interval could not be read", () => {
  it('says so with the error, gives no advice and no offer, before sending and after the charger accepted', async () => {
    let fails = true;
    const { user, form } = await typed(({ id }) => {
      if (fails) throw new CallFailure({ status: 503, message: 'the bench did not answer' });
      return { chargerId: id, behaviour: {}, refusedUntil: null };
    });
    expect(await form.findByText(COULD_NOT)).toBeTruthy();
    noAdvice();

    // Sent and accepted: still not known, said as the charger's answer (a status), and the answer not said as undone at the next boot.
    await user.click(form.getByRole('button', { name: 'Change key' }));
    await waitFor(() => expect(form.getByText(COULD_NOT).closest('[role="status"]')).not.toBeNull());
    noAdvice();
    expect(screen.queryByText(/In effect only until the charger's next boot/)).toBeNull();

    // Read again, and the read succeeds: the advice as before (no bench behaviour of its own: the Settings' 300 s), with the offer.
    fails = false;
    await user.click(form.getByRole('button', { name: 'Read again' }));
    expect(await form.findByText(/^Accepted, but only until CP001 next boots: the bench answers BootNotification with 300 s \(Settings\)/)).toBeTruthy();
    expect(screen.getByRole('button', { name: "Make 40 s the bench's setting" })).toBeTruthy();
    expect(screen.queryByText(/could not be read/)).toBeNull();
  });

  it('says the Settings could not be read when the charger has no boot interval of its own and the Settings read failed', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'settings:get': () => {
        throw new CallFailure({ status: 503, message: 'the bench did not answer' });
      },
      'chargers:behaviour': ({ id }) => ({ chargerId: id, behaviour: {}, refusedUntil: null }),
      'operations:list': () => [],
    });
    goLive(client, { chargers: chargers() });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    const form = within(screen.getByRole('form', { name: 'Set any key' }));
    await user.type(form.getByRole('combobox', { name: /Key/ }), 'HeartbeatInterval');
    await user.type(form.getByRole('textbox', { name: /Value/ }), '40');
    expect(await form.findByText(COULD_NOT)).toBeTruthy();
    noAdvice();
  });
});

describe("HeartbeatInterval advice while the charger's boot interval is read", () => {
  it("says it is being read, then advises with its bench behaviour's interval (no offer)", async () => {
    let answer: (v: unknown) => void = () => undefined;
    const { form } = await typed(() => new Promise((resolve) => (answer = resolve)) as never);
    expect(await form.findByText("Whether 40 s lasts past CP001's next boot is not known yet: reading its boot interval…")).toBeTruthy();
    noAdvice();

    await act(async () => answer({ chargerId: 'CP001', behaviour: { boot: { status: 'Accepted', interval: 120 } }, refusedUntil: null }));
    expect(await form.findByText(/^40 s holds only until CP001 next boots: this charger's bench behaviour answers its BootNotification with 120 s, so it is 120 s again/)).toBeTruthy();
    expect(screen.queryByText(/reading its boot interval/)).toBeNull();
    expect(screen.queryByRole('button', { name: /the bench's setting/ })).toBeNull();
  });

  it("never gives another charger's interval while this charger's is read", async () => {
    const answers: Record<string, (v: unknown) => void> = {};
    const { view, client } = await typed(({ id }) =>
      id === 'CP001' ? { chargerId: id, behaviour: { boot: { status: 'Accepted', interval: 120 } }, refusedUntil: null } : (new Promise((resolve) => (answers[id] = resolve)) as never),
    );
    expect(await screen.findByText(/^40 s holds only until CP001 next boots: this charger's bench behaviour answers its BootNotification with 120 s/)).toBeTruthy();

    // The panel for CP002 (its behaviour still read), with the same value typed.
    view.rerender(withBench(client, <OperationsPanel chargerId="CP002" initial="GetConfiguration" />));
    const user = userEvent.setup();
    const form = within(screen.getByRole('form', { name: 'Set any key' }));
    if (!(form.getByRole('textbox', { name: /Value/ }) as HTMLInputElement).value) {
      await user.type(form.getByRole('combobox', { name: /Key/ }), 'HeartbeatInterval');
      await user.type(form.getByRole('textbox', { name: /Value/ }), '40');
    }
    expect(await form.findByText("Whether 40 s lasts past CP002's next boot is not known yet: reading its boot interval…")).toBeTruthy();
    expect(screen.queryByText(/120 s/)).toBeNull();
  });
});
