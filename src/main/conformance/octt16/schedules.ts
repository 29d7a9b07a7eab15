// What the smart-charging cases install and what they expect back: Absolute charging profiles built from the
// test data, the bench's own reading of the composite schedule they make (to compare the charger's
// GetCompositeSchedule answer with, second by second), and the declared capabilities a refusal contradicts.
import type { CaseContext } from '../context';
import type { ChargingProfile, ChargingProfilePurposeType } from '../../../shared/ocpp16';

type Payload = Record<string, unknown>;

/** A profile as the bench installs it (Absolute), with times in epoch ms and limits in the document's amperes. */
export interface PlannedProfile {
  id: number;
  connectorId: number;
  purpose: ChargingProfilePurposeType;
  stackLevel: number;
  transactionId?: number;
  start: number;
  validFrom?: number;
  validTo?: number;
  /** Seconds; none = the last period goes on. */
  duration?: number;
  /** [startPeriod s, limit A]; the limit is x1000 as W where the configured unit is W. */
  periods: Array<[number, number]>;
}

/** A limit as the document gives it (A), in the configured unit (x1000 for W). */
export const inUnit = (t: CaseContext, amps: number) => (t.data.chargingRateUnit === 'W' ? amps * 1000 : amps);

const iso = (ms: number) => new Date(ms).toISOString();

/** The OCPP profile for a planned one. */
export function chargingProfile(t: CaseContext, p: PlannedProfile): ChargingProfile {
  return {
    chargingProfileId: p.id,
    ...(p.transactionId !== undefined ? { transactionId: p.transactionId } : {}),
    stackLevel: p.stackLevel,
    chargingProfilePurpose: p.purpose,
    chargingProfileKind: 'Absolute',
    ...(p.validFrom !== undefined ? { validFrom: iso(p.validFrom) } : {}),
    ...(p.validTo !== undefined ? { validTo: iso(p.validTo) } : {}),
    chargingSchedule: {
      ...(p.duration !== undefined ? { duration: p.duration } : {}),
      startSchedule: iso(p.start),
      chargingRateUnit: t.data.chargingRateUnit,
      chargingSchedulePeriod: p.periods.map(([startPeriod, limit]) => ({ startPeriod, limit: inUnit(t, limit), numberPhases: t.data.numberPhases })),
    },
  };
}

/** The limit (A) one profile sets at time `at`, or null (not valid, not started, schedule over). */
function profileLimit(p: PlannedProfile, at: number): number | null {
  if (!valid(p, at) || at < p.start) return null;
  const elapsed = (at - p.start) / 1000;
  if (p.duration !== undefined && elapsed >= p.duration) return null;
  let limit: number | null = null;
  for (const [start, l] of p.periods) if (start <= elapsed) limit = l;
  return limit;
}

const valid = (p: PlannedProfile, at: number) => (p.validFrom === undefined || at >= p.validFrom) && (p.validTo === undefined || at < p.validTo);

/** Highest stack level with a limit at `at` (a lower one takes over where a higher one's schedule has ended). */
function stacked(list: PlannedProfile[], at: number): number | null {
  for (const p of [...list].sort((a, b) => b.stackLevel - a.stackLevel)) {
    const l = profileLimit(p, at);
    if (l !== null) return l;
  }
  return null;
}

/**
 * The limit on a connector at `at` (null: no profile sets one, the charger's own limit applies):
 * min(ChargePointMaxProfile, TxProfile where one is valid for the transaction, else TxDefaultProfile).
 */
export function limitAt(profiles: PlannedProfile[], connectorId: number, at: number, transaction: boolean): number | null {
  const of = (purpose: ChargingProfilePurposeType, c: number) => profiles.filter((p) => p.purpose === purpose && p.connectorId === c);
  const cpMax = stacked(of('ChargePointMaxProfile', 0), at);
  const txProfiles = transaction ? of('TxProfile', connectorId) : [];
  const tx = txProfiles.some((p) => valid(p, at)) ? stacked(txProfiles, at) : (stacked(of('TxDefaultProfile', connectorId), at) ?? stacked(of('TxDefaultProfile', 0), at));
  if (cpMax === null) return tx;
  return tx === null ? cpMax : Math.min(tx, cpMax);
}

