// UpdateFirmware on a FakeClock with the download faked: the statuses along the way, installing only once
// no transaction runs, a reboot into the new version reported Installed, and the install-failure fault.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWire, type FakeWire } from '../../../../helpers/vcp-model';

const statuses = (w: FakeWire) => w.calls.filter((c) => c.action === 'FirmwareStatusNotification').map((c) => c.payload.status);
const update = { location: 'http://files.example/fw/2.0.0.bin', retrieveDate: '2026-01-01T00:00:00.000Z' };

afterEach(() => vi.unstubAllGlobals());

async function run(w: FakeWire, steps: number) {
  for (let i = 0; i < steps; i++) {
    await w.clock.advance(1_000);
    await w.settle();
  }
}

describe('firmware update', () => {
  it('downloads, waits for the transaction to end, installs, reboots into the new version and says Installed after the boot', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('image')),
    );
    const w = fakeWire();
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    const updating = w.cp.firmware.update(update);
    await run(w, 3);
    expect(statuses(w)).toEqual(['Downloading', 'Downloaded']);
    w.cp.unplug(1);
    await run(w, 3);
    expect(statuses(w)).toEqual(['Downloading', 'Downloaded', 'Installing']);
    expect(w.cp.connection.state).toBe('rebooting');
    expect(w.cp.firmware.version).toBe('2.0.0');
    // The next boot is accepted.
    w.cp.boot.registration = 'Accepted';
    w.cp.firmware.booted();
    expect(statuses(w)).toEqual(['Downloading', 'Downloaded', 'Installing', 'Installed']);
    await run(w, 2);
    await updating;
  });

  it('reports DownloadFailed after the retries, and InstallationFailed with the install-failure fault', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('gone', { status: 404 })),
    );
    const w = fakeWire();
    const failing = w.cp.firmware.update({ ...update, retries: 1, retryInterval: 5 });
    await run(w, 6);
    await failing;
    expect(statuses(w)).toEqual(['Downloading', 'Downloading', 'DownloadFailed']);
    expect(w.cp.view().lastError).toMatch(/^Firmware download failed: GET http:\/\/files.example\/fw\/2.0.0.bin answered HTTP 404/);

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('image')),
    );
    w.cp.firmware.installFails = true;
    const refused = w.cp.firmware.update(update);
    await run(w, 3);
    await refused;
    expect(statuses(w).slice(3)).toEqual(['Downloading', 'Downloaded', 'Installing', 'InstallationFailed']);
    expect(w.cp.firmware.version).toBe('1.0.0');
  });
});
