// Transactions only the bench's record holds open: one running when a run began that the run's preparation
// asked to stop (RemoteStopTransaction) and the charger answered Rejected to (it has lost the session). That
// is the bench's own housekeeping, not something of the charger left for the customer: it is a note for the
// installer (the view's benchNotes: close it in the record), never an open item of the handover, and never
// "not put back" under a step (each step's put-back asks again, and is refused again, for a session that
// step did not start).
import type { HeldOpen } from '../../shared/api/commissioning';
import type { CaseResult } from '../../shared/api/test-runs';

/** The put-back's words for a RemoteStopTransaction the charger refused (conformance/restore.ts). */
const LOST = /^stopping transaction (\d+): the charger answered (\w+): it may have lost the session/;
/** Any put-back words about stopping a transaction (refused, not answered, not asked while offline). */
const STOPPING = /^stopping transaction (\d+)\b/;

/** The transactions a run's preparation could not stop because the charger answered it no longer runs them, with what the record says of each (undefined: none). */
export function heldOpenOf(setupProblems: readonly string[] | undefined, foundAt: string, tx: (id: number) => { connectorId: number; idTag: string } | null): HeldOpen[] | undefined {
  const held = (setupProblems ?? []).flatMap((p) => {
    const m = LOST.exec(p);
    if (!m) return [];
    const transactionId = Number(m[1]);
    const t = tx(transactionId);
    return [{ transactionId, connectorId: t?.connectorId ?? null, idTag: t?.idTag ?? null, answer: m[2]!, foundAt }];
  });
  return held.length ? held : undefined;
}

/** The preparation's problems that are the charger's (what is left once the transactions held open in the record only are taken out). */
export const setupOpenOf = (setupProblems: readonly string[] | undefined): string[] => (setupProblems ?? []).filter((p) => !LOST.test(p));

/** The ids of the transactions the commissioning's runs found held open in the record only (a record saved before they were kept: from its last run's setup problems). */
export function heldIdsOf(c: { runs: ReadonlyArray<{ heldOpen?: HeldOpen[] }>; setupProblems?: string[] }): Set<number> {
  const ids = new Set(c.runs.flatMap((r) => (r.heldOpen ?? []).map((h) => h.transactionId)));
  for (const p of c.setupProblems ?? []) {
    const m = LOST.exec(p);
    if (m) ids.add(Number(m[1]));
  }
  return ids;
}

/** A step's result without the put-back's words about transactions held open in the record only (the step neither started nor could end them). */
export function withoutHeld<T extends { result: CaseResult | null }>(step: T, held: ReadonlySet<number>): T {
  const r = step.result;
  if (!r || !held.size) return step;
  const own = (p: string) => {
    const m = STOPPING.exec(p);
    return !m || !held.has(Number(m[1])) || r.transactionId === Number(m[1]);
  };
  const cleanupProblems = r.cleanupProblems.filter(own);
  const notPutBack = r.notPutBack && { ...r.notPutBack, problems: r.notPutBack.problems.filter(own) };
  if (cleanupProblems.length === r.cleanupProblems.length && notPutBack?.problems.length === r.notPutBack?.problems.length) return step;
  const { notPutBack: _n, ...rest } = r;
  return { ...step, result: { ...rest, cleanupProblems, ...(notPutBack?.problems.length ? { notPutBack } : {}) } };
}

/** The installer's note about one ("Bench record: transaction 2 (connector 1, idTag COMMISSION-1) is held open …"). */
export function heldOpenNote(h: HeldOpen): string {
  const where = [h.connectorId !== null ? `connector ${h.connectorId}` : null, h.idTag !== null ? `idTag ${h.idTag}` : null].filter(Boolean).join(', ');
  return (
    `Bench record: transaction ${h.transactionId}${where ? ` (${where})` : ''} is held open in the bench's record only: before the first step the charger answered ${h.answer} to its RemoteStopTransaction (it no longer runs that session). ` +
    `Close it in the record (Transactions: Close in the record); until then each run asks the charger to stop it again. This is about the bench's record, not the charger: it is not part of the handover.`
  );
}

/** The latest of each transaction the runs found held open in the record only that the record still holds open (`open`), for the view. */
export function heldOpenNow(runs: ReadonlyArray<{ heldOpen?: HeldOpen[] }>, open: (transactionId: number) => boolean): HeldOpen[] {
  const latest = new Map<number, HeldOpen>();
  for (const r of runs) for (const h of r.heldOpen ?? []) latest.set(h.transactionId, h);
  return [...latest.values()].filter((h) => open(h.transactionId));
}
