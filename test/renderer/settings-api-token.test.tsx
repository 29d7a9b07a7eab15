// @vitest-environment jsdom
// Settings → API token says where the token in use comes from, as the bench says it: given with
// --api-token for this run only (a restart without it uses the saved one, and it cannot be replaced from
// here), or saved in the data directory (kept across restarts, and replaceable here).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { fakeClient, withBench, type FakeClient } from './fake-client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { SettingsScreen } from '../../src/renderer/src/app/screens';
import type { ApiTokenView } from '../../src/shared/api/views';
import { defaultSettings } from '../../src/shared/api/settings';

const FILE = '/var/lib/chargebench/api-token';

function client(): FakeClient {
  const c = fakeClient({ 'settings:get': () => ({ ...defaultSettings }), 'idTags:list': () => [] });
  c.newApiToken = async () => ({ token: 'NEWTOKEN', link: 'http://127.0.0.1:8180/?token=NEWTOKEN' });
  return c;
}

function benchWith(apiToken: ApiTokenView | undefined) {
  useBench.setState(
    {
      ...initialBenchState,
      link: 'open',
      loaded: true,
      status: {
        version: '0.1.0',
        host: '0.0.0.0',
        port: 9000,
        connectedChargers: [],
        ftp: { port: 2121, fixed: false },
        dataDir: '/var/lib/chargebench',
        face: 'serve',
        ...(apiToken && { apiToken }),
      },
    },
    true,
  );
}

beforeEach(() => benchWith(undefined));
afterEach(cleanup);

const words = async () => (await screen.findByTestId('api-token-source')).textContent ?? '';

describe('Settings → API token', () => {
  it('says a token given with --api-token holds for this run only, not that it is kept, and offers no new one', async () => {
    benchWith({ source: 'option', file: FILE });
    render(withBench(client(), <SettingsScreen />));
    const said = await words();
    expect(said).toContain('given with --api-token');
    expect(said).toContain('for this run only and is not saved');
    expect(said).toContain(`After a restart without --api-token, the token saved in the data directory (${FILE}) applies`);
    expect(said).not.toMatch(/keep working after a restart/);
    // The bench refuses to replace a token given for the run: no button that can only fail.
    expect(screen.queryByRole('button', { name: 'Make a new API token' })).toBeNull();
  });

  it('says a saved token is kept in the data directory across restarts, and offers a new one', async () => {
    benchWith({ source: 'saved', file: FILE });
    render(withBench(client(), <SettingsScreen />));
    expect(await words()).toBe(
      `The API token in use is saved in the data directory (${FILE}), so the sign-in link and scripts keep working after a restart. Make a new one if a link or the token was shared where it should not be.`,
    );
    expect(screen.getByRole('button', { name: 'Make a new API token' })).toBeTruthy();
  });

  it('claims neither when the bench does not say', async () => {
    render(withBench(client(), <SettingsScreen />));
    const said = await words();
    expect(said).toMatch(/^This bench does not say where its API token comes from/);
    expect(said).not.toMatch(/keep working after a restart/);
  });
});
