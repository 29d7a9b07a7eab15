// The charging profiles of the virtual charge point (OCPP 1.6 section 3.13): decides SetChargingProfile and
// ClearChargingProfile, keeps the installed profiles, and works out composite schedules and the power limit.
import type {
  ChargingProfile,
  ChargingProfilePurposeType,
  ChargingRateUnitType,
  ChargingSchedulePeriod,
  ClearChargingProfileRequest,
  GetCompositeScheduleRequest,
  GetCompositeScheduleResponse,
  SetChargingProfileRequest,
} from '../../../shared/ocpp16';

/** From the charger's configuration keys. */
export interface SmartChargingLimits {
  /** ChargeProfileMaxStackLevel */
  maxStackLevel: number;
  /** ChargingScheduleAllowedChargingRateUnit ("Current" -> 'A', "Power" -> 'W') */
  allowedRateUnits: Array<'A' | 'W'>;
  /** ChargingScheduleMaxPeriods */
  maxPeriods: number;
  /** MaxChargingProfilesInstalled */
  maxProfiles: number;
}

export interface InstalledProfile {
  connectorId: number;
  profile: ChargingProfile;
  /** epoch ms */
  installedAt: number;
}

export interface ActiveTransaction {
  transactionId: number;
  /** epoch ms */
  startedAt: number;
}

export type ActiveTx = (connectorId: number) => ActiveTransaction | null;

export interface ChargingProfilesOptions {
  connectors: number;
  /** Line-to-neutral volts for A <-> W (P = I * U * phases); default 230. */
  voltage?: number;
  /** Phases of a period without numberPhases; default 3 as the spec says. */
  defaultPhases?: number;
  /**
   * The connector's rated current per phase. When given, a composite schedule fills the stretches where no
   * profile sets a limit with it; without it, a composite schedule can only leave them out (see composite).
   */
  maxCurrentA?: number;
  /** Restored state. */
  profiles?: InstalledProfile[];
}

type SetStatus = 'Accepted' | 'Rejected' | 'NotSupported';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

interface Limit {
  value: number;
  unit: ChargingRateUnitType;
  phases: number;
}

/** What Relative schedules are measured from: the transaction's start, or the moment asked about without one. */
interface Frame {
  ref: number;
  tx: ActiveTransaction | null;
}

const ms = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));

// Limits are rounded down, so that converting units never yields a limit above the one set.
const tenths = (x: number): number => Math.floor(x * 10 + 1e-6) / 10;

function wellFormed(p: ChargingProfile, limits: SmartChargingLimits): boolean {
  const s = p.chargingSchedule;
  if (!Number.isInteger(p.stackLevel) || p.stackLevel < 0 || p.stackLevel > limits.maxStackLevel) return false;
  if (!limits.allowedRateUnits.includes(s.chargingRateUnit)) return false;
  if (s.chargingSchedulePeriod.length > limits.maxPeriods) return false;
  if (p.chargingProfileKind === 'Recurring' && p.recurrencyKind === undefined) return false;
  if (s.duration !== undefined && s.duration < 0) return false;
  for (const iso of [s.startSchedule, p.validFrom, p.validTo]) if (iso !== undefined && Number.isNaN(Date.parse(iso))) return false;
  const from = ms(p.validFrom);
  const to = ms(p.validTo);
  if (from !== undefined && to !== undefined && to <= from) return false;
  let previous = -1;
  for (const period of s.chargingSchedulePeriod) {
    if (period.startPeriod <= previous || period.limit < 0) return false;
    if (period.numberPhases !== undefined && (period.numberPhases < 1 || period.numberPhases > 3)) return false;
    previous = period.startPeriod;
  }
  return true;
}

export class ChargingProfiles {
  private readonly connectors: number;
  private readonly voltage: number;
  private readonly defaultPhases: number;
  private readonly maxCurrentA: number | undefined;
  private installed: InstalledProfile[];

