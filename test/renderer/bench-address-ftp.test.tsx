// @vitest-environment jsdom
// A firmware file the bench hosts is offered at every address of the bench over FTP, as over HTTP: the
// bench's FTP server listens where its central system does, so a charger on this machine (127.0.0.1) is
// given an FTP URL it reaches, not only the LAN one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { HostedFileView } from '../../src/shared/api/views';
import { fakeClient, withBench } from './fake-client';
import { aCharger, minutesAgo } from './builders';

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001') } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const hosted: HostedFileView = {
  url: 'http://192.168.1.20:9551/files/f1/fw.bin',
  ftpUrl: 'ftp://fw-000000000001:pw@192.168.1.20:2121/fw.bin',
  name: 'fw.bin',
  size: 2000,
  alternatives: ['http://127.0.0.1:9551/files/f1/fw.bin', 'http://[fd00::20]:9551/files/f1/fw.bin'],
  ftpAlternatives: ['ftp://fw-000000000001:pw@127.0.0.1:2121/fw.bin', 'ftp://fw-000000000001:pw@[fd00::20]:2121/fw.bin'],
  hostedAt: minutesAgo(1),
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
};

describe('the bench address of a firmware file over FTP', () => {
  it('offers the same addresses as over HTTP, and fills in the FTP URL at the one chosen', async () => {
    const user = userEvent.setup();
    render(withBench(fakeClient({ 'files:hosted': () => [hosted] }), <OperationsPanel chargerId="CP001" initial="UpdateFirmware" />));
    const location = (await screen.findByDisplayValue(hosted.url)) as HTMLInputElement;
    const offered = async () => {
      await user.click(screen.getByRole('combobox', { name: 'Bench address given to the charger' }));
      const names = within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map((o) => o.textContent);
      await user.keyboard('{Escape}');
      return names;
    };
    const overHttp = await offered();
    expect(overHttp).toHaveLength(3);

    await user.click(screen.getByRole('button', { name: 'Bench over FTP' }));
    expect(location.value).toBe(hosted.ftpUrl);
    expect(await offered()).toEqual(overHttp);
    await user.click(screen.getByRole('combobox', { name: 'Bench address given to the charger' }));
    await user.click(screen.getByRole('option', { name: /^127\.0\.0\.1 \(this machine only/ }));
    expect(location.value).toBe('ftp://fw-000000000001:pw@127.0.0.1:2121/fw.bin');

    // The address chosen holds across the two.
    await user.click(screen.getByRole('button', { name: 'Bench over HTTP' }));
    expect(location.value).toBe('http://127.0.0.1:9551/files/f1/fw.bin');
    await user.click(screen.getByRole('button', { name: 'Bench over FTP' }));
    expect(location.value).toBe('ftp://fw-000000000001:pw@127.0.0.1:2121/fw.bin');
  });
});
