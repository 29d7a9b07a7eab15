// @vitest-environment jsdom
// Saving a stricter Settings screen asks first: chargers the bench knows that it would refuse at their
// next connection (passwords required, unknown chargers refused), with the offer to register them, and
// every card refused (only listed idTags, with an empty list). The OCPP port's note and confirmation say
// exactly why the bench listens where it does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { SettingsScreen } from '../../src/renderer/src/app/screens';
import type { BenchSettings, IdTagEntry } from '../../src/shared/api/views';
import type { BenchStatus } from '../../src/shared/api/status';
import { defaultSettings } from '../../src/shared/api/settings';
import { lockedOut } from '../../src/renderer/src/features/settings/strictness';

let saved: BenchSettings;
let tags: IdTagEntry[];

function client(): FakeClient {
  return fakeClient({
    'settings:get': () => saved,
    'settings:update': (patch) => (saved = { ...saved, ...patch } as BenchSettings),
    'idTags:list': () => tags,
    'chargers:register': ({ id }) => ({ charger: aCharger(id, { registered: true }), created: false }),
  });
}

const status: BenchStatus = { version: '0.1.0', host: '0.0.0.0', port: 9000, connectedChargers: ['SITE-CP-0009'], ftp: { port: 2121, fixed: false }, dataDir: '/d', face: 'serve' };

beforeEach(() => {
  saved = { ...defaultSettings };
  tags = [];
  useBench.setState(
    {
      ...initialBenchState,
      link: 'open',
      loaded: true,
      status,
      chargers: {
        'SITE-CP-0009': aCharger('SITE-CP-0009', { connected: true, hasPassword: false, registered: false }),
        'CP-SAFE': aCharger('CP-SAFE', { connected: false, hasPassword: true, registered: true }),
      },
    },
    true,
  );
});
afterEach(cleanup);

const save = () => screen.getByRole('button', { name: 'Save' });

describe('Saving a stricter bench', () => {
  it('names the connected charger that requiring a password locks out, and saves nothing on Cancel', async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    await userEvent.click(await screen.findByRole('switch', { name: /Require a password from every charger/ }));
    await userEvent.click(save());
    const dialog = await screen.findByRole('dialog', { name: 'Refuse SITE-CP-0009 at its next connection?' });
    const list = within(dialog).getByRole('list', { name: 'Chargers refused at their next connection' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list.textContent).toContain('SITE-CP-0009 (connected now): no password on the bench (refused with 401)');
    expect(list.textContent).toContain('set its password on the Chargers screen');
    // Registering would not help a missing password: not offered.
    expect(within(dialog).queryByRole('button', { name: /Register/ })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(c.callsOf('settings:update')).toEqual([]);
    await userEvent.click(save());
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Save anyway' }));
    expect(await screen.findByText('Settings saved (1 change).')).toBeTruthy();
    expect(c.callsOf('settings:update')).toEqual([{ requirePassword: true }]);
  });

  it('offers to register the chargers that refusing unknown ones locks out, then saves', async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    await userEvent.click(await screen.findByRole('combobox', { name: 'Unknown chargers' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Refuse ids not registered on the bench' }));
    await userEvent.click(save());
    const dialog = await screen.findByRole('dialog', { name: 'Refuse SITE-CP-0009 at its next connection?' });
    expect(dialog.textContent).toContain('SITE-CP-0009 (connected now): not registered (refused with 403)');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Register SITE-CP-0009 and save' }));
    expect(await screen.findByText('Settings saved (1 change).')).toBeTruthy();
    expect(c.callsOf('chargers:register')).toEqual([{ id: 'SITE-CP-0009' }]);
    expect(c.callsOf('settings:update')).toEqual([{ unknownChargers: 'reject' }]);
  });

  it('lists only the chargers a change newly refuses, connected first, with every reason', () => {
    const chargers = [
      aCharger('B-OFF', { connected: false, hasPassword: false, registered: false }),
      aCharger('A-OK', { connected: true, hasPassword: true, registered: true }),
      aCharger('C-ON', { connected: true, hasPassword: false, registered: false }),
    ];
    const out = lockedOut({ requirePassword: false, unknownChargers: 'accept' }, { requirePassword: true, unknownChargers: 'reject' }, chargers);
    expect(out.map((c) => [c.id, c.reasons])).toEqual([
      ['C-ON', ['notRegistered', 'noPassword']],
      ['B-OFF', ['notRegistered', 'noPassword']],
    ]);
    // Already refused for the same reason: nothing new to warn about.
    expect(lockedOut({ requirePassword: true, unknownChargers: 'accept' }, { requirePassword: true, unknownChargers: 'accept' }, chargers)).toEqual([]);
  });

  it('warns before accepting only listed idTags while the list is empty', async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    await userEvent.click(await screen.findByRole('radio', { name: /Only idTags in the list below/ }));
    await userEvent.click(save());
    const dialog = await screen.findByRole('dialog', { name: 'Refuse every card?' });
    expect(dialog.textContent).toContain('the list is empty: every card presented at a charger, and every remote start, will be refused');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(c.callsOf('settings:update')).toEqual([]);
    // With a card to accept, nothing is asked.
    tags = [{ idTag: 'CARD-1', status: 'Accepted', expiryDate: null, parentIdTag: null }];
    await userEvent.click(save());
    expect(await screen.findByText('Settings saved (1 change).')).toBeTruthy();
    expect(c.callsOf('settings:update')).toEqual([{ authorization: 'localList' }]);
  });
});

describe('The OCPP port', () => {
  it('says the bench was started with --port, and that restarting with it keeps that port', async () => {
    useBench.setState({ status: { ...status, port: 9531, ocppPortSource: 'option' } });
    const c = client();
    render(withBench(c, <SettingsScreen />));
    expect(await screen.findByText('This bench was started with --port 9531: chargers use port 9531 until it restarts without that option; port 9000 is saved for then.')).toBeTruthy();
    expect(screen.queryByText(/was in use/)).toBeNull();
    const port = screen.getByLabelText('OCPP port');
    await userEvent.clear(port);
    await userEvent.type(port, '9532');
    await userEvent.click(save());
    expect(await screen.findByText(/restarting it with the same --port keeps port 9531; port 9532 applies when it starts without --port/)).toBeTruthy();
  });

  it('says a taken port was taken, and never names --port to a served bench that could not have had one taken', async () => {
    useBench.setState({ status: { ...status, port: 51234, face: 'desktop', ocppPortSource: 'taken' } });
    render(withBench(client(), <SettingsScreen />));
    expect(await screen.findByText(/^Port 9000 was in use when the bench started, so it listens on port 51234 instead/)).toBeTruthy();
    cleanup();
    useBench.setState({ status: { ...status, port: 9531 } });
    render(withBench(client(), <SettingsScreen />));
    const note = await screen.findByText(/The bench is listening on port 9531, not the saved 9000/);
    expect(note.textContent).not.toContain('in use');
  });
});