  constructor(opts: ChargingProfilesOptions) {
    this.connectors = opts.connectors;
    this.voltage = opts.voltage ?? 230;
    this.defaultPhases = opts.defaultPhases ?? 3;
    this.maxCurrentA = opts.maxCurrentA;
    this.installed = (opts.profiles ?? []).map((ip) => ({ ...ip }));
  }

  /**
   * Decides SetChargingProfile and installs the profile when Accepted. A TxProfile without a transactionId is
   * stored bound to the active transaction, so that it goes when that transaction ends.
   */
  set(req: SetChargingProfileRequest, now: number, activeTx: ActiveTx, limits: SmartChargingLimits): SetStatus {
    // A charger that allows no rate unit at all has no smart charging to speak of.
    if (limits.allowedRateUnits.length === 0) return 'NotSupported';
    const { connectorId } = req;
    let profile = req.csChargingProfiles;
    if (!this.exists(connectorId) || !wellFormed(profile, limits)) return 'Rejected';
    switch (profile.chargingProfilePurpose) {
      case 'ChargePointMaxProfile':
        if (connectorId !== 0) return 'Rejected';
        break;
      case 'TxDefaultProfile':
        break;
      case 'TxProfile': {
        if (connectorId === 0) return 'Rejected';
        const tx = activeTx(connectorId);
        if (tx === null) return 'Rejected';
        // A transaction whose StartTransaction is not answered yet has no id (a negative one here): the
        // profile stays unbound until bindTransaction gives it the id the StartTransaction answer brings.
        if (tx.transactionId < 0) {
          if (profile.transactionId === undefined) break;
          profile = { ...profile };
          delete profile.transactionId;
          break;
        }
        if (profile.transactionId !== undefined && profile.transactionId !== tx.transactionId) return 'Rejected';
        profile = { ...profile, transactionId: tx.transactionId };
        break;
      }
    }
    return this.install(connectorId, profile, now, limits) ? 'Accepted' : 'Rejected';
  }

  clear(req: ClearChargingProfileRequest): 'Accepted' | 'Unknown' {
    const before = this.installed.length;
    if (req.id !== undefined) {
      this.installed = this.installed.filter((ip) => ip.profile.chargingProfileId !== req.id);
    } else {
      const matches = (ip: InstalledProfile) =>
        (req.connectorId === undefined || ip.connectorId === req.connectorId) &&
        (req.chargingProfilePurpose === undefined || ip.profile.chargingProfilePurpose === req.chargingProfilePurpose) &&
        (req.stackLevel === undefined || ip.profile.stackLevel === req.stackLevel);
      this.installed = this.installed.filter((ip) => !matches(ip));
    }
    return this.installed.length < before ? 'Accepted' : 'Unknown';
  }

  /**
   * Removes TxProfiles bound to a transaction (or to a connector) when the transaction ends. A connector has one
   * transaction at a time, so every TxProfile on it belonged to the one ending (or to none yet).
   */
  transactionEnded(connectorId: number, transactionId: number | null): void {
    this.installed = this.installed.filter(
      (ip) => ip.profile.chargingProfilePurpose !== 'TxProfile' || (ip.connectorId !== connectorId && (transactionId === null || ip.profile.transactionId !== transactionId)),
    );
  }

  /**
   * Installs the chargingProfile given in RemoteStartTransaction for the transaction about to start on
   * connectorId; false if it is not acceptable (wrong purpose, too many periods, bad unit, stack level, room).
   * The transaction has no id yet, so any transactionId given is dropped; bindTransaction sets it later.
   */
  installRemoteStartProfile(connectorId: number, profile: ChargingProfile, now: number, limits: SmartChargingLimits): boolean {
    if (connectorId < 1 || connectorId > this.connectors) return false;
    if (profile.chargingProfilePurpose !== 'TxProfile' || !wellFormed(profile, limits)) return false;
    const unbound = { ...profile };
    delete unbound.transactionId;
    return this.install(connectorId, unbound, now, limits);
  }

