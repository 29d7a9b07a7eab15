// @vitest-environment jsdom
// When the bench's FTP server moves to another port (Settings applies a new FTP port at once), panels open
// since then do not keep offering the dead port: Get diagnostics and Update firmware fetch the bench's
// ftp:// URLs again. And a Files tab row of an FTP upload whose sender never confirmed it whole says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { ChargerFiles } from '../../src/renderer/src/features/files/ChargerFiles';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { HostedFileView, UploadLocationView, UploadView } from '../../src/shared/api/views';
import { aCharger, fakeClient, withBench } from './fake-client';

let ftpPort = 9331;
const location = (chargerId: string): UploadLocationView => ({
  id: 'loc',
  chargerId,
  http: 'http://192.0.2.2:9000/uploads/token/',
  ftp: `ftp://diag-1:pw@192.0.2.2:${ftpPort}/`,
  alternatives: { http: [], ftp: [] },
  createdAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
});
const hosted = (): HostedFileView => ({
  url: 'http://192.0.2.2:9000/files/ID/fw.bin',
  ftpUrl: `ftp://fw-1:pw@192.0.2.2:${ftpPort}/fw.bin`,
  name: 'fw.bin',
  size: 1000,
  alternatives: [],
  ftpAlternatives: [],
  hostedAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
});
const field = (name: RegExp) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const moved = { type: 'ftpChanged' as const, ftp: { port: 9333, fixed: false }, ts: '' };

beforeEach(() => {
  ftpPort = 9331;
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001') } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('panels open when the FTP server moves', () => {
  it('Get diagnostics fills in a location on the new port', async () => {
    const client = fakeClient({ 'files:uploadLocation': ({ chargerId }) => location(chargerId) });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetDiagnostics" />));
    await waitFor(() => expect(field(/Upload location/).value).toContain(':9331/'));
    ftpPort = 9333;
    act(() => client.emit([moved]));
    await waitFor(() => expect(field(/Upload location/).value).toContain(':9333/'));
  });

  it('Update firmware offers the hosted file on the new port', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'files:hosted': () => [hosted()] });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="UpdateFirmware" />));
    await user.click(await screen.findByRole('button', { name: 'Bench over FTP' }));
    await waitFor(() => expect(field(/Firmware location/).value).toContain(':9331/fw.bin'));
    ftpPort = 9333;
    act(() => client.emit([moved]));
    await waitFor(() => expect(field(/Firmware location/).value).toContain(':9333/fw.bin'));
  });
});

describe("a Files tab's FTP upload never confirmed whole", () => {
  it('is shown incomplete with the reason, not as a good file; its bytes can still be downloaded', async () => {
    const row: UploadView = {
      id: 'u1',
      chargerId: 'CP001',
      name: 'cut.zip',
      via: 'ftp',
      status: 'incomplete',
      bytes: 500_000,
      lastDataAt: new Date(Date.now() - 30_000).toISOString(),
      silenceLimitMs: 300_000,
      expectedBytes: null,
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      finishedAt: new Date().toISOString(),
      error: 'The charger closed its FTP control connection without waiting for the bench to confirm the file (226): it may have stopped mid-file, so the file may be cut short',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      locationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    render(withBench(fakeClient({ 'files:uploads': () => [row] }), <ChargerFiles chargerId="CP001" />));
    const table = await screen.findByRole('table', { name: 'Files uploaded by CP001' });
    const tr = within(table).getByText('cut.zip').closest('tr')!;
    expect(within(tr).getByText('Incomplete?')).toBeTruthy();
    expect(tr.textContent).toContain('500.0 kB kept');
    expect(tr.textContent).toContain('may be cut short');
    expect((within(tr).getByRole('button', { name: 'Download cut.zip' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
