// @vitest-environment jsdom
// HeartbeatInterval sent to three chargers that all accept it, each answered at boot by the bench's Settings
// (300 s): why the value lasts only until the next boot is said once, in the advice beside the results, and
// each charger's row says only what is its own (short), not the same long sentence three times.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { fakeClient, withBench } from './fake-client';
import { aCharger, aConnector, completed, secondsFromNow } from './builders';

const ids = ['CP001', 'CP002', 'CP003'];
beforeEach(() => {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: Object.fromEntries(ids.map((id) => [id, aCharger(id, { lastBoot: secondsFromNow(-3600), connectors: [aConnector(0), aConnector(1)] })])),
  });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

it('says why the value holds only until the next boot once, and per charger only its own interval', async () => {
  const user = userEvent.setup();
  const client = fakeClient({
    'settings:get': () => ({ heartbeatInterval: 300 }) as never,
    'chargers:operate': () => completed({ status: 'Accepted' }),
    'chargers:behaviour': ({ id }) => ({ chargerId: id, behaviour: {}, refusedUntil: null }) as never,
  });
  render(withBench(client, <MultiSendDialog chargerIds={ids} open onClose={() => undefined} />));
  await user.type(screen.getByRole('textbox', { name: /Key/ }), 'HeartbeatInterval');
  await user.type(screen.getByRole('textbox', { name: /Value/ }), '60');
  await screen.findByText(/^60 s holds only until each charger next boots/);
  await user.click(screen.getByRole('button', { name: 'Set HeartbeatInterval on 3 chargers' }));

  const row = (id: string) => within(screen.getByRole('row', { name: `Result of ${id}` }));
  for (const id of ids) expect(await row(id).findByText('Until its next boot, then 300 s again.')).toBeTruthy();
  const dialog = screen.getByRole('dialog');
  const text = dialog.textContent ?? '';
  // The sentence that says why, once: the advice for every charger that accepted.
  expect(text.match(/BootNotification/g)).toHaveLength(1);
  expect(
    screen.getByText(/^Accepted, but only until each charger that accepted next boots: the bench answers BootNotification with 300 s \(Settings\), so it is 300 s again after the next boot\./),
  ).toBeTruthy();
  expect(text).not.toContain('In effect only until');
});