  /** Binds TxProfiles installed without a transactionId on this connector to the transaction once its id is known. */
  bindTransaction(connectorId: number, transactionId: number): void {
    this.installed = this.installed.map((ip) =>
      ip.connectorId === connectorId && ip.profile.chargingProfilePurpose === 'TxProfile' && ip.profile.transactionId === undefined ? { ...ip, profile: { ...ip.profile, transactionId } } : ip,
    );
  }

  /**
   * The answer to GetCompositeSchedule over [now, now + duration]. Connector 0 is the charge point as a whole
   * (ChargePointMaxProfile with connector 0's TxDefaultProfile). Where no profile sets a limit the schedule can
   * say nothing (1.6 has no "unlimited"): without maxCurrentA a leading stretch is left out (the first period
   * starts later) and the schedule's duration ends where the first later stretch begins. If no profile sets a
   * limit anywhere in the window, the answer is the rated current alone, or without maxCurrentA, Accepted without
   * a chargingSchedule.
   */
  composite(req: GetCompositeScheduleRequest, now: number, activeTx: ActiveTx): GetCompositeScheduleResponse {
    const connectorId = req.connectorId;
    if (!this.exists(connectorId)) return { status: 'Rejected' };
    const frame: Frame = { ref: now, tx: connectorId > 0 ? activeTx(connectorId) : null };
    const span = Math.max(0, Math.floor(req.duration));
    const end = now + span * 1000;
    const iso = new Date(now).toISOString();

    const moments = new Set<number>([now]);
    for (const ip of this.relevant(connectorId, frame)) {
      for (const t of this.changes(ip, now, end, frame)) if (t > now && t < end) moments.add(t);
    }
    // Whole seconds are all a schedule can say; where two changes fall within one second the later one holds.
    const slots: Array<{ offset: number; limit: Limit | null }> = [];
    for (const t of [...moments].sort((a, b) => a - b)) {
      const offset = Math.round((t - now) / 1000);
      if (offset > 0 && offset >= span) continue;
      const limit = this.limitAt(connectorId, t, frame);
      const last = slots[slots.length - 1];
      if (last !== undefined && last.offset === offset) last.limit = limit;
      else slots.push({ offset, limit });
    }

    const first = slots.find((s) => s.limit !== null)?.limit;
    // No profile sets a limit: the charger's own limit, where it knows it, is the whole schedule (OCTT TC_067_CS).
    if ((first === undefined || first === null) && this.maxCurrentA === undefined) return { status: 'Accepted', connectorId, scheduleStart: iso };
    const unit = req.chargingRateUnit ?? first?.unit ?? 'A';

    const periods: Array<ChargingSchedulePeriod | null> = [];
    const starts: number[] = [];
    for (const { offset, limit } of slots) {
      const period = this.periodIn(limit, unit, offset);
      const last = periods[periods.length - 1];
      const same = periods.length > 0 && (last === null || period === null ? last === period : last.limit === period.limit && last.numberPhases === period.numberPhases);
      if (same) continue;
      periods.push(period);
      starts.push(offset);
    }
    const from = periods.findIndex((p) => p !== null);
    const gap = periods.findIndex((p, i) => i > from && p === null);
    const kept = (gap === -1 ? periods.slice(from) : periods.slice(from, gap)) as ChargingSchedulePeriod[];
    return {
      status: 'Accepted',
      connectorId,
      scheduleStart: iso,
      chargingSchedule: {
        duration: gap === -1 ? span : starts[gap],
        chargingRateUnit: unit,
        startSchedule: iso,
        chargingSchedulePeriod: kept,
      },
    };
  }

  /**
   * The first moment after `now`, up to `horizonMs` ahead, at which a profile may change the connector's limit
   * (a period starts, a schedule or validity ends), or null: when a charger must re-read limitW.
   */
  nextChange(connectorId: number, now: number, activeTx: ActiveTx, horizonMs = DAY_MS): number | null {
    if (!this.exists(connectorId)) return null;
    const frame: Frame = { ref: now, tx: connectorId > 0 ? activeTx(connectorId) : null };
    let next: number | null = null;
    for (const ip of this.relevant(connectorId, frame)) {
      for (const t of this.changes(ip, now, now + horizonMs, frame)) if (t > now && t <= now + horizonMs && (next === null || t < next)) next = t;
    }
    return next;
  }

