// A fetched session's meter values by time, to tell whether a reading that arrived while the page is open
// is one of them (split out of TransactionDetailScreen).
import type { MeterValueView } from '../../../../shared/api/views';

type Reading = Omit<MeterValueView, 'id'>;
/** What makes two meter values of one time the same reading, as a string (null and '' kept apart). */
const readingKey = (v: Reading) => [v.connectorId, v.measurand, v.phase ?? '\u0001', v.location ?? '\u0001', v.context, v.value].join('\u0000');
/** Whether two meter values of one time are the same reading. */
const sameReading = (a: Reading, b: Reading) =>
  a.connectorId === b.connectorId &&
  a.measurand === b.measurand &&
  (a.phase ?? null) === (b.phase ?? null) &&
  (a.location ?? null) === (b.location ?? null) &&
  a.context === b.context &&
  a.value === b.value;
/** Values of one time compared one by one; a larger group (a charger whose clock stands still) by key. */
const FEW_AT_ONE_TIME = 32;

/**
 * A fetched session's values by time, to tell whether a reading that arrived is one of them: a map of its
 * readings' times (the values of a reading share one string), not a key string made for each of 72,000
 * values (100 ms of the page opening a 2-hour session). A time with many values gets its keys when first
 * asked about, so a lookup never scans thousands.
 */
export class StoredReadings {
  private readonly byTime = new Map<string, Reading[]>();
  private readonly keysAt = new Map<string, Set<string>>();
  constructor(stored: readonly Reading[] = []) {
    for (const v of stored) {
      const same = this.byTime.get(v.timestamp);
      if (same) same.push(v);
      else this.byTime.set(v.timestamp, [v]);
    }
  }
  has(v: Reading): boolean {
    const same = this.byTime.get(v.timestamp);
    if (!same) return false;
    if (same.length <= FEW_AT_ONE_TIME) return same.some((s) => sameReading(s, v));
    let keys = this.keysAt.get(v.timestamp);
    if (!keys) this.keysAt.set(v.timestamp, (keys = new Set(same.map(readingKey))));
    return keys.has(readingKey(v));
  }
}
