// THE duration of a session, for the Transactions list and a session's page alike, so the two never give
// different ones: to its stop; to now while it runs; while it is not live (its charger offline or the link to
// the bench down), at least up to the last contact; one not running, at most up to when it ended (the newer
// session's start, its connector's report of no session); one its charger no longer reports (Not confirmed), at
// least up to its last reading; with none, lost at a reboot (its connector said no session since), at most up
// to the charger's reboot, and one that may still run (its connector reports a session, or nothing, since), at
// least up to the charger's reboot: no StopTransaction came before it, and it may run on.
import { formatDuration } from '../../../../shared/format/time';
import type { TransactionView } from '../../../../shared/api/views';
import type { NotRunning } from '../../components/notRunning';

/** What the duration is read from: the session, and what the screen knows of it now. */
export interface DurationFacts {
  tx: Pick<TransactionView, 'startTime' | 'stopTime' | 'connectorId'>;
  /** Not running by the rule (components/notRunning), or null. */
  notRunning: NotRunning | null;
  /** Not live: when its charger was last heard from (or the link to the bench lost), else null; `stale` says whether it is not live. */
  stale: boolean;
  contact: string | null;
  /**
   * Not confirmed by its charger: its newest reading (ms), the reboot since it started (ISO), and whether it may
   * still run (its connector does not say no session since the boot: session-state's noSessionSinceBoot), or null.
   */
  unconfirmed: { readingAt: number | null; rebootAt: string | null; mayStillRun: boolean } | null;
}

/** A session's duration: its length (ms), whether that is a bound (≤ at most, ≥ at least), and up to what. */
export interface Duration {
  /** Null: not known (`upTo` says why). */
  ms: number | null;
  mark: '' | '≤ ' | '≥ ';
  /** Where it ends (ms), if it ends; null while it runs (to now) or not known. */
  endAt: number | null;
  /** Up to what, after "up to" ("its last reading", "the last contact"); null for a stopped or running one. */
  upTo: string | null;
  /** Still running: to now, moving every second. */
  running: boolean;
}

/** The one rule of a session's duration (see the top of this file); `now` only for one running. */
export function sessionDuration({ tx, notRunning, stale, contact, unconfirmed }: DurationFacts, now: number): Duration {
  const start = Date.parse(tx.startTime);
  const upToAt = (endAt: number, mark: Duration['mark'], upTo: string): Duration => ({ ms: Math.max(0, endAt - start), mark, endAt, upTo, running: false });
  if (tx.stopTime) return { ms: Date.parse(tx.stopTime) - start, mark: '', endAt: Date.parse(tx.stopTime), upTo: null, running: false };
  if (notRunning) {
    // It cannot have run past the newer session's start on its connector, nor past its connector's report of no session.
    const by = notRunning.supersededBy;
    const endAt = Date.parse((by ? by.receivedAt : notRunning.connectorSaysAt) ?? '');
    const upTo = by ? `when transaction ${by.transactionId} started` : `when connector ${tx.connectorId} reported ${notRunning.connectorSays}`;
    return Number.isFinite(endAt) ? upToAt(endAt, '≤ ', upTo) : { ms: null, mark: '', endAt: null, upTo, running: false };
  }
  // Not counted on past the last contact: whether it still runs is not known.
  if (stale) return contact ? upToAt(Date.parse(contact), '≥ ', 'the last contact') : { ms: null, mark: '', endAt: null, upTo: 'no contact since it started', running: false };
  if (unconfirmed) {
    if (unconfirmed.readingAt !== null) return upToAt(unconfirmed.readingAt, '≥ ', 'its last reading');
    const reboot = Date.parse(unconfirmed.rebootAt ?? '');
    // Lost, it ended by the reboot at the latest; one that may still run ran at least until then (no StopTransaction came before).
    return Number.isFinite(reboot)
      ? upToAt(reboot, unconfirmed.mayStillRun ? '≥ ' : '≤ ', "the charger's reboot")
      : { ms: null, mark: '', endAt: null, upTo: 'not confirmed by the charger', running: false };
  }
  return { ms: now - start, mark: '', endAt: null, upTo: null, running: true };
}

/** The duration in short, as the list's cell says it: "≥ 20 min 00 s", "8 min 19 s"; null when not known. */
export const durationShort = (d: Duration): string | null => (d.ms === null ? null : `${d.mark}${formatDuration(d.ms)}`);