  /** The power limit in W at `now` on a connector (Infinity if no profile applies), for metering. */
  limitW(connectorId: number, now: number, activeTx: ActiveTx): number {
    if (!this.exists(connectorId)) return Infinity;
    const limit = this.limitAt(connectorId, now, { ref: now, tx: connectorId > 0 ? activeTx(connectorId) : null });
    return limit === null ? Infinity : this.watts(limit);
  }

  /** The ChargePointMaxProfile limit in W at `now` for the charger as a whole (Infinity if none applies). */
  chargePointMaxW(now: number): number {
    const limit = this.stacked(this.on(0, 'ChargePointMaxProfile'), now, { ref: now, tx: null });
    return limit === null ? Infinity : this.watts(limit);
  }

  /** For persistence and display. */
  profiles(): InstalledProfile[] {
    return this.installed.map((ip) => ({ ...ip }));
  }

  private exists(connectorId: number): boolean {
    return Number.isInteger(connectorId) && connectorId >= 0 && connectorId <= this.connectors;
  }

  private install(connectorId: number, profile: ChargingProfile, now: number, limits: SmartChargingLimits): boolean {
    const replaced = (ip: InstalledProfile) =>
      ip.profile.chargingProfileId === profile.chargingProfileId ||
      (ip.connectorId === connectorId && ip.profile.chargingProfilePurpose === profile.chargingProfilePurpose && ip.profile.stackLevel === profile.stackLevel);
    const kept = this.installed.filter((ip) => !replaced(ip));
    if (kept.length + 1 > limits.maxProfiles) return false;
    this.installed = [...kept, { connectorId, profile, installedAt: now }];
    return true;
  }

  private on(connectorId: number, purpose: ChargingProfilePurposeType): InstalledProfile[] {
    return this.installed.filter((ip) => ip.connectorId === connectorId && ip.profile.chargingProfilePurpose === purpose);
  }

  private txProfiles(connectorId: number, frame: Frame): InstalledProfile[] {
    const tx = frame.tx;
    if (connectorId === 0 || tx === null) return [];
    return this.on(connectorId, 'TxProfile').filter((ip) => ip.profile.transactionId === undefined || ip.profile.transactionId === tx.transactionId);
  }

  /** Every profile that can bear on the connector's limit. */
  private relevant(connectorId: number, frame: Frame): InstalledProfile[] {
    const list = [...this.on(0, 'ChargePointMaxProfile'), ...this.on(0, 'TxDefaultProfile')];
    if (connectorId > 0) list.push(...this.on(connectorId, 'TxDefaultProfile'), ...this.txProfiles(connectorId, frame));
    return list;
  }

  /** min(ChargePointMaxProfile, TxProfile if one applies else TxDefaultProfile), or null where nothing applies. */
  private limitAt(connectorId: number, t: number, frame: Frame): Limit | null {
    const cpMax = this.stacked(this.on(0, 'ChargePointMaxProfile'), t, frame);
    // A TxProfile overrules the TxDefaultProfiles for the transaction while it is valid (validFrom/validTo),
    // even where its own schedule has ended (OCPP 1.6, 3.13.1; OCTT TC_066_CS). A connector's own
    // TxDefaultProfile overrides connector 0's, whatever the stack levels.
    const txProfiles = this.txProfiles(connectorId, frame);
    const tx = txProfiles.some((ip) => this.valid(ip, t))
      ? this.stacked(txProfiles, t, frame)
      : ((connectorId > 0 ? this.stacked(this.on(connectorId, 'TxDefaultProfile'), t, frame) : null) ?? this.stacked(this.on(0, 'TxDefaultProfile'), t, frame));
    if (cpMax === null) return tx;
    if (tx === null) return cpMax;
    return this.watts(tx) <= this.watts(cpMax) ? tx : cpMax;
  }

