// How numbers and times read on screen: energy in kWh, power in kW, times in the user's locale (the one
// shared time format, src/shared/format/time.ts) and relative.
import { formatClock, formatDate, formatDateTime } from '../../../shared/format/time';
import { benchNow } from './benchClock';

export { formatClock, formatDate, formatDateTime };

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number with exactly `digits` fraction digits, in `locale` (the user's, as the dates are, when left out): "2.32", "2,32". */
function fixed(n: number, digits: number, locale: string | undefined): string {
  const key = `${locale ?? ''}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(n);
}

/** "2.32 kWh" ("2,32 kWh" in de-DE), "540 Wh": in the locale the dates are written in. `locale` only in tests. */
export function formatEnergy(wh: number | null | undefined, locale?: string): string {
  if (wh === null || wh === undefined || !Number.isFinite(wh)) return '—';
  return wh >= 1000 ? `${fixed(wh / 1000, 2, locale)} kWh` : `${fixed(Math.round(wh), 0, locale)} Wh`;
}

/** "22.0 kW" ("22,0 kW" in de-DE), "740 W": in the locale the dates are written in. `locale` only in tests. */
export function formatPower(w: number | null | undefined, locale?: string): string {
  if (w === null || w === undefined || !Number.isFinite(w)) return '—';
  return w >= 1000 ? `${fixed(w / 1000, 1, locale)} kW` : `${fixed(Math.round(w), 0, locale)} W`;
}

const zoneNames = new Map<string, Intl.DateTimeFormat>();
/**
 * The zone the UI writes its times in (the browser's), as its offset from UTC at `at` (now when left out):
 * "UTC", "UTC+01:00", "UTC-05:30". `timeZone` only in tests.
 */
export function zoneLabel(at: number | Date = Date.now(), timeZone?: string): string {
  const key = timeZone ?? '';
  let f = zoneNames.get(key);
  if (!f) zoneNames.set(key, (f = new Intl.DateTimeFormat('en-US', { timeZoneName: 'longOffset', ...(timeZone ? { timeZone } : {}) })));
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return 'local time';
  // "GMT+01:00"; no offset is "GMT" or "GMT+00:00" as the ICU has it.
  const name = f.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name.replace(/^GMT/, 'UTC').replace(/^UTC[+-]00:00$/, 'UTC');
}

/** "local time, UTC+01:00": for a field or a column whose times are the browser's local time. */
export const localTimeNote = (at?: number | Date): string => `local time, ${zoneLabel(at)}`;

/** What an export's times are, said by its Export button. */
export const EXPORT_TIMES_NOTE = 'Times in the file are UTC (ISO 8601, Z)';

/** A date and time in the user's locale, with seconds; a dash when there is none. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return formatDateTime(iso);
}

/**
 * "under a minute ago", "5 min ago", "3 h ago", else the date: `iso` stamped by the bench, so `now` is on
 * its clock (benchNow) unless given. Not to the second: a screen does not
 * redraw every second, and "0 s ago" ten seconds later would not be true.
 */
export function formatAgo(iso: string | null | undefined, now = benchNow()): string {
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
export function formatClockAgo(t: string | number, now = benchNow()): string {
  const at = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(at)) return String(t);
  return `${formatClock(at)} (${formatAgo(new Date(at).toISOString(), now)})`;
}

/** A moment of today by its time of day ("09:08:29"), an older one with its date: for "since …" in a sentence. */
export function formatWhen(t: string | number, now = benchNow()): string {
  const at = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(at)) return String(t);
  return new Date(at).toDateString() === new Date(now).toDateString() ? formatClock(at) : formatDateTime(at);
}

/** A text from the bench with ISO 8601 times in it ("Closed in the record at 2026-12-05T09:08:02.536Z") with each time in the user's locale. */
export function localiseTimes(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})\b/g, (iso) => (Number.isFinite(Date.parse(iso)) ? formatDateTime(iso) : iso));
}
