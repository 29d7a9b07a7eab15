// One way to write a time, for the UI, the console and the CLI: the user's locale (24-hour where it
// says so), local time, seconds where they matter. Pass `locale` only in tests.

export interface TimeFormatOptions {
  /** Show seconds (log lines, frames, anything within a minute matters). Default true. */
  seconds?: boolean;
  /** Show milliseconds too (frames in the message log, where the order within a second matters). */
  milliseconds?: boolean;
  /** The locale to write in; the user's (the system's, or the browser's) when left out. */
  locale?: string;
  /** A time zone, for tests; the machine's when left out. */
  timeZone?: string;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'time' | 'dateTime' | 'date', o: TimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${o.seconds !== false}|${o.milliseconds === true}|${o.locale ?? ''}|${o.timeZone ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    const time: Intl.DateTimeFormatOptions = {
      hour: '2-digit',
      minute: '2-digit',
      ...(o.seconds !== false || o.milliseconds ? { second: '2-digit' } : {}),
      ...(o.milliseconds ? { fractionalSecondDigits: 3 as const } : {}),
    };
    const date: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
    f = new Intl.DateTimeFormat(o.locale, { ...(kind !== 'date' ? time : {}), ...(kind !== 'time' ? date : {}), ...(o.timeZone ? { timeZone: o.timeZone } : {}) });
    cache.set(key, f);
  }
  return f;
}

const toDate = (t: string | number | Date): Date | null => {
  const d = t instanceof Date ? t : new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** A clock time: "14:05:09" (or "2:05:09 PM" where the locale says so). */
export function formatClock(t: string | number | Date, options: TimeFormatOptions = {}): string {
  const d = toDate(t);
  return d ? formatter('time', options).format(d) : String(t);
}

/** A date and time: "2 Dec 2026, 14:05:09". */
export function formatDateTime(t: string | number | Date, options: TimeFormatOptions = {}): string {
  const d = toDate(t);
  return d ? formatter('dateTime', options).format(d) : String(t);
}

/** A date: "2 Dec 2026". */
export function formatDate(t: string | number | Date, options: TimeFormatOptions = {}): string {
  const d = toDate(t);
  return d ? formatter('date', options).format(d) : String(t);
}

/** A length of time to the second: "45 s", "12 min 30 s", "1 h 05 min"; "—" for none. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

const zoneCache = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset from UTC at `d`: "UTC" (none), "UTC+01:00", "UTC-05:30". */
function offsetOf(d: Date, timeZone: string | undefined): string {
  const key = timeZone ?? '';
  let f = zoneCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZoneName: 'longOffset', ...(timeZone ? { timeZone } : {}) });
    zoneCache.set(key, f);
  }
  // "GMT+01:00"; none is "GMT" or "GMT+00:00" as the ICU has it.
  const name = f.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name.replace(/^GMT/, 'UTC').replace(/^UTC[+-]00:00$/, 'UTC');
}

/**
 * A date and time for a file that leaves the machine (the commissioning report, the site summary), with its
 * zone: "Dec 5, 2026, 03:02:05 PM UTC", "5 Dec 2026, 16:02:05 UTC+01:00". In the machine's zone (the bench's
 * local time, as its system sets it) and locale; a reader elsewhere, or a browser in another zone, can tell
 * the instant. Not for the UI, which shows the browser's own local time (formatDateTime).
 */
export function formatDateTimeWithZone(t: string | number | Date, options: Omit<TimeFormatOptions, 'milliseconds'> = {}): string {
  const d = toDate(t);
  return d ? `${formatter('dateTime', options).format(d)} ${offsetOf(d, options.timeZone)}` : String(t);
}
