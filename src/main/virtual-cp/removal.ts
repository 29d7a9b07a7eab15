// A virtual charger taken out of service (deleted): online, it ends its sessions as a real charger would
// (StopTransaction, reason Other) and waits a bounded time until every queued StopTransaction (those, and
// ones of sessions that had already ended) is delivered before it goes. Each session's fate is worded from
// the final state: closed in the record, never in it, open in it (say how to close it), or unknown.
import { CLOSE_HINT, REMOVAL_STOP_REASON, REMOVAL_STOP_WAIT_S, type RemovedSession } from '../../shared/api/virtual-chargers';
import { sleep } from '../clock';
import type { Model } from './model';
import type { SessionFate } from './services/tx-ledger';

const CHECK_HINT = 'check the Transactions screen and, if it is open there, close it with Close…';

/** What deleting did to the charger's sessions, and the sentence that sums it up ('' when nothing is open). */
export interface RemovalOutcome {
  sessions: RemovedSession[];
  summary: string;
}

interface Verdict {
  leftOpen: boolean;
  /** The central system may or may not have heard it: the record decides. */
  unsure?: boolean;
  text: string;
}

/**
 * Why a session's end may not have reached the central system, from how the wait ended: `online` whether
 * the charger was online when asked to go.
 */
function cutShort(cp: Model, online: boolean): string {
  if (!online) return `${cp.id} was ${cp.isRunning ? 'offline' : 'stopped'}`;
  if (!cp.isRunning) return `${cp.id} was stopped while it waited`;
  if (!cp.isAccepted) return `the connection to the central system dropped while it waited`;
  return `no answer came within ${REMOVAL_STOP_WAIT_S} s`;
}

/**
 * What became of one session, from its messages' final state; `stopReason` that of its StopTransaction if it
 * ended, `endedBefore` whether it had ended before the delete.
 */
function verdict(fate: SessionFate, stopReason: string | null, cut: string, endedBefore = false): Verdict {
  const stop = `StopTransaction${stopReason ? ` (reason ${stopReason})` : ''}`;
  if (fate.stopAnswered !== undefined)
    return { leftOpen: false, text: endedBefore ? `is closed in the record: its queued ${stop} was delivered and answered` : `ended: ${stop} answered by the central system` };
  if (fate.start === 'unsent') return { leftOpen: false, text: `was never reported (its StartTransaction was still queued unsent), so nothing of it is open in the record` };
  if (fate.start === 'sent')
    return { leftOpen: true, unsure: true, text: `may be open in the record: its StartTransaction was sent but not answered (${cut}), so the charger never learnt its transaction id; ${CHECK_HINT}` };
  if (fate.dropped?.action === 'StartTransaction') {
    const { unanswered } = fate.dropped;
    // A send that went out without a valid answer may have been recorded: the record decides.
    if (unanswered)
      return {
        leftOpen: true,
        unsure: true,
        text: `may be open in the record: its StartTransaction was sent ${times(unanswered.sent)} ${unanswered.invalid ? 'without a valid answer' : 'and never answered'} (${unanswered.last}); ${CHECK_HINT}`,
      };
    return {
      leftOpen: false,
      text: `was never accepted by the central system (its StartTransaction was ${fate.dropped.last}; dropped after ${attempts(fate.dropped.attempts)}), so it has no transaction open in the record`,
    };
  }
  if (fate.stop === 'sent') return { leftOpen: true, unsure: true, text: `may be open in the record: its ${stop} was sent but its answer was not awaited (${cut}); ${CHECK_HINT}` };
  if (fate.stop === 'unsent') return { leftOpen: true, text: `stays open in the record: its ${stop} was still queued (${cut}) and is deleted unsent; ${CLOSE_HINT}` };
  if (fate.dropped?.action === 'StopTransaction') {
    const { unanswered } = fate.dropped;
    // A send that went out without a valid answer may have closed the transaction: the record decides.
    if (unanswered)
      return {
        leftOpen: true,
        unsure: true,
        text: `may be open in the record: its ${stop} was sent ${times(unanswered.sent)} ${unanswered.invalid ? 'without a valid answer' : 'and never answered'} (${unanswered.last}) and was dropped after ${attempts(fate.dropped.attempts)}; ${CHECK_HINT}`,
      };
    return { leftOpen: true, text: `stays open in the record: its ${stop} was ${fate.dropped.last} and was dropped after ${attempts(fate.dropped.attempts)}; ${CLOSE_HINT}` };
  }
  return { leftOpen: true, text: `stays open in the record: ${cut} and could not tell the central system it ended; ${CLOSE_HINT}` };
}

