// How numbers and times read on screen: energy in kWh, power in kW, times in the user's locale (the one
// shared time format, src/shared/format/time.ts) and relative.
import { formatClock, formatDate, formatDateTime } from '../../../shared/format/time';

export { formatClock, formatDate, formatDateTime };

export function formatEnergy(wh: number | null | undefined): string {
  if (wh === null || wh === undefined || !Number.isFinite(wh)) return '—';
  return wh >= 1000 ? `${(wh / 1000).toFixed(2)} kWh` : `${Math.round(wh)} Wh`;
}

export function formatPower(w: number | null | undefined): string {
  if (w === null || w === undefined || !Number.isFinite(w)) return '—';
  return w >= 1000 ? `${(w / 1000).toFixed(1)} kW` : `${Math.round(w)} W`;
}

/** A date and time in the user's locale, with seconds; a dash when there is none. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return formatDateTime(iso);
}

/**
 * "under a minute ago", "5 min ago", "3 h ago", else the date. Not to the second: a screen does not
 * redraw every second, and "0 s ago" ten seconds later would not be true.
 */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'under a minute ago';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return formatDate(t);
}

/** A reading's time of day and how long ago: "15:35:31 (5 min ago)", for what is the last known, not now. */
export function formatClockAgo(t: string | number, now = Date.now()): string {
  const at = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(at)) return String(t);
  return `${formatClock(at)} (${formatAgo(new Date(at).toISOString(), now)})`;
}

/** A moment of today by its time of day ("09:08:29"), an older one with its date: for "since …" in a sentence. */
export function formatWhen(t: string | number, now = Date.now()): string {
  const at = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(at)) return String(t);
  return new Date(at).toDateString() === new Date(now).toDateString() ? formatClock(at) : formatDateTime(at);
}

/** A text from the bench with ISO 8601 times in it ("Closed in the record at 2026-12-05T09:08:02.536Z") with each time in the user's locale. */
export function localiseTimes(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})\b/g, (iso) => (Number.isFinite(Date.parse(iso)) ? formatDateTime(iso) : iso));
}
