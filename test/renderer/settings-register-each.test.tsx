// @vitest-environment jsdom
// Saving "refuse unknown chargers" offers to register the chargers it would lock out. Registering goes on
// past a charger the bench refuses to register: every other one is still registered, and each failure is
// reported by the charger's id and the bench's words (nothing of the settings is saved then).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { SettingsScreen } from '../../src/renderer/src/app/screens';
import { CallFailure } from '../../src/renderer/src/api/client';
import type { BenchSettings } from '../../src/shared/api/views';
import type { BenchStatus } from '../../src/shared/api/status';
import { defaultSettings } from '../../src/shared/api/settings';

const ids = ['CP-A', 'CP-B', 'CP-C'];
const status: BenchStatus = { version: '0.1.0', host: '0.0.0.0', port: 9000, connectedChargers: ids, ftp: { port: 2121, fixed: false }, dataDir: '/d', face: 'serve' };

beforeEach(() => {
  useBench.setState(
    { ...initialBenchState, link: 'open', loaded: true, status, chargers: Object.fromEntries(ids.map((id) => [id, aCharger(id, { connected: true, hasPassword: false, registered: false })])) },
    true,
  );
});
afterEach(cleanup);

it('registers every charger past one that fails, and names each failure', async () => {
  let saved: BenchSettings = { ...defaultSettings };
  const c = fakeClient({
    'settings:get': () => saved,
    'settings:update': (patch) => (saved = { ...saved, ...patch } as BenchSettings),
    'idTags:list': () => [],
    'chargers:register': ({ id }) => {
      if (id === 'CP-A') throw new CallFailure({ status: 400, message: 'Invalid field "id": must not contain "/"', field: 'id' });
      return { charger: aCharger(id, { registered: true }), created: false };
    },
  });
  render(withBench(c, <SettingsScreen />));
  await userEvent.click(await screen.findByRole('combobox', { name: 'Unknown chargers' }));
  await userEvent.click(await screen.findByRole('option', { name: 'Refuse ids not registered on the bench' }));
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  const dialog = await screen.findByRole('dialog', { name: 'Refuse 3 chargers at their next connection?' });
  await userEvent.click(within(dialog).getByRole('button', { name: 'Register 3 chargers and save' }));
  const alert = await within(dialog).findByRole('alert');
  expect(c.callsOf('chargers:register').map((a) => a.id)).toEqual(ids);
  expect(alert.textContent).toBe('Nothing was saved: registering failed: 1 of 3 chargers could not be registered (the others were): "CP-A": Invalid field "id": must not contain "/"');
  expect(c.callsOf('settings:update')).toEqual([]);
});
