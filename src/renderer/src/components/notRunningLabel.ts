// Why a transaction the record holds open is not running, as the confirmations and pickers say it beside it:
// not running by the rule (its connector reports no session, a newer one supersedes it), or not confirmed by
// its charger (shared/api/session-state's unconfirmedSince), in the words the Transactions list uses; and one
// not confirmed that may still run (its connector reports Charging…: counted as running), said so.
import { unconfirmedText } from '../../../shared/api/session-state';
import type { LeftByRuns, NotRunningFacts } from '../../../shared/api/session-state';
import { formatClockAgo, formatWhen } from './format';
import { notRunningCause, notRunningText, type RunningTransaction } from './running';

/** What the words of one held open need: the rule's parts, and RunningTransaction's not confirmed ones when known. */
export type HeldFacts = NotRunningFacts & Partial<Pick<RunningTransaction, 'transactionId' | 'chargerId' | 'unconfirmedSince' | 'unconfirmedByStop' | 'strayStop' | 'mayStillRun'>>;

/** Why it is not confirmed (session-state's unconfirmedText, with the times as the screens say them), or null. */
function unconfirmedWords(t: HeldFacts, now?: number): string | null {
  if (t.transactionId === undefined || t.chargerId === undefined || t.unconfirmedSince == null) return null;
  const facts = { ...t, transactionId: t.transactionId, chargerId: t.chargerId, unconfirmedSince: t.unconfirmedSince };
  return unconfirmedText(
    facts,
    (ms) => formatClockAgo(ms, now),
    (iso) => formatWhen(iso, now),
  );
}

/**
 * Why a transaction the record holds open is not running, as marked beside it: "Not running: record says
 * open; connector 1 reports Available", "Not confirmed: CP001 has booted since this session started and
 * connector 1 has reported Available since 10:02:03 (3 min ago), yet no StopTransaction came: the charger has
 * most likely lost this session."; one not confirmed that may still run (counted as running): "Not
 * confirmed, may still be running: connector 1 reports Charging, but CP001 has booted …". Null while it runs.
 */
export function notRunningLabel(t: HeldFacts, now?: number): string | null {
  const text = notRunningText(t);
  if (text !== null) return `Not running: ${text}`;
  const unconfirmed = unconfirmedWords(t, now);
  if (unconfirmed === null) return null;
  if (!t.mayStillRun) return `Not confirmed: ${unconfirmed}.`;
  const reports = t.mayStillRun.reports === null ? '' : `connector ${t.connectorId} reports ${t.mayStillRun.reports}, but `;
  return `Not confirmed, may still be running: ${reports}${unconfirmed}.`;
}

/** The same within a sentence: "not running: record says open; …", "not confirmed: CP001 has booted …". */
export function notRunningState(t: HeldFacts, now?: number): string | null {
  const label = notRunningLabel(t, now);
  return label && `${label[0]!.toLowerCase()}${label.slice(1)}`;
}

/**
 * Why it is not running, after "The record holds transaction N open, but": notRunningCause's words, or "it
 * is not confirmed (CP001 has booted since this session started and …: the charger has most likely lost this session)".
 */
export function notRunningCauseOf(t: HeldFacts, now?: number): string | null {
  // One that may still run is counted as running, never said to be held open in the record only.
  const unconfirmed = t.mayStillRun ? null : unconfirmedWords(t, now);
  return notRunningCause(t) ?? (unconfirmed === null ? null : `it is not confirmed (${unconfirmed})`);
}

/**
 * Not confirmed by its charger and not counted as running (its connector says no session since the boot: most
 * likely lost): the confirmations list it apart from what runs, under its own heading.
 */
export const notConfirmedApart = (t: Partial<Pick<RunningTransaction, 'unconfirmedSince' | 'mayStillRun'>>): boolean => (t.unconfirmedSince ?? null) !== null && !t.mayStillRun;

/**
 * Not running by the rule (its connector reports no session since it started, or a newer session open on its
 * connector supersedes it: "Not running: …"), so never counted as running: the confirmations list it apart
 * from what runs, under its own heading.
 */
export const notRunningApart = (t: Pick<RunningTransaction, 'connectorSays' | 'supersededBy'>): boolean => t.connectorSays !== null || !!t.supersededBy;

/**
 * One a run (a test run, the commissioning checks) leaves as it is, sending no RemoteStopTransaction the charger
 * would refuse: its charger lost it at a reboot, or it is not running by the rule (a newer session on its
 * connector, or its connector reporting no session since it started). THE rule the runner reads too
 * (shared/api/session-state's leftByRunsOf, as runningTransactions marks it: leftByRunsAs;
 * main/conformance/running-before), so a confirmation and the run cannot disagree.
 */
export const leftByRuns = (t: Partial<Pick<RunningTransaction, 'leftByRunsAs'>>): boolean => (t.leftByRunsAs ?? null) !== null;

/** What a run does with one it leaves as it is (leftByRuns), after its name, by why it leaves it. */
export const LEFT_BY_RUNS: Readonly<Record<LeftByRuns, string>> = {
  lost: 'left as it is: not confirmed by the charger (most likely lost: a remote stop would be refused); close it in the record if it ended',
  notRunning: 'left as it is: held open in the record, not running (a remote stop would be refused); close it in the record',
};

/**
 * What a run does with those it leaves as it is (leftByRuns), in sentences, each named by `name` ("transaction
 * 5 on connector 1 (idTag A)"): those lost at a reboot together ("Transaction 5 …; transaction 6 …: left as it
 * is: not confirmed by the charger …."), each not running with why ("Transaction 7 …: left as it is: not
 * running (connector 1 reports Available since it started; a remote stop would be refused); close it in the record.").
 */
export function leftByRunsSentences<T extends HeldFacts & Partial<Pick<RunningTransaction, 'leftByRunsAs'>>>(left: readonly T[], name: (t: T) => string, now?: number): string[] {
  const upper = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
  const lost = left.filter((t) => t.leftByRunsAs === 'lost');
  const notRunning = left.filter((t) => t.leftByRunsAs === 'notRunning');
  const sentences = lost.length ? [`${upper(lost.map(name).join('; '))}: ${LEFT_BY_RUNS.lost}.`] : [];
  for (const t of notRunning) {
    const why = notRunningCauseOf(t, now);
    sentences.push(`${upper(name(t))}: ${why ? `left as it is: not running (${why}; a remote stop would be refused); close it in the record` : LEFT_BY_RUNS.notRunning}.`);
  }
  return sentences;
}
