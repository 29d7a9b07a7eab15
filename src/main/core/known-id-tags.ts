// Which rule an idTag given to the bench's list gets. A card new to the bench gets the idTag rule (input-rules
// idTagProblem: no spaces at either end, not blank); one the bench already holds, or held and had deleted
// since it started (so Undo restores it), is taken as an older bench took it (storedIdTagProblem), so a list
// an older version filled keeps working: a merge import sends the whole list back, a stored card's status
// can change, it can be named as a parent, and a deleted one can be put back.
import { BenchError } from '../errors';
import { idTagProblem } from '../../shared/api/input-rules';
import type { IdTagEntry } from '../../shared/api/views';
import type { Bench } from './bench';

/** Per bench: the idTags deleted from its list since it started. */
const deletedSince = new WeakMap<Bench, Set<string>>();

function deleted(bench: Bench): Set<string> {
  let set = deletedSince.get(bench);
  if (!set) deletedSince.set(bench, (set = new Set()));
  return set;
}

/** Notes idTags that left the bench's list (deleted, or not in a list that replaced it). */
export function idTagsRemoved(bench: Bench, idTags: Iterable<string>): void {
  const set = deleted(bench);
  for (const t of idTags) set.add(t);
}

/** Notes the idTags a list replacing the bench's leaves out (before it replaces it). */
export function idTagsReplaced(bench: Bench, entries: readonly IdTagEntry[]): void {
  const kept = new Set(entries.map((e) => e.idTag));
  idTagsRemoved(
    bench,
    bench.record.idTags
      .list()
      .map((t) => t.idTag)
      .filter((t) => !kept.has(t)),
  );
}

/**
 * Refuses, with a 400 naming the field as the call's schema does, an idTag or parentIdTag new to the bench
 * that the idTag rule refuses. `method` and `prefix` name the field as the call's argument ("idTags:replace",
 * "entries.").
 */
export function checkNewIdTags(bench: Bench, entries: readonly IdTagEntry[], method: 'idTags:add' | 'idTags:replace', prefix: string): void {
  const gone = deleted(bench);
  const known = (tag: string) => gone.has(tag) || bench.record.idTags.get(tag) !== null;
  const check = (tag: string, field: string) => {
    const p = idTagProblem(tag);
    if (p && !known(tag)) throw new BenchError(400, `Invalid ${method} argument field "${field}": ${p.message}`, { field });
  };
  entries.forEach((e, i) => {
    const at = `${prefix}${method === 'idTags:replace' ? `${i}.` : ''}`;
    check(e.idTag, `${at}idTag`);
    if (e.parentIdTag) check(e.parentIdTag, `${at}parentIdTag`);
  });
}