  /** The highest stack level whose schedule sets a limit at t wins; once it ends, the next one down takes over. */
  private stacked(profiles: InstalledProfile[], t: number, frame: Frame): Limit | null {
    const byLevel = [...profiles].sort((a, b) => b.profile.stackLevel - a.profile.stackLevel);
    for (const ip of byLevel) {
      const limit = this.profileLimit(ip, t, frame);
      if (limit !== null) return limit;
    }
    return null;
  }

  private scheduleStart(ip: InstalledProfile, t: number, frame: Frame): number | null {
    const p = ip.profile;
    switch (p.chargingProfileKind) {
      case 'Absolute':
        return ms(p.chargingSchedule.startSchedule) ?? ip.installedAt;
      case 'Relative':
        return frame.tx?.startedAt ?? frame.ref;
      case 'Recurring': {
        const anchor = ms(p.chargingSchedule.startSchedule) ?? ip.installedAt;
        if (t < anchor) return null;
        const every = p.recurrencyKind === 'Weekly' ? WEEK_MS : DAY_MS;
        return anchor + Math.floor((t - anchor) / every) * every;
      }
    }
  }

  /** Within the profile's validFrom and validTo. */
  private valid(ip: InstalledProfile, t: number): boolean {
    const validFrom = ms(ip.profile.validFrom);
    const validTo = ms(ip.profile.validTo);
    return !((validFrom !== undefined && t < validFrom) || (validTo !== undefined && t >= validTo));
  }

  private profileLimit(ip: InstalledProfile, t: number, frame: Frame): Limit | null {
    const p = ip.profile;
    if (!this.valid(ip, t)) return null;
    const start = this.scheduleStart(ip, t, frame);
    if (start === null || t < start) return null;
    const s = p.chargingSchedule;
    const elapsed = (t - start) / 1000;
    if (s.duration !== undefined && elapsed >= s.duration) return null;
    let current: ChargingSchedulePeriod | undefined;
    for (const period of s.chargingSchedulePeriod) if (period.startPeriod <= elapsed) current = period;
    if (current === undefined) return null;
    return { value: current.limit, unit: s.chargingRateUnit, phases: current.numberPhases ?? this.defaultPhases };
  }

  /** The moments within [from, to] at which the profile's limit may change. */
  private changes(ip: InstalledProfile, from: number, to: number, frame: Frame): number[] {
    const p = ip.profile;
    const s = p.chargingSchedule;
    const out: number[] = [];
    for (const t of [ms(p.validFrom), ms(p.validTo)]) if (t !== undefined) out.push(t);
    const offsets = s.chargingSchedulePeriod.map((period) => period.startPeriod * 1000);
    if (s.duration !== undefined) offsets.push(s.duration * 1000);
    const starts: number[] = [];
    if (p.chargingProfileKind === 'Recurring') {
      const anchor = ms(s.startSchedule) ?? ip.installedAt;
      const every = p.recurrencyKind === 'Weekly' ? WEEK_MS : DAY_MS;
      for (let k = Math.max(0, Math.floor((from - anchor) / every)); anchor + k * every <= to; k++) starts.push(anchor + k * every);
    } else {
      const start = this.scheduleStart(ip, from, frame);
      if (start !== null) starts.push(start);
    }
    for (const start of starts) {
      out.push(start);
      for (const offset of offsets) out.push(start + offset);
    }
    return out;
  }

  private watts(limit: Limit): number {
    return limit.unit === 'W' ? limit.value : limit.value * this.voltage * limit.phases;
  }

  private periodIn(limit: Limit | null, unit: ChargingRateUnitType, startPeriod: number): ChargingSchedulePeriod | null {
    const l = limit ?? (this.maxCurrentA === undefined ? null : { value: this.maxCurrentA, unit: 'A' as const, phases: this.defaultPhases });
    if (l === null) return null;
    const value = l.unit === unit ? l.value : unit === 'W' ? this.watts(l) : l.value / (this.voltage * l.phases);
    return { startPeriod, limit: tenths(value), numberPhases: l.phases };
  }
}
