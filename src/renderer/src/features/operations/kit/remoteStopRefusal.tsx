// A RemoteStopTransaction the charger answered Rejected, in words that match what the screen shows: the
// plain fact (it refused to stop transaction N) and the causes that fit the bench's record. While the record
// has that transaction running on this charger (the usual case: the page shows it charging), the words do
// not claim the charger has no such transaction: a charger may refuse a remote stop it does not allow. Only
// when the record does not have it running there does "already ended, or on another charger" lead. The words
// are read against the record once, when the Rejected answer arrives, and kept: the record moving on after
// (the person stops the session at the charger) does not rewrite what the refusal said when it came.
import type { ReactNode } from 'react';
import { useBench } from '../../../stores/bench';
import { isRunning, useRunningLive, type RunningTransaction } from '../../../components/running';
import { notRunningCauseOf } from '../../../components/notRunningLabel';
import type { TransactionView } from '../../../../../shared/api/views';
import type { OperationResult } from '../../../../../shared/api/contract';
import { PanelContext, usePanel, type PanelContextValue } from './parts';

/** The causes a refusal may have whatever the record says. */
const MAY_REFUSE = 'a charger may refuse a remote stop it does not allow (a local-only stop policy, a fault)';

/** Rejected's words without the record at hand: the fact and every cause, none claimed. */
export const REMOTE_STOP_REJECTED = `The charger refused to stop the transaction: it may not know this id (already ended, or started on another charger), or it may not allow a remote stop (a local-only stop policy, a fault).`;

/**
 * Why `chargerId` may have refused to stop `transactionId`, from what the bench's record holds: `listed`,
 * the transactions it holds open on that charger (running or not, as useRunningLive gives them); `active`,
 * every transaction it holds open (to tell one on another charger).
 */
export function remoteStopRejected(transactionId: number, chargerId: string, listed: readonly RunningTransaction[], active: Readonly<Record<number, TransactionView>>): string {
  const fact = `The charger refused to stop transaction ${transactionId}.`;
  const here = listed.find((t) => t.transactionId === transactionId);
  if (here && isRunning(here))
    return `${fact} The bench's record has transaction ${transactionId} running on connector ${here.connectorId}; ${MAY_REFUSE}, or it may not know this id. The session goes on: check the charger's stop settings and the message log.`;
  if (here)
    return `${fact} The bench's record holds it open, but ${notRunningCauseOf(here) ?? 'it is not running'}: the charger likely has no such session (close it in the record if it is over); ${MAY_REFUSE}.`;
  const elsewhere = active[transactionId];
  if (elsewhere?.active && elsewhere.chargerId !== chargerId)
    return `${fact} The bench's record has transaction ${transactionId} open on ${elsewhere.chargerId}, not on ${chargerId}: the charger likely has no such transaction; ${MAY_REFUSE}.`;
  return `${fact} The bench's record has no transaction ${transactionId} running on ${chargerId} (already ended, or started on another charger): the charger likely has no such transaction; ${MAY_REFUSE}.`;
}

/**
 * The words each Rejected answer got when first shown, on its result (kept by the operations store while the
 * answer is shown, so leaving the panel and coming back does not read them again).
 */
const kept = new WeakMap<OperationResult, { transactionId: number; chargerId: string; words: string }>();

/**
 * Gives the answers shown inside it (a panel's outcome, a quick action's result dialog) the words of a
 * rejected remote stop of `transactionId` (what was sent) on the panel's charger, read against the record when
 * that answer is first shown and kept for it (keyed on the operation's result).
 */
export function RemoteStopWords({ transactionId, children }: { transactionId: number | undefined; children: ReactNode }) {
  const panel = usePanel();
  const listed = useRunningLive(panel.chargerId);
  const active = useBench((s) => s.activeTransactions);
  const wordsFor = (result: OperationResult, id: number): string => {
    const was = kept.get(result);
    if (was && was.transactionId === id && was.chargerId === panel.chargerId) return was.words;
    const words = remoteStopRejected(id, panel.chargerId, listed, active);
    kept.set(result, { transactionId: id, chargerId: panel.chargerId, words });
    return words;
  };
  const value: PanelContextValue = {
    ...panel,
    explain: (action, result, ...rest) => {
      const e = panel.explain(action, result, ...rest);
      return action === 'RemoteStopTransaction' && e.status === 'Rejected' && transactionId !== undefined ? { ...e, meaning: wordsFor(result, transactionId) } : e;
    },
  };
  return <PanelContext.Provider value={value}>{children}</PanelContext.Provider>;
}
