// The readings of the commissioning's test session while its step runs, for the chart: those of its
// transaction the bench has recorded so far (a page opened or reloaded mid-session), joined with those
// arriving live, each once. Never a reading of an earlier run's session.
import { useEffect, useMemo, useState } from 'react';
import { useBench } from '../../stores/bench';
import { useClient } from '../../api/context';
import { useMeterSeriesRead } from '../../components/useMeterSeries';
import { belongsTo, type MeterSample } from '../../../../shared/api/meter';
import type { TransactionView } from '../../../../shared/api/views';

type SessionTransaction = Pick<TransactionView, 'transactionId' | 'chargerId' | 'connectorId' | 'idTag' | 'active' | 'startTime' | 'meterStart'> & { stopTime?: string | null };

/** The charger's newest sessions looked through for the test session (a page opened after its StopTransaction). */
const RECORD_LOOKUP = 20;

/** The active transaction of the test session under way on a charger (the test card's, the latest), or null. */
export function sessionTransactionOf<T extends { transactionId: number; chargerId: string; connectorId: number; idTag: string; active: boolean }>(
  transactions: ReadonlyArray<T>,
  chargerId: string,
  idTag: string,
): T | null {
  const mine = transactions.filter((t) => t.active && t.chargerId === chargerId && t.idTag.toLowerCase() === idTag.toLowerCase()).sort((a, b) => b.transactionId - a.transactionId);
  return mine[0] ?? null;
}

/**
 * The test session's transaction while its step runs: the test card's active one on the charger, kept once
 * seen until the step ends (its readings stay the session's after its StopTransaction, while the step
 * waits for the cable out). A page opened after that StopTransaction finds it in the bench's record: the
 * newest of the test card's on the charger that the bench received since this run began (`runStartedAt`,
 * the bench's clock), not `lastTx` (the last run's session). Null before it starts, and when no session
 * step runs. Every run ends a session running on the charger before its first step, so a test-card session
 * running during the step is this run's.
 */
export function useSessionTransaction(sessionRunning: boolean, chargerId: string, idTag: string, runStartedAt: string | null, lastTx: number | null = null): SessionTransaction | null {
  const client = useClient();
  const live = useBench((s) => (sessionRunning ? sessionTransactionOf(Object.values(s.activeTransactions), chargerId, idTag) : null));
  const [kept, setKept] = useState<SessionTransaction | null>(null);
  useEffect(() => {
    if (!sessionRunning) setKept(null);
    else if (live) setKept(live);
  }, [sessionRunning, live]);
  // Asked once, when the page opens with the step running and no session under way on the charger.
  const ask = sessionRunning && !live && !kept && !!runStartedAt;
  const [found, setFound] = useState<SessionTransaction | null>(null);
  useEffect(() => {
    setFound(null);
    if (!ask || !runStartedAt) return;
    let mounted = true;
    const since = Date.parse(runStartedAt);
    client.call('transactions:list', { chargerId, limit: RECORD_LOOKUP }).then(
      (list) => {
        const mine = list.find((t) => t.chargerId === chargerId && t.idTag.toLowerCase() === idTag.toLowerCase() && t.transactionId !== lastTx && !!t.receivedAt && Date.parse(t.receivedAt) >= since);
        if (mounted && mine) setFound(mine);
      },
      // Not found: the chart shows the readings arriving from now on, as before its transaction is known.
      () => undefined,
    );
    return () => void (mounted = false);
  }, [ask, client, chargerId, idTag, runStartedAt, lastTx]);
  if (!sessionRunning) return null;
  const tx = live ?? kept ?? found;
  return tx && tx.chargerId === chargerId ? tx : null;
}

/**
 * The session's readings so far: with its transaction known, the connector's recorded readings (fetched
 * once, again when the live ones outgrow them) joined with the live ones, those of the transaction (naming
 * it, or naming none and taken after its start and not after its stop); before it is known, `beforeTx` (the caller's live ones).
 * `error`: why the recorded ones could not be read (only the live ones are then shown).
 */
export function useSessionReadings(tx: SessionTransaction | null, beforeTx: MeterSample[]): { samples: MeterSample[]; error: string | null } {
  const scope = useMemo(() => (tx ? { chargerId: tx.chargerId, connectorId: tx.connectorId } : null), [tx?.chargerId, tx?.connectorId]); // eslint-disable-line react-hooks/exhaustive-deps
  const series = useMeterSeriesRead(scope);
  const samples = useMemo(() => {
    if (!tx) return beforeTx;
    // A reading naming no transaction is the session's from its start to its stop (when known).
    const stop = tx.stopTime ? Date.parse(tx.stopTime) : Infinity;
    return series.samples.filter((s) => belongsTo(tx, s) && (s.transactionId === tx.transactionId || !(s.t > stop)));
  }, [tx, series.samples, beforeTx]);
  return { samples, error: tx ? series.error : null };
}