function named(transactionId: number | null, connectorId: number, idTag: string | null): string {
  return `${transactionId === null ? 'The unconfirmed session' : `Transaction ${transactionId}`} on connector ${connectorId}${idTag ? ` (${idTag})` : ''}`;
}

function attempts(n: number): string {
  return `${n} attempt${n === 1 ? '' : 's'}`;
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function count(n: number): string {
  return `${n} session${n === 1 ? '' : 's'}`;
}

/** "1 session left open in the record." and/or "1 session may be open in the record: check the Transactions screen." */
function summarize(verdicts: Verdict[]): string {
  const open = verdicts.filter((v) => v.leftOpen && !v.unsure).length;
  const unsure = verdicts.filter((v) => v.unsure).length;
  return [open ? `${count(open)} left open in the record.` : '', unsure ? `${count(unsure)} may be open in the record: check the Transactions screen.` : ''].filter(Boolean).join(' ');
}

/** Ends the charger's sessions before it is deleted; what became of each (running ones, and ended ones still queued). */
export async function endSessionsForRemoval(cp: Model): Promise<RemovalOutcome> {
  const running = cp.connectors.all.filter((c) => c.tx).map((c) => ({ c, tx: c.tx! }));
  const runningTx = new Set(running.map(({ tx }) => tx.localTx));
  // Sessions the charger had already ended whose StopTransaction is still queued (maybe on its way now).
  const ended = cp.transactions.queuedStops().filter((s) => !runningTx.has(s.localTx));
  const online = cp.isRunning && cp.isAccepted;
  if (online) {
    for (const { c } of running) cp.transactions.stop(c, REMOVAL_STOP_REASON);
    if (running.length) cp.refresh();
    // Every queued StopTransaction (the ones just queued, and any before them) is delivered before it goes.
    const pending = () => cp.transactions.queuedStops().length > 0;
    for (let i = 0; i < REMOVAL_STOP_WAIT_S * 10 && pending() && cp.isRunning && cp.isAccepted; i++) await sleep(cp.clock, 100);
  }
  const cut = cutShort(cp, online);
  const verdicts: Verdict[] = [];
  const sessions: RemovedSession[] = running.map(({ c, tx }) => {
    const fate = cp.transactions.fate(tx.localTx);
    const v = verdict(fate, online ? REMOVAL_STOP_REASON : null, cut);
    verdicts.push(v);
    const transactionId = fate.stopAnswered ?? tx.transactionId;
    return { connectorId: c.id, transactionId, idTag: tx.idTag, startedAt: new Date(tx.startedAt).toISOString(), leftOpen: v.leftOpen, detail: `${named(transactionId, c.id, tx.idTag)} ${v.text}` };
  });
  for (const stop of ended) {
    const fate = cp.transactions.fate(stop.localTx);
    const v = verdict(fate, stop.reason, cut, true);
    verdicts.push(v);
    const transactionId = fate.stopAnswered ?? stop.transactionId;
    const name = transactionId === null ? `An unconfirmed session that had ended on ${cp.id}` : `Transaction ${transactionId}, which had ended on ${cp.id},`;
    sessions.push({ connectorId: null, transactionId, idTag: null, startedAt: null, leftOpen: v.leftOpen, detail: `${name} ${v.text}` });
  }
  return { sessions, summary: summarize(verdicts) };
}
