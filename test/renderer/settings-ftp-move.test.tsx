// @vitest-environment jsdom
// A new FTP port applies at once and cuts off what runs on the old one: before saving it, the Settings
// screen says what it interrupts (uploads arriving over FTP, diagnostics locations and firmware handed to
// chargers by FTP, by charger) and asks; Cancel sends nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { idTagList, settingsBench } from './settings-fixtures';
import { reduceEvents, useBench } from '../../src/renderer/src/stores/bench';
import { SettingsScreen } from '../../src/renderer/src/app/screens';
import type { BenchSettings, UploadView } from '../../src/shared/api/views';
import { defaultSettings } from '../../src/shared/api/settings';

let saved: BenchSettings;
beforeEach(() => {
  saved = { ...defaultSettings, ftpPort: 9331 };
  settingsBench();
  useBench.setState({ status: { ...useBench.getState().status!, ftp: { port: 9331, fixed: false } } });
});
afterEach(cleanup);

const recent = () => new Date(Date.now() - 60_000).toISOString();
const receiving: UploadView = {
  id: 'u1',
  chargerId: 'CP-UP',
  name: 'diag-now.zip',
  via: 'ftp',
  status: 'receiving',
  bytes: 327_700,
  lastDataAt: new Date().toISOString(),
  silenceLimitMs: 300_000,
  expectedBytes: null,
  startedAt: recent(),
  finishedAt: null,
  error: null,
  expiresAt: recent(),
  locationExpiresAt: recent(),
};
const op = (id: number, chargerId: string, action: string, location: string, outcome = 'completed') => ({
  id,
  chargerId,
  action,
  request: { location },
  sentAt: recent(),
  finishedAt: recent(),
  outcome,
  response: {},
  error: null,
});

function client() {
  return fakeClient({
    'settings:get': () => saved,
    'settings:update': (patch) => (saved = { ...saved, ...patch } as BenchSettings),
    'files:uploads': () => [receiving],
    'operations:list': () => [
      op(1, 'CP-DIAG', 'GetDiagnostics', 'ftp://diag-ab:pw@192.0.2.2:9331/'),
      op(2, 'CP-FW', 'UpdateFirmware', 'ftp://fw-1:pw@192.0.2.2:9331/fw.bin'),
      op(3, 'CP-HTTP', 'UpdateFirmware', 'http://192.0.2.2:9000/files/x/fw.bin'),
      op(4, 'CP-SLOW', 'UpdateFirmware', 'ftp://fw-2:pw@192.0.2.2:9331/fw.bin', 'timeout'),
      op(5, 'CP-SLOWD', 'GetDiagnostics', 'ftp://diag-cd:pw@192.0.2.2:9331/', 'timeout'),
      op(6, 'CP-REFUSED', 'UpdateFirmware', 'ftp://fw-3:pw@192.0.2.2:9331/fw.bin', 'callError'),
    ],
    ...idTagList().handlers,
  });
}

/** Opens Settings on client `c`, types FTP port 9333 and presses Save. */
async function saveFtpPort(c: ReturnType<typeof client>) {
  render(withBench(c, <SettingsScreen />));
  const field = await screen.findByLabelText('FTP port');
  await userEvent.clear(field);
  await userEvent.type(field, '9333');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
}

describe('saving a new FTP port', () => {
  it('says what it cuts off, by charger, and asks; Cancel sends nothing, the confirmation saves', async () => {
    const c = client();
    await saveFtpPort(c);
    const dialog = await screen.findByRole('dialog', { name: 'Move the FTP server to port 9333 now?' });
    const text = dialog.textContent ?? '';
    expect(text).toContain('moves from port 9331 to port 9333 at once');
    expect(text).toContain('diag-now.zip from CP-UP');
    expect(text).toContain('Diagnostics upload locations given to CP-DIAG');
    expect(text).toContain('Firmware sent by FTP in the last day to CP-FW');
    expect(text).not.toContain('CP-HTTP');
    expect(text).not.toContain('CP-REFUSED');
    // Requests the charger did not answer in time: it may have taken them all the same.
    expect(text).toContain('CP-SLOW did not answer UpdateFirmware in time but may still download its firmware by FTP');
    expect(text).toContain('CP-SLOWD did not answer GetDiagnostics in time but may still upload to the FTP location');
    // Only the last day's operations are asked for: the bench reads no older ones.
    const [asked] = c.callsOf('operations:list') as { sentSince?: string }[];
    expect(Date.now() - Date.parse(asked.sentSince ?? '')).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000);
    expect(Date.now() - Date.parse(asked.sentSince ?? '')).toBeLessThan(25 * 60 * 60 * 1000);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(c.callsOf('settings:update')).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Save: move FTP to port 9333' }));
    await waitFor(() => expect(c.callsOf('settings:update')).toEqual([{ ftpPort: 9333 }]));
  });

  it('does not ask when the port is fixed for this run (--ftp-port): nothing moves now', async () => {
    useBench.setState({ status: { ...useBench.getState().status!, ftp: { port: 2411, fixed: true } } });
    const c = client();
    await saveFtpPort(c);
    await waitFor(() => expect(c.callsOf('settings:update')).toEqual([{ ftpPort: 9333 }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks from where the FTP server listens now when another window or the API moved it (its ftpChanged event)', async () => {
    const c = client();
    const off = c.subscribe((events) => useBench.setState((st) => reduceEvents(st, events)));
    try {
      c.emit([{ type: 'ftpChanged', ftp: { port: 9444, fixed: false }, ts: new Date().toISOString() }]);
      await waitFor(() => expect(useBench.getState().status?.ftp).toEqual({ port: 9444, fixed: false }));
      await saveFtpPort(c);
      const dialog = await screen.findByRole('dialog', { name: 'Move the FTP server to port 9333 now?' });
      expect(dialog.textContent).toContain('moves from port 9444 to port 9333 at once');
    } finally {
      off();
    }
  });
});