interface Segment {
  from: number;
  to: number;
  limit: number | null;
}

/** The expected schedule over [start, start + duration s): segments with their limits (A), boundaries in seconds. */
function expectedSegments(profiles: PlannedProfile[], connectorId: number, start: number, duration: number, transaction: boolean): Segment[] {
  const cuts = new Set<number>([0, duration]);
  for (const p of profiles) {
    const moments = [p.start, ...p.periods.map(([s]) => p.start + s * 1000), ...(p.duration !== undefined ? [p.start + p.duration * 1000] : []), p.validFrom, p.validTo];
    for (const m of moments) if (m !== undefined && m > start && m < start + duration * 1000) cuts.add((m - start) / 1000);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i]!;
    const to = sorted[i + 1]!;
    const limit = limitAt(profiles, connectorId, start + ((from + to) / 2) * 1000, transaction);
    const last = out[out.length - 1];
    if (last && last.limit === limit) last.to = to;
    else out.push({ from, to, limit });
  }
  return out;
}

/** Where a period boundary may fall either side of the exact second (the charger rounds to whole seconds). */
const TOLERANCE_S = 2;

const showPeriods = (list: Array<{ startPeriod: number; limit: number | null }>) => list.map((p) => `(${p.startPeriod}, ${p.limit === null ? 'its own limit' : p.limit})`).join(', ') || 'none';

export interface CompositeExpectation {
  connectorId: number;
  duration: number;
  /** What is installed (empty: the charger's own limit alone, as one period). */
  profiles: PlannedProfile[];
  transaction: boolean;
}

/**
 * Checks of a GetCompositeSchedule answer: Accepted, the connector, duration and unit asked for, a start
 * within <Configured Max Time Deviation> of now, and the periods the installed profiles make, compared
 * second by second (the document's "x": boundaries move by the time between the profiles' start and the
 * schedule's). Stretches no profile limits may carry any limit (the charger's own).
 */
export function compositeChecks(t: CaseContext, e: CompositeExpectation): Array<(p: Payload) => string | null> {
  const schedule = (p: Payload) =>
    (p.chargingSchedule ?? {}) as { duration?: number; chargingRateUnit?: string; startSchedule?: string; chargingSchedulePeriod?: Array<{ startPeriod: number; limit: number }> };
  const startOf = (p: Payload) => schedule(p).startSchedule ?? (p.scheduleStart as string | undefined);
  return [
    (p) => (p.status === 'Accepted' ? null : `status Accepted (got ${String(p.status)})`),
    (p) => (p.connectorId === e.connectorId ? null : `connectorId ${e.connectorId} (got ${p.connectorId === undefined ? 'nothing' : String(p.connectorId)})`),
    (p) => (p.chargingSchedule ? null : 'a chargingSchedule (got nothing)'),
    (p) => (schedule(p).duration === e.duration ? null : `chargingSchedule.duration ${e.duration} (got ${schedule(p).duration ?? 'nothing'})`),
    (p) => (schedule(p).chargingRateUnit === t.data.chargingRateUnit ? null : `chargingSchedule.chargingRateUnit ${t.data.chargingRateUnit} (got ${schedule(p).chargingRateUnit ?? 'nothing'})`),
    (p) => {
      const start = startOf(p);
      const off = start === undefined ? NaN : Math.abs(Date.parse(start) - t.clock.now()) / 1000;
      return off <= t.data.maxTimeDeviationS ? null : `startSchedule within ${t.data.maxTimeDeviationS} s of now (got ${start ?? 'nothing'}${Number.isNaN(off) ? '' : `, ${Math.round(off)} s off`})`;
    },
    (p) => {
      const start = startOf(p);
      const got = schedule(p).chargingSchedulePeriod ?? [];
      if (start === undefined || Number.isNaN(Date.parse(start)) || !p.chargingSchedule) return null; // reported above
      const segments = expectedSegments(e.profiles, e.connectorId, Date.parse(start), e.duration, e.transaction);
      const expected = segments.map((s) => ({ startPeriod: Math.round(s.from), limit: s.limit === null ? null : inUnit(t, s.limit) }));
      const wrong = (() => {
        if (e.profiles.length === 0 && (got.length !== 1 || got[0]!.startPeriod !== 0)) return true;
        const limitAtS = (s: number) => [...got].reverse().find((g) => g.startPeriod <= s)?.limit;
        const end = Math.min(e.duration, schedule(p).duration ?? e.duration);
        for (let s = 0; s < e.duration; s++) {
          const mid = s + 0.5;
          const seg = segments.find((x) => mid >= x.from && mid < x.to);
          if (!seg || seg.limit === null) continue;
          if (segments.some((x) => x.from > 0 && Math.abs(mid - x.from) < TOLERANCE_S + 0.5)) continue;
          const want = inUnit(t, seg.limit);
          const have = s < end ? limitAtS(s) : undefined;
          if (have === undefined || Math.abs(have - want) > Math.max(0.1, want * 0.001)) return true;
        }
        return false;
      })();
      const x = e.profiles.length ? ` (scheduleStart ${Math.round((Date.parse(start) - Math.min(...e.profiles.map((q) => q.start))) / 1000)} s after the profiles' startSchedule)` : '';
      return wrong ? `chargingSchedulePeriod ${e.profiles.length === 0 ? 'one period from 0 (the charger\u2019s own limit)' : showPeriods(expected)}${x} (got ${showPeriods(got)})` : null;
    },
  ];
}

