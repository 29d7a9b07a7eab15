// What is going on at a charger right now, for the warnings before a disruptive operation: its
// connectors and the transactions running on them with the energy delivered so far, and when the
// reading it comes from arrived (an old one said as old). Its age is judged on the bench's clock, by when
// the bench received it: a charger's clock may never have been set (1970) or run ahead, so its own
// timestamp is shown only beside, when the two clocks differ much, or alone, said as the charger's, when
// the bench's record does not say when the reading came.
import { useMemo } from 'react';
import { meterKey, useBench } from '../stores/bench';
import { timedEnergyReading, useEnergySoFar } from './useMeterSeries';
import type { ChargerView, TransactionView } from '../../../shared/api/views';
import type { ReceivedSample } from '../stores/bench';
import { formatAgo, formatClock, formatEnergy, formatWhen } from './format';

export interface RunningTransaction {
  transactionId: number;
  chargerId: string;
  connectorId: number;
  idTag: string;
  startTime: string;
  meterStart: number;
  /** Latest meter reading minus meterStart; null until the charger has sent a reading, and for an impossible one. */
  energyWh: number | null;
  /** Why a reading gives no energy (the meter went backwards), in words; null otherwise. */
  energyWarning: string | null;
  /** When the charger's clock says the reading energyWh comes from was taken (ms); null until there is one. */
  energyTakenAt: number | null;
  /** When the bench received that reading (ms, the bench's clock); null until there is one, and when the record does not say. */
  energyReceivedAt: number | null;
  /** The usual time between the session's energy readings (ms); 0 while not known (fewer than two). */
  readingEvery: number;
}

/** With no usual step known yet, a reading older than this is old. */
const OLD_READING_MS = 5 * 60_000;

/**
 * When a session's newest reading stops being "so far" and is old: twice the usual time between its
 * readings (the MeterValueSampleInterval the charger keeps), at least a minute; 5 minutes while that is not known.
 */
export function oldReadingAfterMs(readingEvery: number): number {
  return readingEvery > 0 ? Math.max(2 * readingEvery, 60_000) : OLD_READING_MS;
}

/** A reading's times, as the checks below read them. */
type ReadingTimes = Pick<RunningTransaction, 'energyTakenAt' | 'energyReceivedAt' | 'readingEvery'>;

/** The charger's clock and the bench's differ by more than this on a reading: the charger's time is given beside the bench's. */
export const CLOCKS_APART_MS = 2 * 60_000;

/**
 * The reading of a running transaction's energy is old by `now`: no newer one came when one was due, by
 * when the bench received it. Never by the charger's clock alone (it may be years off): a reading whose
 * arrival is not known is not said old.
 */
export function readingIsOld(t: Pick<ReadingTimes, 'energyReceivedAt' | 'readingEvery'>, now: number): boolean {
  return t.energyReceivedAt !== null && now - t.energyReceivedAt > oldReadingAfterMs(t.readingEvery);
}

const agoOf = (at: number, now: number) => formatAgo(new Date(at).toISOString(), now);

/**
 * When the energy so far was read, in words, by when the bench received it: "at 12:03:04 (3 min ago)",
 * "old reading, at 10:03:04 (2 h ago)", with the charger's own time beside when its clock is far off
 * ("at 12:03:04 (3 min ago; the charger's clock says Jan 1, 1970, 01:00:00)"); said as the charger's when
 * the arrival is not known ("at 09:03:04 (3 h ago) by the charger's clock"). Null before any reading.
 */
export function readingTimeText(t: ReadingTimes, now: number): string | null {
  const taken = t.energyTakenAt;
  const received = t.energyReceivedAt;
  if (received === null) {
    if (taken === null) return null;
    const ago = taken > now + CLOCKS_APART_MS ? "ahead of this computer's clock" : agoOf(taken, now);
    return `at ${formatWhen(taken, now)} (${ago}) by the charger's clock`;
  }
  const charger = taken !== null && Math.abs(taken - received) > CLOCKS_APART_MS ? `; the charger's clock says ${formatWhen(taken, now)}` : '';
  return `${readingIsOld(t, now) ? 'old reading, at' : 'at'} ${formatClock(received)} (${agoOf(received, now)}${charger})`;
}

/** The energy so far as a confirmation names it: the amount, or why there is none. */
export function energySoFarText(t: Pick<RunningTransaction, 'energyWh' | 'energyWarning'>): string {
  if (t.energyWh !== null) return formatEnergy(t.energyWh);
  return t.energyWarning ? 'unknown: the meter went backwards' : 'no reading yet';
}

