// @vitest-environment jsdom
// A charger's password dialog says what the bench will do at its next connection as Settings stand:
// refused without a password when passwords are required, refused unregistered when unknown chargers
// are, and a password set there for a virtual charger is only the bench's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerSettingsDialog } from '../../src/renderer/src/features/chargers/ChargerSettingsDialog';
import { RegisterChargerDialog } from '../../src/renderer/src/features/chargers/RegisterChargerDialog';
import { defaultSettings } from '../../src/shared/api/settings';
import type { BenchSettings } from '../../src/shared/api/views';

let settings: BenchSettings;
beforeEach(() => {
  settings = { ...defaultSettings };
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true }, true);
});
afterEach(cleanup);

const client = () =>
  fakeClient({
    'settings:get': () => settings,
    'chargers:register': ({ id }) => ({ charger: aCharger(id, { registered: true }), created: false }),
    'chargers:update': ({ id }) => aCharger(id),
    'chargers:list': () => [],
  });

describe('the password dialog', () => {
  it('says a charger without a password is refused when Settings require one, and that it is refused unregistered, offering to register it', async () => {
    settings = { ...settings, requirePassword: true, unknownChargers: 'reject' };
    const c = client();
    let saved = '';
    render(withBench(c, <ChargerSettingsDialog charger={aCharger('SITE-CP-0009', { registered: false })} open onClose={() => undefined} onSaved={(m) => (saved = m)} />));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(/and Settings require one: it is refused \(401\) at its next connection until you set one here/)).toBeTruthy();
    expect(within(dialog).queryByText(/unless Settings require one/)).toBeNull();
    expect(within(dialog).getByText(/SITE-CP-0009 is not registered, and Settings refuse unknown chargers: it is refused \(403\) at its next connection/)).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText(/^Password/), 'correct-horse-battery');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByRole('dialog');
    await new Promise((r) => setTimeout(r, 50));
    expect(c.callsOf('chargers:register')).toEqual([{ id: 'SITE-CP-0009' }]);
    expect(c.callsOf('chargers:update')).toEqual([{ id: 'SITE-CP-0009', patch: { password: 'correct-horse-battery' } }]);
    expect(saved).toContain('and registered it');
  });

  it('says a charger without a password connects without Basic auth when Settings do not require one', async () => {
    render(withBench(client(), <ChargerSettingsDialog charger={aCharger('CP1')} open onClose={() => undefined} onSaved={() => undefined} />));
    expect(await screen.findByText(/it connects without Basic auth \(Settings do not require one\)/)).toBeTruthy();
    expect(screen.queryByText(/not registered/)).toBeNull();
  });

  it('tells that a password set here for a virtual charger is only the bench\u2019s', async () => {
    render(withBench(client(), <ChargerSettingsDialog charger={aCharger('VCP-A', { virtual: true, registered: true })} open onClose={() => undefined} onSaved={() => undefined} />));
    expect(await screen.findByText(/VCP-A is a virtual charger of this bench: a password set here is only the bench/)).toBeTruthy();
  });
});

describe('the register dialog', () => {
  it('says a blank password keeps the password of a charger the bench knows, not that it connects without one', async () => {
    useBench.setState({ chargers: { 'CP-KNOWN': aCharger('CP-KNOWN', { hasPassword: true, registered: false }) } });
    render(withBench(client(), <RegisterChargerDialog open onClose={() => undefined} onRegistered={() => undefined} />));
    await userEvent.type(await screen.findByLabelText(/Charge point identity/), 'CP-KNOWN');
    expect(screen.getByText(/Leave it empty to keep the password CP-KNOWN has on the bench/)).toBeTruthy();
    expect(screen.queryByText(/Leave empty to let the charger connect without Basic auth/)).toBeNull();
  });

  it('says a new charger without a password is refused when Settings require one', async () => {
    settings = { ...settings, requirePassword: true };
    render(withBench(client(), <RegisterChargerDialog open onClose={() => undefined} onRegistered={() => undefined} />));
    await userEvent.type(await screen.findByLabelText(/Charge point identity/), 'CP-NEW');
    expect(await screen.findByText(/Settings require a password: without one it is refused \(401\)/)).toBeTruthy();
  });
});
