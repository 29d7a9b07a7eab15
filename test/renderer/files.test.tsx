// @vitest-environment jsdom
// Files chargers fetch and send, in the UI: the GetDiagnostics panel fills in a bench upload location
// (FTP or HTTP, a new one after each send), the UpdateFirmware panel fills in a hosted file (HTTP or FTP),
// and a charger's Files tab lists its uploads live with progress, expiry and a download button.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { ChargerFiles } from '../../src/renderer/src/features/files/ChargerFiles';
import { SettingsScreen } from '../../src/renderer/src/app/screens';
import { defaultSettings } from '../../src/shared/api/settings';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { BenchSettings, ChargerView, HostedFileView, OperationResult, UploadLocationView, UploadView } from '../../src/shared/api/views';
import { fakeClient, withBench, aCharger } from './fake-client';
import { formatClock } from '../../src/shared/format/time';

const charger = (id: string): ChargerView => aCharger(id);

let n = 0;
const newLocation = (chargerId: string): UploadLocationView => {
  n++;
  return {
    id: `loc${n}`,
    chargerId,
    http: `http://192.168.1.20:9000/uploads/token${n}/`,
    ftp: `ftp://diag-00000000000${n}:secret${n}@192.168.1.20:2121/`,
    alternatives: { http: [], ftp: [] },
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
};

const hostedFile = (name: string, hostedAt: string): HostedFileView => ({
  url: `http://192.168.1.20:9000/files/ID-${name}/${name}`,
  ftpUrl: `ftp://fw-000000000001:pw@192.168.1.20:2121/${name}`,
  name,
  size: 2_500_000,
  alternatives: [],
  ftpAlternatives: [],
  hostedAt,
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
});

const upload = (patch: Partial<UploadView>): UploadView => ({
  id: 'u1',
  chargerId: 'CP001',
  name: 'diag.tar.gz',
  via: 'ftp',
  status: 'received',
  bytes: 14_200,
  lastDataAt: new Date().toISOString(),
  silenceLimitMs: 300_000,
  expectedBytes: null,
  startedAt: new Date(Date.now() - 120_000).toISOString(),
  finishedAt: new Date(Date.now() - 60_000).toISOString(),
  error: null,
  expiresAt: new Date(Date.now() + 7 * 86_400_000 - 1000).toISOString(),
  locationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  ...patch,
});

const completed = (response: Record<string, unknown>): OperationResult => ({ outcome: 'completed', response: response as never, operationId: 1 });
const field = (name: RegExp) => screen.getByRole('textbox', { name }) as HTMLInputElement;

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: charger('CP001') } });
});

afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('Get diagnostics', () => {
  it('fills in a bench location over FTP (or HTTP), sends it, and takes a new one for the next request', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'files:uploadLocation': ({ chargerId }) => newLocation(chargerId),
      'chargers:operate': () => completed({ fileName: 'diag.tar.gz' }),
    });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetDiagnostics" />));
    await waitFor(() => expect(field(/Upload location/).value).toMatch(/^ftp:\/\/diag-/));
    const first = client.callsOf('files:uploadLocation');
    expect(first).toEqual([{ chargerId: 'CP001' }]);
    const ftp = field(/Upload location/).value;
    expect(screen.getByText(/The bench receives it over FTP/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Files tab' }).getAttribute('href')).toBe('/chargers/CP001?tab=files');

    await user.click(screen.getByRole('button', { name: 'Bench over HTTP' }));
    expect(field(/Upload location/).value).toMatch(/^http:\/\/192\.168\.1\.20:9000\/uploads\/token\d+\/$/);
    await user.click(screen.getByRole('button', { name: 'Bench over FTP' }));
    expect(field(/Upload location/).value).toBe(ftp);

    await user.click(screen.getByRole('button', { name: 'Request diagnostics' }));
    await screen.findByText(/Upload coming/);
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'GetDiagnostics', payload: { location: ftp } }]);
    // Each request its own location: a fresh one is filled in once this one is used.
    await waitFor(() => expect(client.callsOf('files:uploadLocation')).toHaveLength(2));
    await waitFor(() => expect(field(/Upload location/).value).not.toBe(ftp));
    expect(field(/Upload location/).value).toMatch(/^ftp:\/\/diag-/);
  });

  it("takes a location of the user's own when typed, and offers HTTP when the bench has no FTP server", async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'files:uploadLocation': ({ chargerId }) => ({ ...newLocation(chargerId), ftp: null }) });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetDiagnostics" />));
    await waitFor(() => expect(field(/Upload location/).value).toMatch(/^http:\/\//));
    expect((screen.getByRole('button', { name: 'Bench over FTP' }) as HTMLButtonElement).disabled).toBe(true);
    await user.clear(field(/Upload location/));
    await user.type(field(/Upload location/), 'ftp://me:pw@10.0.0.5/in/');
    expect(field(/Upload location/).value).toBe('ftp://me:pw@10.0.0.5/in/');
    expect(screen.getByRole('button', { name: 'Own server' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('Update firmware', () => {
  it('fills in the newest hosted file over HTTP, or FTP, and another hosted file when picked', async () => {
    const user = userEvent.setup();
    const newest = hostedFile('5.1.0.bin', '2025-01-02T10:00:00Z');
    const older = hostedFile('5.0.0.bin', '2025-01-01T10:00:00Z');
    const client = fakeClient({ 'files:hosted': () => [newest, older] });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="UpdateFirmware" />));
    await waitFor(() => expect(field(/Firmware location/).value).toBe(newest.url));
    expect(screen.getByText('Served by the bench: 5.1.0.bin')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Bench over FTP' }));
    expect(field(/Firmware location/).value).toBe(newest.ftpUrl);
    await user.click(screen.getByRole('combobox', { name: 'Hosted file' }));
    await user.click(screen.getByRole('option', { name: /^5\.0\.0\.bin/ }));
    expect(field(/Firmware location/).value).toBe(older.ftpUrl);
  });
});

describe("a charger's Files tab", () => {
  it('lists the uploads live: progress while receiving, then a download button; removed ones go', async () => {
    const user = userEvent.setup();
    const arriving = upload({ id: 'u2', name: 'logs-now.txt', via: 'http', status: 'receiving', bytes: 1000, expectedBytes: 4000, finishedAt: null });
    const client = fakeClient({ 'files:uploads': () => [arriving, upload({})] });
    const downloads: unknown[] = [];
    client.downloadUpload = async (u) => {
      downloads.push(u);
      return { saved: true, where: "the browser's downloads" };
    };
    render(withBench(client, <ChargerFiles chargerId="CP001" />));
    const table = await screen.findByRole('table', { name: 'Files uploaded by CP001' });
    expect(client.callsOf('files:uploads')).toEqual([{ chargerId: 'CP001' }]);
    const row = (name: string) => within(table).getByText(name).closest('tr')!;
    expect(within(row('diag.tar.gz')).getByText('14.2 kB')).toBeTruthy();
    expect(within(row('diag.tar.gz')).getByText('in 6 days')).toBeTruthy();
    expect(within(row('diag.tar.gz')).getByText('FTP')).toBeTruthy();
    expect(within(row('logs-now.txt')).getByText('Receiving: 1.0 kB of 4.0 kB')).toBeTruthy();
    expect(within(row('logs-now.txt')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    expect((within(row('logs-now.txt')).getByRole('button', { name: 'Download logs-now.txt' }) as HTMLButtonElement).disabled).toBe(true);

    client.emit([{ type: 'uploadChanged', upload: { ...arriving, bytes: 3000 }, ts: '' }]);
    await waitFor(() => expect(within(row('logs-now.txt')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('75'));
    client.emit([{ type: 'uploadChanged', upload: { ...arriving, bytes: 4000, status: 'received', finishedAt: new Date().toISOString() }, ts: '' }]);
    const button = await waitFor(() => {
      const b = within(row('logs-now.txt')).getByRole('button', { name: 'Download logs-now.txt' }) as HTMLButtonElement;
      expect(b.disabled).toBe(false);
      return b;
    });
    await user.click(button);
    expect(downloads).toEqual([expect.objectContaining({ id: 'u2', name: 'logs-now.txt' })]);
    expect(await screen.findByText(/Saved logs-now.txt/)).toBeTruthy();

    // A new upload appears at the top; another charger's does not appear at all.
    client.emit([
      { type: 'uploadChanged', upload: upload({ id: 'u3', name: 'third.log', status: 'receiving', bytes: 0, finishedAt: null }), ts: '' },
      { type: 'uploadChanged', upload: upload({ id: 'u4', chargerId: 'CP002', name: 'not-mine.log' }), ts: '' },
    ]);
    await waitFor(() => expect(within(table).getAllByRole('row')[1].textContent).toContain('third.log'));
    expect(within(table).queryByText('not-mine.log')).toBeNull();
    client.emit([{ type: 'uploadRemoved', id: 'u1', chargerId: 'CP001', ts: '' }]);
    await waitFor(() => expect(within(table).queryByText('diag.tar.gz')).toBeNull());
  });

  it('shows why an upload failed, and deletes one after asking', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'files:uploads': () => [upload({ status: 'failed', error: 'The upload was cut off before it completed', bytes: 500 })],
      'files:deleteUpload': () => null,
    });
    render(withBench(client, <ChargerFiles chargerId="CP001" />));
    expect(await screen.findByText(/cut off before it completed \(500 B arrived\)/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Delete diag.tar.gz' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete file' }));
    await waitFor(() => expect(client.callsOf('files:deleteUpload')).toEqual([{ id: 'u1' }]));
  });

  it('says so when a receiving upload gets no bytes for over 30 s (ticking), without failing it, and reads receiving again when they flow', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      vi.setSystemTime(new Date(2026, 2, 1, 10, 2, 23));
      const lastData = new Date(2026, 2, 1, 10, 2, 13).toISOString();
      const ftp = upload({ id: 'u5', name: 'hung.zip', via: 'ftp', status: 'receiving', bytes: 1000, lastDataAt: lastData, silenceLimitMs: 300_000, finishedAt: null });
      const http = upload({
        id: 'u6',
        name: 'put.log',
        via: 'http',
        status: 'receiving',
        bytes: 2000,
        expectedBytes: 8000,
        lastDataAt: null,
        silenceLimitMs: 300_000,
        finishedAt: null,
        startedAt: lastData,
      });
      const client = fakeClient({ 'files:uploads': () => [ftp, http] });
      render(withBench(client, <ChargerFiles chargerId="CP001" />));
      const table = await screen.findByRole('table', { name: 'Files uploaded by CP001' });
      const row = (name: string) => within(table).getByText(name).closest('tr')!;
      expect(within(row('hung.zip')).getByText('Receiving: 1.0 kB so far')).toBeTruthy();
      expect(row('hung.zip').textContent).not.toContain('No data');

      await act(async () => void vi.advanceTimersByTime(120_000));
      const at = (h: number, m: number, sec: number) => formatClock(new Date(2026, 2, 1, h, m, sec).toISOString());
      expect(row('hung.zip').textContent).toContain(
        `1.0 kB so far arrived. No data since ${at(10, 2, 13)} (2 min ago): the charger may have lost its connection; the bench keeps waiting until ${at(10, 7, 13)}, then keeps the bytes that came as incomplete.`,
      );
      expect(within(row('hung.zip')).getByText('No data arriving')).toBeTruthy();
      expect(within(row('hung.zip')).queryByText(/Failed|Receiving:/)).toBeNull();
      expect(row('put.log').textContent).toContain(
        `2.0 kB of 8.0 kB arrived. No data yet, since it began at ${at(10, 2, 13)} (2 min ago): the charger may have lost its connection; the bench keeps waiting until ${at(10, 7, 13)}, then keeps the bytes that came as incomplete.`,
      );
      // The "ago" ticks.
      await act(async () => void vi.advanceTimersByTime(60_000));
      expect(row('hung.zip').textContent).toContain(`No data since ${at(10, 2, 13)} (3 min ago)`);

      // Bytes again: receiving again.
      act(() => client.emit([{ type: 'uploadChanged', upload: { ...ftp, bytes: 5000, lastDataAt: new Date().toISOString() }, ts: '' }]));
      await waitFor(() => expect(within(row('hung.zip')).getByText('Receiving: 5.0 kB so far')).toBeTruthy());
      expect(row('hung.zip').textContent).not.toContain('No data');

      // With the link to the bench down, no news is no news of the charger: nothing is claimed of it.
      act(() => useBench.setState({ link: 'closed' }));
      expect(row('put.log').textContent).not.toContain('No data');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when nothing was uploaded yet', async () => {
    render(withBench(fakeClient({ 'files:uploads': () => [] }), <ChargerFiles chargerId="CP001" />));
    expect(await screen.findByText('Nothing uploaded yet.')).toBeTruthy();
  });
});

describe('the FTP port in Settings', () => {
  it('is checked before sending, and saved alone when changed', async () => {
    const user = userEvent.setup();
    let saved: BenchSettings = { ...defaultSettings };
    const client = fakeClient({ 'settings:get': () => saved, 'settings:update': (patch) => (saved = { ...saved, ...patch } as BenchSettings), 'idTags:list': () => [] });
    render(withBench(client, <SettingsScreen />));
    const port = (await screen.findByLabelText('FTP port')) as HTMLInputElement;
    expect(port.value).toBe('2121');
    expect(screen.getByText(/where chargers upload diagnostics and fetch firmware/)).toBeTruthy();
    await user.clear(port);
    await user.type(port, '70000');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/FTP port must be at most 65535/)).toBeTruthy();
    expect(client.callsOf('settings:update')).toEqual([]);
    await user.clear(port);
    await user.type(port, '2200');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(client.callsOf('settings:update')).toEqual([{ ftpPort: 2200 }]));
  });
});
