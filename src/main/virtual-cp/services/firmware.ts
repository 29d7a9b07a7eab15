// Firmware: the version the charger runs, and UpdateFirmware as a real one does it: a real HTTP download
// at the retrieve date with retries, install once no transaction runs, a reboot, Installed after the boot.
import type { FirmwareStatus, RequestOf } from '../../../shared/ocpp16';
import { sleep } from '../../clock';
import type { Model } from '../model';
import { download, versionFromLocation } from './transfer';

/** How often the charger looks again whether its transactions have ended, and how long installing takes. */
const STEP_MS = 1_000;

export class FirmwareService {
  /** The firmware-install-failure fault: the image downloads but does not install. */
  installFails = false;
  version: string;
  status: FirmwareStatus = 'Idle';
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
      this.setStatus('Downloading');
      image = await download(req.location);
      if (!current()) return;
      if (image.ok) break;
      cp.lastError = `Firmware download failed: ${image.reason}`;
      if (i + 1 < attempts) await sleep(cp.clock, Math.max(1, req.retryInterval ?? 30) * 1000);
    }
    if (!image?.ok) return this.setStatus('DownloadFailed');
    this.setStatus('Downloaded');
    // A good charger installs once no transaction is running.
    while (cp.connectors.all.some((c) => c.tx)) {
      await sleep(cp.clock, STEP_MS);
      if (!current()) return;
    }
    this.setStatus('Installing');
    await sleep(cp.clock, STEP_MS);
    if (!current()) return;
    if (this.installFails) {
      cp.lastError = 'Firmware installation failed (fault); the old firmware keeps running';
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
    this.setStatus('Installed');
  }

  /** TriggerMessage(FirmwareStatusNotification): the status while an update runs, else Idle. */
  triggered(): void {
    void this.cp.call('FirmwareStatusNotification', { status: ['Downloading', 'Downloaded', 'Installing'].includes(this.status) ? this.status : 'Idle' });
  }

  private setStatus(status: FirmwareStatus): void {
    this.status = status;
    this.cp.changed();
    if (this.cp.isAccepted) void this.cp.call('FirmwareStatusNotification', { status });
  }
}
