// A receiving upload whose bytes stopped coming, in words: a charger that hung mid-file, or a network lost
// without a close, leaves the bench's end of the connection open until the bench gives up on it (FTP and
// HTTP alike), so "receiving" alone would not be true. Until then the bench does not fail it: the bytes may
// still come.
import { formatAgo, formatWhen } from '../../components/format';
import type { UploadView } from '../../../../shared/api/views';
import { benchNow } from '../../components/benchClock';

/** Silence past this (ms) from a receiving upload is news. */
export const STALLED_AFTER_MS = 30_000;

/** Since when a receiving upload has had no bytes (its start, if none came), when longer than STALLED_AFTER_MS; null otherwise. */
export function stalledSince(upload: Pick<UploadView, 'status' | 'lastDataAt' | 'startedAt'>, now = benchNow()): string | null {
  if (upload.status !== 'receiving') return null;
  const since = upload.lastDataAt ?? upload.startedAt;
  const at = Date.parse(since);
  return Number.isFinite(at) && now - at > STALLED_AFTER_MS ? since : null;
}

/**
 * "No data since 10:02:13 (2 min ago): the charger may have lost its connection; the bench keeps waiting
 * until 10:07:13, then keeps the bytes that came as incomplete." — `since` from stalledSince.
 */
export function stalledWords(upload: Pick<UploadView, 'silenceLimitMs' | 'lastDataAt'>, since: string, now = benchNow()): string {
  const what = upload.lastDataAt ? 'No data since' : 'No data yet, since it began at';
  let waits = 'the bench keeps waiting until the connection closes';
  if (upload.silenceLimitMs !== null) {
    const givesUp = Date.parse(since) + upload.silenceLimitMs;
    waits = `the bench ${givesUp > now ? 'keeps waiting until' : 'stops waiting at'} ${formatWhen(givesUp, now)}, then keeps the bytes that came as incomplete`;
  }
  return `${what} ${formatWhen(since, now)} (${formatAgo(since, now)}): the charger may have lost its connection; ${waits}.`;
}
