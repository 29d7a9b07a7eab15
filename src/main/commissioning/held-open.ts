// Transactions only the bench's record holds open: one held open when a run began that the run's preparation
// left as it is, its charger having lost it at a reboot (conformance/running-before: no RemoteStopTransaction,
// answer "not asked") or it not running by the rule (answer "not asked: not running"), or asked to stop (RemoteStopTransaction) and the charger answered Rejected to, AND that the charger shows it no
// longer runs (its connector reports no session since it started, or a newer session replaced it: the facts
// of the screens' "Not running", shared/api/session-state.ts). A refusal alone only says it MAY have lost the
// session (a charger may refuse remote stops of a customer's card session that is still charging): such a
// one stays an open item of the preparation. One held open in the record only is the bench's own housekeeping, not something of the charger left for the customer: it is a note for the
// installer (the view's benchNotes: close it in the record), never an open item of the handover, and never
// "not put back" under a step (each step's put-back asks again, and is refused again, for a session that
// step did not start).
import type { Bench } from '../core/bench';
import type { HeldOpen } from '../../shared/api/commissioning';
import type { CaseResult } from '../../shared/api/test-runs';
import { connectorSaysNoSession, notRunningCause, supersededSessions } from '../../shared/api/session-state';
import { formatDateTimeWithZone } from '../../shared/format/time';
import { leftOf } from '../conformance/running-before';

/** The put-back's words for a RemoteStopTransaction the charger refused (conformance/restore.ts). */
const LOST = /^stopping transaction (\d+): the charger answered (\w+): it may have lost the session/;
/** The transaction a preparation's problem names as refused (LOST) or left as it is, not asked (running-before's leftOf), with the answer and, when left, why. */
function heldIn(p: string): { transactionId: number; answer: string; cause?: string } | null {
  const m = LOST.exec(p);
  if (m) return { transactionId: Number(m[1]), answer: m[2]! };
  const left = leftOf(p);
  return left && { transactionId: left.transactionId, answer: left.left === 'lost' ? NOT_ASKED : NOT_ASKED_NOT_RUNNING, cause: left.cause };
}

/** HeldOpen's answer for one a run left as it is (lost at a reboot): it sent no RemoteStopTransaction. */
export const NOT_ASKED = 'not asked';
/** HeldOpen's answer for one a run left as it is, not running by the rule (its connector reports no session since it started, or a newer one replaced it). */
export const NOT_ASKED_NOT_RUNNING = 'not asked: not running';
/** Whether a run left it as it is (sent it no RemoteStopTransaction), by its answer. */
const notAsked = (answer: string): boolean => answer === NOT_ASKED || answer === NOT_ASKED_NOT_RUNNING;
/** Any put-back words about stopping a transaction (refused, not answered, not asked while offline). */
const STOPPING = /^stopping transaction (\d+)\b/;

/** A transaction the record holds open that the charger shows it does not run, with why (notRunningCause's words). */
export type RecordOnly = { connectorId: number; idTag: string; cause: string };

/**
 * The transactions `chargerId`'s record holds open that the charger shows it does not run now (its connector
 * reports no session since it started, or a newer session open on it replaced it), by id; null: running, as
 * far as the bench knows (or not held open).
 */
export function recordOnlyIn(bench: Pick<Bench, 'record'>, chargerId: string): (transactionId: number) => RecordOnly | null {
  const open = bench.record.transactions.list({ chargerId, active: true });
  const connectors = bench.record.chargers.get(chargerId)?.connectors;
  const superseded = supersededSessions(open);
  return (id) => {
    const t = open.find((x) => x.transactionId === id);
    const facts = t && { connectorId: t.connectorId, connectorSays: connectorSaysNoSession(t, connectors), supersededBy: superseded.get(id) ?? null };
    const cause = facts ? notRunningCause(facts, formatDateTimeWithZone) : null;
    return t && cause ? { connectorId: t.connectorId, idTag: t.idTag, cause } : null;
  };
}

/**
 * The transactions a run's preparation could not stop (the charger refused its RemoteStopTransaction) that the
 * charger shows it no longer runs (`recordOnly`), with what the record says of each (undefined: none). One the
 * charger may still run is not among them: it stays an open item of the preparation (setupOpenOf).
 */
export function heldOpenOf(setupProblems: readonly string[] | undefined, foundAt: string, recordOnly: (id: number) => RecordOnly | null): HeldOpen[] | undefined {
  const held = (setupProblems ?? []).flatMap((p) => {
    const m = heldIn(p);
    const t = m && recordOnly(m.transactionId);
    return m && t ? [{ transactionId: m.transactionId, connectorId: t.connectorId, idTag: t.idTag, answer: m.answer, foundAt, cause: m.cause ?? t.cause }] : [];
  });
  return held.length ? held : undefined;
}

/**
 * The preparation's problems that are the charger's: all but the refusals of the transactions the run found
 * held open in the record only (`heldOpen`, the installer's notes). A refusal of one the charger may still run,
 * or one in a record saved before those were kept (no `heldOpen`), stays an open item.
 */
export function setupOpenOf(setupProblems: readonly string[] | undefined, heldOpen: readonly HeldOpen[] | undefined): string[] {
  const held = new Set((heldOpen ?? []).map((h) => h.transactionId));
  return (setupProblems ?? []).filter((p) => {
    const m = heldIn(p);
    return !m || !held.has(m.transactionId);
  });
}

/**
 * The ids of the transactions whose refused stops are not the steps' own (a step's put-back asks again, and is
 * refused again, for a session it did not start): those the runs found held open in the record only, and
 * those the last run's preparation was refused (an open item of the preparation, said there once).
 */
export function heldIdsOf(c: { runs: ReadonlyArray<{ heldOpen?: HeldOpen[] }>; setupProblems?: string[] }): Set<number> {
  const ids = new Set(c.runs.flatMap((r) => (r.heldOpen ?? []).map((h) => h.transactionId)));
  for (const p of c.setupProblems ?? []) {
    const m = heldIn(p);
    if (m) ids.add(m.transactionId);
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
  const before =
    h.answer === NOT_ASKED
      ? `before the first step the bench left it as it is, sending it no RemoteStopTransaction: ${h.cause ?? 'its charger has booted since it started'} (most likely lost at the reboot: the charger would refuse to stop it)`
      : h.answer === NOT_ASKED_NOT_RUNNING
        ? `before the first step the bench left it as it is, sending it no RemoteStopTransaction: it is not running: ${h.cause ?? 'its connector has reported no session since it started'} (the charger would refuse to stop it)`
        : `before the first step the charger answered ${h.answer} to its RemoteStopTransaction${h.cause ? `, and ${h.cause}` : ''} (it no longer runs that session)`;
  return (
    `Bench record: transaction ${h.transactionId}${where ? ` (${where})` : ''} is held open in the bench's record only: ${before}. ` +
    `Close it in the record (Transactions: Close in the record); until then each run ${notAsked(h.answer) ? 'leaves it as it is' : 'asks the charger to stop it again'}. This is about the bench's record, not the charger: it is not part of the handover.`
  );
}

/** The latest of each transaction the runs found held open in the record only that the record still holds open (`open`), for the view. */
export function heldOpenNow(runs: ReadonlyArray<{ heldOpen?: HeldOpen[] }>, open: (transactionId: number) => boolean): HeldOpen[] {
  const latest = new Map<number, HeldOpen>();
  for (const r of runs) for (const h of r.heldOpen ?? []) latest.set(h.transactionId, h);
  return [...latest.values()].filter((h) => open(h.transactionId));
}