/**
 * A refused profile against what the charger declares (ChargingScheduleMaxPeriods, ChargeProfileMaxStackLevel,
 * ChargingScheduleAllowedChargingRateUnit, MaxChargingProfilesInstalled): when the profile is within all of
 * them, the declaration is contradicted; either way the report says how the profile stood.
 */
export function refusalObservation(t: CaseContext, p: ChargingProfile, installed: number): string {
  const cfg = t.pics.config;
  const n = (k: string) => (cfg[k] === undefined || cfg[k] === null || Number.isNaN(Number(cfg[k])) ? null : Number(cfg[k]));
  const periods = p.chargingSchedule.chargingSchedulePeriod.length;
  const unit = p.chargingSchedule.chargingRateUnit === 'A' ? 'Current' : 'Power';
  const facts: Array<{ text: string; within: boolean | null }> = [
    {
      text: `ChargingScheduleMaxPeriods ${cfg.ChargingScheduleMaxPeriods ?? 'not reported'}, the profile has ${periods}`,
      within: n('ChargingScheduleMaxPeriods') === null ? null : periods <= n('ChargingScheduleMaxPeriods')!,
    },
    {
      text: `ChargeProfileMaxStackLevel ${cfg.ChargeProfileMaxStackLevel ?? 'not reported'}, stackLevel ${p.stackLevel}`,
      within: n('ChargeProfileMaxStackLevel') === null ? null : p.stackLevel <= n('ChargeProfileMaxStackLevel')!,
    },
    {
      text: `ChargingScheduleAllowedChargingRateUnit ${cfg.ChargingScheduleAllowedChargingRateUnit ?? 'not reported'}, unit ${p.chargingSchedule.chargingRateUnit}`,
      within: cfg.ChargingScheduleAllowedChargingRateUnit == null ? null : cfg.ChargingScheduleAllowedChargingRateUnit.split(',').some((u) => u.trim() === unit),
    },
    {
      text: `MaxChargingProfilesInstalled ${cfg.MaxChargingProfilesInstalled ?? 'not reported'}, ${installed + 1} installed with it`,
      within: n('MaxChargingProfilesInstalled') === null ? null : installed + 1 <= n('MaxChargingProfilesInstalled')!,
    },
  ];
  const outside = facts.filter((f) => f.within === false);
  return outside.length
    ? `The profile ${p.chargingProfileId} was refused; it is outside what the charger declares: ${outside.map((f) => f.text).join('; ')}`
    : `Declared capability contradicted: the charger refused profile ${p.chargingProfileId} although it is within what it declares (${facts.map((f) => f.text).join('; ')})`;
}
