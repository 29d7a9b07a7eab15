// The instants the bench names in words shown to people (a case's reason, a step's outcome, an
// observation: "its connection closed at 2026-12-06T16:43:58.309Z") are written by the engine as ISO UTC,
// which the JSON keeps exact; each face writes them as it writes its other times (the run's page in local
// time, the HTML/PDF report in UTC, the terminal as its lines). A time in quotes is a value the charger
// sent (a payload's timestamp, quoted as JSON) and is left as it was sent.
const ISO_UTC = /(?<!["\w:.-])\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z(?![\w"])/g;

/** The day an instant falls on, in local time or UTC. */
const dayOf = (iso: string, utc: boolean) => (utc ? new Date(iso).toISOString().slice(0, 10) : new Date(iso).toDateString());

/** How an instant off the run's day is written: with its date (`dated`), the day judged in local time unless `utc`. */
export interface OffTheDay {
  /** An instant of the run's day (its start). */
  of: string;
  dated: (iso: string) => string;
  utc?: boolean;
}

/**
 * `text` with every bench-written ISO UTC time in it written by `write` (a time of day), or by `day.dated`
 * (with its date) when it is not on the run's day: "until it expires at <tomorrow>" keeps its date.
 */
export function timesInText(text: string, write: (iso: string) => string, day?: OffTheDay): string {
  return text.replace(ISO_UTC, (iso) => (day && Number.isFinite(Date.parse(day.of)) && dayOf(iso, day.utc ?? false) !== dayOf(day.of, day.utc ?? false) ? day.dated(iso) : write(iso)));
}
