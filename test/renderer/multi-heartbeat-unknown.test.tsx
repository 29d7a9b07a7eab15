// @vitest-environment jsdom
// The multi-send's HeartbeatInterval advice names, per charger, the interval the bench's boot answer gives
// it: a charger whose bench behaviour is still being read, or whose read failed, is not known, and is never
// said to be answered by the Settings (its behaviour may answer 120 s where the Settings say 300 s), nor
// offered "make it the setting"; the others are said as before.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { CallFailure } from '../../src/renderer/src/api/client';
import { fakeClient, withBench } from './fake-client';
import { aCharger, aConnector, completed, secondsFromNow } from './builders';

const BOOTED_BEFORE = secondsFromNow(-3600);
beforeEach(() => {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: Object.fromEntries(['CP001', 'CP002', 'CP003'].map((id) => [id, aCharger(id, { lastBoot: BOOTED_BEFORE, connectors: [aConnector(0), aConnector(1)] })])),
  });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

it("says a charger whose boot interval is still read, or could not be read, as not known: never the Settings' 300 s, no offer for it", async () => {
  const user = userEvent.setup();
  // CP001 has no boot interval of its own (the Settings' 300 s); CP002's read fails; CP003's (120 s) is answered
  // only when the test says.
  let answerCP003: (v: unknown) => void = () => undefined;
  const client = fakeClient({
    'settings:get': () => ({ heartbeatInterval: 300 }) as never,
    'chargers:operate': () => completed({ status: 'Accepted' }),
    'chargers:behaviour': ({ id }) => {
      if (id === 'CP002') throw new CallFailure({ status: 503, message: 'the bench did not answer' });
      if (id === 'CP003') return new Promise((resolve) => (answerCP003 = resolve)) as never;
      return { chargerId: id, behaviour: {}, refusedUntil: null } as never;
    },
  });
  render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002', 'CP003']} open onClose={() => undefined} />));
  await user.type(screen.getByRole('textbox', { name: /Key/ }), 'HeartbeatInterval');
  await user.type(screen.getByRole('textbox', { name: /Value/ }), '60');

  // While the behaviours are read, no charger is said to be answered by the Settings, and nothing is offered.
  for (const id of ['CP001', 'CP002', 'CP003']) expect(await screen.findByText(`Whether 60 s lasts past ${id}'s next boot is not known yet: reading its boot interval…`)).toBeTruthy();
  expect(screen.queryByText(/300 s|\(Settings\)/)).toBeNull();
  expect(screen.queryByRole('button', { name: /the bench's setting/ })).toBeNull();

  await act(async () => answerCP003({ chargerId: 'CP003', behaviour: { boot: { interval: 120 } }, refusedUntil: null }));
  expect(await screen.findByText(/^60 s holds only until CP001 next boots: the bench answers BootNotification with 300 s \(Settings\)/)).toBeTruthy();
  expect(screen.getByText(/^60 s holds only until CP003 next boots: this charger's bench behaviour answers its BootNotification with 120 s/)).toBeTruthy();
  expect(screen.getByText("Whether 60 s lasts past CP002's next boot is not known: its boot interval could not be read (the bench did not answer).")).toBeTruthy();
  expect(screen.queryByText(/reading its boot interval/)).toBeNull();
  // The Settings' words and offer are CP001's alone.
  expect(screen.queryByText(/each of|each charger/)).toBeNull();
  expect(screen.getAllByText(/\(Settings\)/)).toHaveLength(1);
  expect(screen.getAllByRole('button', { name: "Make 60 s the bench's setting" })).toHaveLength(1);
});
