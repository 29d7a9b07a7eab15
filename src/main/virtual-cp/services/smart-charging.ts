// Smart charging as the charger runs it: the charging profiles (charging-profiles.ts) bound by this
// charger's configuration keys and transactions, and a timer at the next change of a running session's limit.
import type { ChargingProfile, ClearChargingProfileRequest, GetCompositeScheduleRequest, GetCompositeScheduleResponse, SetChargingProfileRequest } from '../../../shared/ocpp16';
import type { Timer } from '../../clock';
import { ownKeys, type OwnedKeys } from '../configuration';
import type { Model } from '../model';
import { VOLTAGE } from './metering';
import { ChargingProfiles, type ActiveTransaction, type InstalledProfile, type SmartChargingLimits } from './charging-profiles';

/** The configuration keys smart charging owns. */
export const smartChargingKeys = ['ChargeProfileMaxStackLevel', 'ChargingScheduleAllowedChargingRateUnit', 'ChargingScheduleMaxPeriods', 'MaxChargingProfilesInstalled'] as const;

const HORIZON_MS = 86_400_000;

export class SmartChargingService {
  private readonly profiles: ChargingProfiles;
  /** Fires when a charging schedule next changes a running session's limit (see followSchedules). */
  private scheduleTimer: Timer | null = null;
  private readonly keys: OwnedKeys<(typeof smartChargingKeys)[number]>;

  constructor(
    private readonly cp: Model,
    saved: InstalledProfile[] | undefined,
  ) {
    this.keys = ownKeys(cp.config, smartChargingKeys);
    const def = cp.definition;
    this.profiles = new ChargingProfiles({
      connectors: def.connectors,
      voltage: VOLTAGE,
      defaultPhases: def.phases,
      maxCurrentA: Math.floor((def.maxPowerW / (VOLTAGE * def.phases)) * 10) / 10,
      profiles: saved,
    });
  }

  /** The charger has the SmartCharging profile. */
  get enabled(): boolean {
    return this.cp.definition.profiles.includes('SmartCharging');
  }

  /** The transaction a TxProfile on a connector belongs to; -1 until StartTransaction is answered. */
  readonly activeTx = (connectorId: number): ActiveTransaction | null => {
    const tx = this.cp.connectors.all[connectorId - 1]?.tx;
    return tx ? { transactionId: tx.transactionId ?? -1, startedAt: tx.startedAt } : null;
  };

  set(req: SetChargingProfileRequest): 'Accepted' | 'Rejected' | 'NotSupported' {
    return this.profiles.set(req, this.cp.clock.now(), this.activeTx, this.limits());
  }

  clear(req: ClearChargingProfileRequest): 'Accepted' | 'Unknown' {
    return this.profiles.clear(req);
  }

  composite(req: GetCompositeScheduleRequest): GetCompositeScheduleResponse {
    return this.profiles.composite(req, this.cp.clock.now(), this.activeTx);
  }

  installRemoteStartProfile(connectorId: number, profile: ChargingProfile): boolean {
    return this.profiles.installRemoteStartProfile(connectorId, profile, this.cp.clock.now(), this.limits());
  }

  transactionEnded(connectorId: number, transactionId: number | null): void {
    this.profiles.transactionEnded(connectorId, transactionId);
  }

  bindTransaction(connectorId: number, transactionId: number): void {
    this.profiles.bindTransaction(connectorId, transactionId);
  }

  /** The limit on a connector now, W (Infinity where no profile applies). */
  limitW(connectorId: number): number {
    return this.profiles.limitW(connectorId, this.cp.clock.now(), this.activeTx);
  }

  /** The ChargePointMaxProfile limit on the charger as a whole now, W. */
  chargePointMaxW(): number {
    return this.profiles.chargePointMaxW(this.cp.clock.now());
  }

  installed(): InstalledProfile[] {
    return this.profiles.profiles();
  }

  /**
   * Charging schedules change the limit at their period boundaries, not only when something else happens:
   * a timer at the next boundary of a running transaction's limit settles the meter at the old power and
   * reports the status the new limit brings (e.g. SuspendedEVSE at 0 W). Re-armed on every refresh.
   */
  followSchedules(): void {
    this.scheduleTimer?.cancel();
    this.scheduleTimer = null;
    if (!this.cp.isRunning || !this.enabled || this.profiles.profiles().length === 0) return;
    // Only a running transaction draws power; idle connectors have nothing to follow.
    const busy = this.cp.connectors.all.filter((c) => c.tx);
    if (!busy.length) return;
    const now = this.cp.clock.now();
    let next = now + HORIZON_MS;
    for (const c of busy) {
      const t = this.profiles.nextChange(c.id, now, this.activeTx, HORIZON_MS);
      if (t !== null) next = Math.min(next, t);
    }
    this.scheduleTimer = this.cp.clock.after(next - now, () => {
      this.scheduleTimer = null;
      this.cp.refresh();
    });
  }

  powerDown(): void {
    this.scheduleTimer?.cancel();
    this.scheduleTimer = null;
  }

  private limits(): SmartChargingLimits {
    const units = this.keys.ChargingScheduleAllowedChargingRateUnit;
    return {
      maxStackLevel: this.keys.ChargeProfileMaxStackLevel,
      allowedRateUnits: [...(units.includes('Current') ? (['A'] as const) : []), ...(units.includes('Power') ? (['W'] as const) : [])],
      maxPeriods: this.keys.ChargingScheduleMaxPeriods,
      maxProfiles: this.keys.MaxChargingProfilesInstalled,
    };
  }
}
