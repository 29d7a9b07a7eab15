// Boot: BootNotification at every connection until Accepted (again after the interval while Pending or
// Rejected), then what registration starts; and the session resumed after a reconnect without a reboot.
import type { RegistrationStatus, RequestOf } from '../../../shared/ocpp16';
import type { Timer } from '../../clock';
import type { Model } from '../model';

/** Without an answer, the charger asks again after this long. */
const RETRY_MS = 30_000;

export class BootService {
  registration: RegistrationStatus | null = null;
  private bootTimer: Timer | null = null;

  constructor(private readonly cp: Model) {}

  async boot(): Promise<void> {
    this.bootTimer?.cancel();
    const endpoint = this.cp.connection.endpoint;
    if (!endpoint) return;
    const outcome = await this.cp.call('BootNotification', this.payload());
    if (this.cp.connection.endpoint !== endpoint) return;
    if (outcome.outcome !== 'completed') {
      this.bootTimer = this.cp.clock.after(RETRY_MS, () => void this.boot());
      return;
    }
    const { status, interval } = outcome.response;
    if (status === 'Accepted') return this.accepted(interval);
    this.registration = status;
    this.cp.changed();
    // Pending and Rejected: ask again after the interval given (at least a second).
    this.bootTimer = this.cp.clock.after(Math.max(1, interval || 60) * 1000, () => void this.boot());
  }

  /** Registered: heartbeats at the interval given, every status, then what waited (also after a triggered boot). */
  accepted(interval: number): void {
    const { cp } = this;
    this.bootTimer?.cancel();
    this.bootTimer = null;
    cp.status.holding = false;
    this.registration = 'Accepted';
    cp.changed();
    if (interval > 0) cp.heartbeat.useInterval(interval);
    cp.heartbeat.start();
    cp.metering.startAligned();
    for (const id of cp.connectors.ids()) cp.status.report(id, true);
    cp.firmware.booted();
    cp.transactions.pump();
  }

  /** Back online without a reboot: report what changed meanwhile, deliver queued transaction messages. */
  resume(): void {
    const { cp } = this;
    cp.heartbeat.start();
    // Queued transaction messages lead, so the central system learns what happened offline, in order,
    // before the statuses that follow from it.
    cp.status.holding = cp.transactions.queued > 0;
    cp.transactions.pump();
    if (!cp.status.holding) cp.status.reportAll();
  }

  /** TriggerMessage(BootNotification): an Accepted answer registers a charger that was not yet. */
  triggered(): void {
    void this.cp.call('BootNotification', this.payload()).then((o) => {
      if (o.outcome === 'completed' && o.response.status === 'Accepted' && this.registration !== 'Accepted' && this.cp.connection.state === 'connected') this.accepted(o.response.interval);
    });
  }

  payload(): RequestOf<'BootNotification'> {
    const d = this.cp.definition;
    return {
      chargePointVendor: d.vendor,
      chargePointModel: d.model,
      chargePointSerialNumber: d.serialNumber ?? `VCP-${d.id}`.slice(0, 25),
      chargeBoxSerialNumber: d.serialNumber ?? `VCP-${d.id}`.slice(0, 25),
      firmwareVersion: this.cp.firmware.version,
      meterType: 'ChargeBench virtual meter',
      meterSerialNumber: `VM-${d.id}`.slice(0, 25),
    };
  }

  /** The connection is gone: a rejected charger boots afresh when it gets through again; an accepted one resumes. */
  connectionLost(): void {
    this.bootTimer?.cancel();
    if (this.registration !== 'Accepted') this.registration = null;
  }

  powerDown(): void {
    this.bootTimer?.cancel();
    this.bootTimer = null;
    this.registration = null;
  }
}
