// Firmware: the version the charger runs, and UpdateFirmware as a real one does it: a real HTTP download
// at the retrieve date with retries, install once no transaction runs, a reboot, Installed after the boot.
import type { FirmwareStatus, RequestOf } from '../../../shared/ocpp16';
import { sleep } from '../../clock';
import type { Model } from '../model';
import { download, versionFromLocation } from './transfer';

/** How often the charger looks again whether its transactions have ended, and how long installing takes. */
const STEP_MS = 1_000;

/**
 * The header of an image made for other hardware: the virtual charger downloads it, then fails to install
 * it, as a real charger refuses an image whose header is not its own. (Any other image installs: the
 * virtual charger has no image format of its own.) The bench hosts such a file for OCTT TC_044_3_CS.
 */
export const UNSUPPORTED_FIRMWARE_HEADER = 'CHARGEBENCH-UNSUPPORTED-FIRMWARE';

export class FirmwareService {
  /** The firmware-install-failure fault: the image downloads but does not install. */
  installFails = false;
  version: string;
  status: FirmwareStatus = 'Idle';
  /** A download is on the wire (real I/O: a run on fake time waits for it). */
  transferring = false;
  /** Firmware installed but not yet reported (Installed follows the boot that runs it). */
  private installedPending = false;
  private run = 0;

  constructor(
    private readonly cp: Model,
    version: string,
  ) {
    this.version = version;
  }

  async update(req: RequestOf<'UpdateFirmware'>): Promise<void> {
    const { cp } = this;
    // A newer UpdateFirmware replaces this one; a power-off ends it.
    const run = ++this.run;
    const epoch = cp.epoch;
    const current = () => run === this.run && epoch === cp.epoch;
    const wait = Date.parse(req.retrieveDate) - cp.clock.now();
    if (wait > 0) await sleep(cp.clock, wait);
    const attempts = 1 + Math.max(0, req.retries ?? 0);
    let image: Awaited<ReturnType<typeof download>> | null = null;
    for (let i = 0; i < attempts; i++) {
      if (!current()) return;
      void this.setStatus('Downloading');
      this.transferring = true;
      image = await download(req.location).finally(() => (this.transferring = false));
      if (!current()) return;
      if (image.ok) break;
      cp.lastError = `Firmware download failed: ${image.reason}`;
      if (i + 1 < attempts) await sleep(cp.clock, Math.max(1, req.retryInterval ?? 30) * 1000);
    }
    if (!image?.ok) return this.setStatus('DownloadFailed');
    void this.setStatus('Downloaded');
    // A good charger installs once no transaction is running.
    while (cp.connectors.all.some((c) => c.tx)) {
      await sleep(cp.clock, STEP_MS);
      if (!current()) return;
    }
    // Installing goes out (and is answered) before the installation and its reboot can cut it off.
    await this.setStatus('Installing');
    await sleep(cp.clock, STEP_MS);
    if (!current()) return;
    if (this.installFails) {
      cp.lastError = 'Firmware installation failed (fault); the old firmware keeps running';
      return this.setStatus('InstallationFailed');
    }
    if (image.head.subarray(0, UNSUPPORTED_FIRMWARE_HEADER.length).toString('latin1') === UNSUPPORTED_FIRMWARE_HEADER) {
      cp.lastError = 'Firmware installation failed: the image is made for other hardware; the old firmware keeps running';
      return this.setStatus('InstallationFailed');
    }
    this.version = versionFromLocation(req.location, `${this.version}+1`);
    this.installedPending = true;
    await cp.reset.reboot('Reboot', true);
  }

  /** Registered after a boot: a new firmware says it is Installed. */
  booted(): void {
    if (!this.installedPending) return;
    this.installedPending = false;
    void this.setStatus('Installed');
  }

  /** TriggerMessage(FirmwareStatusNotification): the status while an update runs, else Idle. */
  triggered(): void {
    void this.cp.call('FirmwareStatusNotification', { status: ['Downloading', 'Downloaded', 'Installing'].includes(this.status) ? this.status : 'Idle' });
  }

  /** Reports a new status; resolves once the central system has answered it (or could not). */
  private async setStatus(status: FirmwareStatus): Promise<void> {
    this.status = status;
    this.cp.changed();
    if (this.cp.isAccepted) await this.cp.call('FirmwareStatusNotification', { status });
  }
}
