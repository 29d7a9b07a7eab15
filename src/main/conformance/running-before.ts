// The sessions a run (a test run, a commissioning's checks) takes as running on its charger when it starts:
// those it stops before its first case (RemoteStopTransaction) and finds open on their connectors. Not one
// the charger would refuse to stop (shared/api/session-state's leftByRunsOf): one its charger lost at a reboot
// (the charger booted after it started and its connector has said Available since), nor one not running by the
// rule (a newer session open on its connector, or its connector reporting no session since it started). The
// run leaves such a one as it is, and says so among its setupProblems, with why (leftNote: the record, the
// reports, a commissioning's heldOpen).
import { connectorSaysNoSession, leftByRunsOf, notRunningCause, supersededSessions, type LeftByRuns, type SupersededBy } from '../../shared/api/session-state';
import { formatDateTimeWithZone } from '../../shared/format/time';
import type { ChargerRecord, TransactionRecord } from '../../shared/records';
import { LEFT_AS_IT_IS, leftOf } from '../../shared/api/left-notes';

type Open = { transactionId: number; connectorId: number; idTag: string };
type Charger = Pick<ChargerRecord, 'connectors' | 'lastBoot'> & Partial<Pick<ChargerRecord, 'id'>>;

/** What a run finds on its charger when it starts. */
export interface AtRunStart {
  /** Every transaction the record holds open there (what the run knows of, running or not). */
  held: number[];
  /** Those it takes as running (stopped before its first case or step). */
  running: Open[];
  /** Its words for each one it leaves as it is (lost at a reboot, or not running), for run.setupProblems. */
  left: string[];
  /** Those it leaves as it is. */
  leftOpen: Open[];
}

const connectorOf = (t: Pick<Open, 'connectorId'>, charger: Charger | null | undefined) => charger?.connectors.find((c) => c.connectorId === t.connectorId);
const openOf = (t: Open): Open => ({ transactionId: t.transactionId, connectorId: t.connectorId, idTag: t.idTag });

/** Each of `open` (the charger's held open in the record) with whether, and why, a run leaves it as it is (null: it takes it as running). */
function standingAtRunStart(open: readonly TransactionRecord[], charger: Charger | null | undefined): Array<{ t: TransactionRecord; left: LeftByRuns | null; by: SupersededBy | null }> {
  const superseded = supersededSessions(open);
  return open.map((t) => {
    const by = superseded.get(t.transactionId) ?? null;
    return { t, by, left: leftByRunsOf(t, { connector: connectorOf(t, charger), lastBoot: charger?.lastBoot }, charger?.connectors, by) };
  });
}

/** The sessions among `open` (the charger's held open in the record) that a run takes as running there. */
export function runningAtRunStart(open: readonly TransactionRecord[], charger: Charger | null | undefined): Open[] {
  return standingAtRunStart(open, charger)
    .filter((s) => s.left === null)
    .map((s) => openOf(s.t));
}

/** Why one is taken as lost at the reboot: "CP001 has booted since it started and connector 1 has reported Available since …". */
const lostWords = (t: Open, charger: Charger | null | undefined): string => {
  const since = connectorOf(t, charger)?.updatedAt;
  return `${charger?.id ?? 'the charger'} has booted since it started and connector ${t.connectorId} has reported Available since ${since ? formatDateTimeWithZone(since) : 'then'}`;
};

/**
 * Why one is not running by the rule: "a newer session (transaction 19) started on connector 1 at …", "connector
 * 1 reported Available at 04:18:42 PM UTC, after it started at 04:18:35 PM UTC" (each time said as what it is:
 * when the connector reported, when the bench received the start, else the charger's start time).
 */
const notRunningWords = (t: TransactionRecord, charger: Charger | null | undefined, by: SupersededBy | null): string => {
  if (by) return notRunningCause({ connectorId: t.connectorId, connectorSays: null, supersededBy: by }, formatDateTimeWithZone)!;
  const c = connectorOf(t, charger);
  const says = connectorSaysNoSession(t, charger?.connectors) ?? c?.status ?? 'no session';
  const started = t.receivedAt ?? t.startTime;
  return c
    ? `connector ${t.connectorId} reported ${says} at ${formatDateTimeWithZone(c.updatedAt)}, after it started at ${formatDateTimeWithZone(started)}`
    : `connector ${t.connectorId} has reported ${says} since it started at ${formatDateTimeWithZone(started)}`;
};

/** The run's words for one it leaves as it is, lost at a reboot (parsed back by shared/api/left-notes' leftOf: keep the two together). */
export const leftNote = (t: Open, charger: Charger | null | undefined): string =>
  `transaction ${t.transactionId} (connector ${t.connectorId}, idTag ${t.idTag}): ${LEFT_AS_IT_IS}: ${lostWords(t, charger)}: most likely lost at the reboot (the charger would refuse to stop it); close it in the record if it ended`;

/** The run's words for one it leaves as it is, not running by the rule (`why`: notRunningWords; parsed back by leftOf). */
export const leftNotRunningNote = (t: Open, why: string): string =>
  `transaction ${t.transactionId} (connector ${t.connectorId}, idTag ${t.idTag}): ${LEFT_AS_IT_IS}: not running: ${why} (the charger would refuse to stop it); close it in the record`;

export { leftOf };

/** What a run finds on `charger` when it starts, from the transactions the record holds open there (`open`). */
export function sessionsAtRunStart(open: readonly TransactionRecord[], charger: Charger | null | undefined): AtRunStart {
  const all = standingAtRunStart(open, charger);
  const left = all.filter((s) => s.left !== null);
  return {
    held: open.map((t) => t.transactionId),
    running: all.filter((s) => s.left === null).map((s) => openOf(s.t)),
    left: left.map((s) => (s.left === 'lost' ? leftNote(s.t, charger) : leftNotRunningNote(s.t, notRunningWords(s.t, charger, s.by)))),
    leftOpen: left.map((s) => openOf(s.t)),
  };
}