/** The energy so far with when it was read, in one line: "4.21 kWh, at 12:03:04 (3 min ago)", "…, old reading, at …". */
export function energyWithTimeText(t: Pick<RunningTransaction, 'energyWh' | 'energyWarning'> & ReadingTimes, now: number): string {
  const at = readingTimeText(t, now);
  return at ? `${energySoFarText(t)}, ${at}` : energySoFarText(t);
}

/** Running transactions of a charger (on one connector, or all when `connectorId` is absent or 0). */
export function runningTransactions(active: Record<number, TransactionView>, meter: Record<string, ReceivedSample[]>, chargerId: string, connectorId?: number): RunningTransaction[] {
  return runningOf(
    Object.values(active).filter((t) => t.active && t.chargerId === chargerId && (!connectorId || t.connectorId === connectorId)),
    meter,
  );
}

/**
 * The running transactions of each of `chargerIds`, by charger (an empty list for one with none), in one
 * pass over the transactions: with every charger of a large fleet selected, a pass per charger was a
 * million steps at each batch of meter values.
 */
export function runningTransactionsOf(active: Record<number, TransactionView>, meter: Record<string, ReceivedSample[]>, chargerIds: string[]): Record<string, RunningTransaction[]> {
  const byCharger = new Map<string, TransactionView[]>(chargerIds.map((id) => [id, []]));
  for (const t of Object.values(active)) if (t.active) byCharger.get(t.chargerId)?.push(t);
  return Object.fromEntries([...byCharger].map(([id, list]) => [id, runningOf(list, meter)]));
}

function runningOf(list: TransactionView[], meter: Record<string, ReceivedSample[]>): RunningTransaction[] {
  return list
    .sort((a, b) => a.connectorId - b.connectorId || a.transactionId - b.transactionId)
    .map((t) => {
      const reading = timedEnergyReading(t, meter[meterKey(t.chargerId, t.connectorId)]);
      return {
        transactionId: t.transactionId,
        chargerId: t.chargerId,
        connectorId: t.connectorId,
        idTag: t.idTag,
        startTime: t.startTime,
        meterStart: t.meterStart,
        energyWh: reading?.energy.wh ?? null,
        energyWarning: reading?.energy.warning ?? null,
        energyTakenAt: reading?.takenAt ?? null,
        energyReceivedAt: reading?.receivedAt ?? null,
        readingEvery: reading?.every ?? 0,
      };
    });
}

/** The running transactions with their energy so far (asked of the bench's record when no live reading came yet): for what a confirmation lists. */
export function useRunning(chargerId: string, connectorId?: number): RunningTransaction[] {
  return useEnergySoFar(useRunningLive(chargerId, connectorId));
}

/** The running transactions from the live picture alone (energy only from live readings): for buttons and labels. */
export function useRunningLive(chargerId: string, connectorId?: number): RunningTransaction[] {
  const active = useBench((s) => s.activeTransactions);
  const meter = useBench((s) => s.meter);
  return useMemo(() => runningTransactions(active, meter, chargerId, connectorId), [active, meter, chargerId, connectorId]);
}

/** The running transactions of several chargers, by charger. */
export function useRunningOf(chargerIds: string[]): Record<string, RunningTransaction[]> {
  const active = useBench((s) => s.activeTransactions);
  const meter = useBench((s) => s.meter);
  const key = chargerIds.join('\n');
  const live = useMemo(() => Object.values(runningTransactionsOf(active, meter, chargerIds)).flat(), [active, meter, key]); // eslint-disable-line react-hooks/exhaustive-deps
  const all = useEnergySoFar(live);
  return useMemo(() => {
    const by: Record<string, RunningTransaction[]> = Object.fromEntries(chargerIds.map((id) => [id, []]));
    for (const t of all) by[t.chargerId]?.push(t);
    return by;
  }, [all, key]); // eslint-disable-line react-hooks/exhaustive-deps
}

/**
 * The charger's connector ids (1..n) as it reported them through StatusNotification; a charger that has
 * not reported any yet is assumed to have one.
 */
export function connectorIdsOf(charger: ChargerView | undefined): number[] {
  const ids = (charger?.connectors ?? []).map((c) => c.connectorId).filter((id) => id > 0);
  if (!ids.length) return [1];
  const max = Math.max(...ids);
  return Array.from({ length: max }, (_, i) => i + 1);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
