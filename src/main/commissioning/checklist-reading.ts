// A checklist entry as the bench saves it: a reading given anew is read as the UI reads one typed
// (shared/format/reading.ts: a decimal comma made a point; the ambiguous "1,000" refused, a 400 naming the
// field, with the UI's words); one given back as the bench holds it is kept as it is, never rewritten nor
// refused (a reading saved before that parser, "1,000" taken then, stays as saved: its answer and note can
// still be changed, and it is judged by the rule it was saved by, the checklist's schema).
import { BenchError } from '../errors';
import { checklistItems, type ChecklistEntry } from '../../shared/api/commissioning';
import { readReading } from '../../shared/format/reading';

/** `given` as saved over `stored`; a reading given anew that the parser refuses is a 400 naming `entries.<index>.value`. */
export function savedEntry(stored: ChecklistEntry | undefined, given: ChecklistEntry, index = 0): ChecklistEntry {
  if (stored && stored.value === given.value) return given;
  const read = readReading(checklistItems.find((i) => i.id === given.id)?.unit, given.value);
  if (read.error !== undefined) {
    const field = `entries.${index}.value`;
    throw new BenchError(400, `Invalid commissioning:setChecklist argument field "${field}": ${read.error}`, { field });
  }
  return read.value === given.value ? given : { ...given, value: read.value };
}

/** The checklist with `entries` saved over it; nothing is changed when one of them is refused. */
export function savedChecklist(checklist: ChecklistEntry[], entries: ChecklistEntry[]): ChecklistEntry[] {
  let next = checklist;
  entries.forEach((e, i) => (next = next.map((x) => (x.id === e.id ? savedEntry(x, e, i) : x))));
  return next;
}
