// Status: the spec's connector state machine (Available, Preparing, Charging, ... Faulted) worked out from
// the charger's state, StatusNotification for every change, and availability (ChangeAvailability).
import type { ChargePointErrorCode, ChargePointStatus, RequestOf } from '../../../shared/ocpp16';
import type { Availability, Connector, Model, StatusHolder } from '../model';

export class StatusService {
  /** After a reconnect, statuses wait until the queued transaction messages are delivered. */
  holding = false;

  constructor(private readonly cp: Model) {}

  statusOf(c: Connector): ChargePointStatus {
    // A fault of the charger as a whole leaves no connector able to deliver energy (OCPP 1.6, 4.9: Faulted).
    if (c.fault || this.cp.connectors.charger.fault) return 'Faulted';
    if (c.tx) {
      if (c.evSuspended || !c.plugged) return 'SuspendedEV';
      if (this.cp.metering.targetPowerW(c) <= 0) return 'SuspendedEVSE';
      return 'Charging';
    }
    if (c.startFailed) return 'Available';
    if (c.finishing || c.cableLockedFor !== null) return 'Finishing';
    if (c.availability === 'Inoperative' || this.cp.connectors.charger.availability === 'Inoperative') return 'Unavailable';
    // The reserving card presented (or a remote start for it) turns Reserved into Preparing.
    if (c.authorized) return 'Preparing';
    if (this.cp.reservations.reservationOn(c.id) && !c.plugged) return 'Reserved';
    if (c.plugged) return 'Preparing';
    return 'Available';
  }

  errorCodeOf(c: Connector): ChargePointErrorCode {
    if (c.fault) return c.fault.errorCode;
    if (this.cp.connectors.charger.fault) return this.cp.connectors.charger.fault.errorCode;
    if (c.lockFailure) return 'ConnectorLockFailure';
    return 'NoError';
  }

  /** Connector 0: the charger as a whole. */
  chargerStatus(): { status: ChargePointStatus; errorCode: ChargePointErrorCode; info?: string } {
    const charger = this.cp.connectors.charger;
    if (charger.fault) return { status: 'Faulted', errorCode: charger.fault.errorCode, info: charger.fault.info };
    return { status: charger.availability === 'Inoperative' ? 'Unavailable' : 'Available', errorCode: 'NoError' };
  }

  /** Tells the central system a connector's status if it changed since it was last told (or always). */
  report(connectorId: number, force: boolean): void {
    let payload: RequestOf<'StatusNotification'>;
    let holder: StatusHolder;
    if (connectorId === 0) {
      const s = this.chargerStatus();
      payload = { connectorId: 0, status: s.status, errorCode: s.errorCode, ...(s.info ? { info: s.info } : {}) };
      holder = this.cp.connectors.charger;
    } else {
      const c = this.cp.connectors.all[connectorId - 1];
      payload = { connectorId, status: this.statusOf(c), errorCode: this.errorCodeOf(c), ...(c.fault?.info ? { info: c.fault.info } : {}) };
      holder = c;
    }
    const key = `${payload.status}/${payload.errorCode}`;
    // The timestamp says when the state began, which matters when it is reported late (after offline).
    if (holder.current !== key) {
      holder.current = key;
      holder.since = this.cp.iso();
    }
    payload.timestamp = holder.since ?? this.cp.iso();
    if (!force && holder.reported === key) return;
    if (!this.cp.isAccepted || this.holding) return;
    holder.reported = key;
    void this.cp.call('StatusNotification', payload).then((o) => {
      // Lost with the connection (it dropped before the answer): reported again after the reconnect, as a change meanwhile.
      if (o.outcome === 'offline' && holder.reported === key) holder.reported = null;
    });
  }

  /** One connector's status now, even while the others wait for the queue (a late answer is about to change it). */
  reportNow(connectorId: number): void {
    const holding = this.holding;
    this.holding = false;
    this.report(connectorId, false);
    this.holding = holding;
  }

  reportAll(): void {
    for (const id of this.cp.connectors.ids()) this.report(id, false);
  }

  /** The queue is delivered (or stuck in retries): the statuses held back go out. */
  release(): void {
    if (!this.holding) return;
    this.holding = false;
    this.reportAll();
  }

  /** TriggerMessage(StatusNotification) goes out even while Pending (the central system asked for it). */
  triggered(connectorId: number): void {
    const c = this.cp.connectors.all[connectorId - 1];
    const s = connectorId === 0 ? this.chargerStatus() : { status: this.statusOf(c), errorCode: this.errorCodeOf(c) };
    void this.cp.call('StatusNotification', { connectorId, status: s.status, errorCode: s.errorCode, timestamp: this.cp.iso() });
  }

  /** ChangeAvailability: at once where no transaction runs, else Scheduled for when it ends. */
  changeAvailability(connectorId: number, type: Availability): 'Accepted' | 'Scheduled' {
    const { connectors } = this.cp;
    const targets = connectorId === 0 ? connectors.all : [connectors.all[connectorId - 1]];
    let scheduled = false;
    for (const c of targets) {
      if (c.tx && c.availability !== type) {
        c.scheduledAvailability = type;
        scheduled = true;
      } else {
        c.availability = type;
        if (type === 'Inoperative') this.cp.transactions.dropAuthorized(c);
        c.scheduledAvailability = null;
      }
    }
    if (connectorId === 0) {
      // The charger as a whole follows once its last transaction ends; free connectors follow at once.
      if (scheduled) connectors.charger.scheduledAvailability = type;
      else {
        connectors.charger.availability = type;
        connectors.charger.scheduledAvailability = null;
      }
    }
    return scheduled ? 'Scheduled' : 'Accepted';
  }

  /** A transaction ended: an availability change scheduled for it takes effect (the charger's once none runs). */
  transactionEnded(c: Connector): void {
    const charger = this.cp.connectors.charger;
    if (c.scheduledAvailability) {
      c.availability = c.scheduledAvailability;
      c.scheduledAvailability = null;
    }
    if (charger.scheduledAvailability && !this.cp.connectors.all.some((x) => x.tx)) {
      charger.availability = charger.scheduledAvailability;
      charger.scheduledAvailability = null;
    }
  }

  /** The power goes: the central system will be told everything afresh after the next boot. */
  powerDown(): void {
    for (const c of this.cp.connectors.all) c.reported = null;
    this.cp.connectors.charger.reported = null;
    this.holding = false;
  }
}
