// How old a connector card's newest reading is, by the rule the confirmations use (running.ts readingIsOld):
// older than twice the charger's usual interval between readings, judged by when the bench received it; and
// one from before the charger's last boot, whatever its age (beforeRebootText).
import { formatClock } from '../../components/format';
import { typicalStep } from '../../components/MeterChart';
import { readingIsOld, readingTimeText, type RunningTransaction } from '../../components/running';
import { timedEnergyReading } from '../../components/useMeterSeries';
import type { ReceivedSample } from '../../stores/bench';
import type { TransactionView } from '../../../../shared/api/views';

/** A reading's times as running.ts judges them: taken (the charger's clock), received (the bench's), the usual step. */
export type ReadingTimes = Pick<RunningTransaction, 'energyTakenAt' | 'energyReceivedAt' | 'readingEvery'>;

/** How many of the newest readings the usual step is taken from (as for the energy so far). */
const STEP_READINGS = 8;

/** The times of the newest of a session's readings (`during`: its readings, in time order); null with none. */
export function newestReadingTimes(during: readonly ReceivedSample[]): ReadingTimes | null {
  const last = during[during.length - 1];
  if (!last) return null;
  return { energyTakenAt: last.t, energyReceivedAt: last.receivedAt ?? null, readingEvery: typicalStep(during.slice(-STEP_READINGS)) };
}

/** The times of the reading the session's energy so far comes from; null with none. */
export function energyReadingTimes(tx: TransactionView, during: readonly ReceivedSample[]): ReadingTimes | null {
  const r = timedEnergyReading(tx, during);
  return r && { energyTakenAt: r.takenAt, energyReceivedAt: r.receivedAt, readingEvery: r.every };
}

/** "old reading, at 03:19:10 (1 min ago)" when the reading is old by `now` (the bench's clock); null while it is not, or with none. */
export function oldReadingText(times: ReadingTimes | null, now: number): string | null {
  return times && readingIsOld(times, now) ? readingTimeText(times, now) : null;
}

/**
 * "before the charger rebooted at 08:00:37" when the reading came before the charger's last boot (`lastBoot`,
 * the bench's clock; judged by when the bench received it, else when it was taken): never power now, whatever
 * its age. Null when it came after, or either time is not known.
 */
export function beforeRebootText(times: ReadingTimes | null, lastBoot: string | null | undefined): string | null {
  if (!times || !lastBoot) return null;
  const booted = Date.parse(lastBoot);
  const at = times.energyReceivedAt ?? times.energyTakenAt;
  return Number.isFinite(booted) && at !== null && at < booted ? `before the charger rebooted at ${formatClock(booted)}` : null;
}
