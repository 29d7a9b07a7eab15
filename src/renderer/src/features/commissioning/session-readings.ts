// The readings of the commissioning's test session while its step runs, for the chart: those of its
// transaction the bench has recorded so far (a page opened or reloaded mid-session), joined with those
// arriving live, each once. Never a reading of an earlier run's session.
import { useEffect, useMemo, useState } from 'react';
import { MAX_SAMPLES, meterKey, useBench, watchMeter } from '../../stores/bench';
import { useClient } from '../../api/context';
import type { BenchClient } from '../../api/client';
import { mergeSamples } from '../../components/useMeterSeries';
import { formatTime } from '../../components/format';
import { belongsTo, toSamples, type MeterSample } from '../../../../shared/api/meter';
import { SAMPLES_PER_READING } from '../../../../shared/api/meter-readings';
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

/** Stored values asked for per page of the session's history (a row per measurand and phase). */
export const HISTORY_PAGE = 10_000;
/** The session's history is read back to its start up to this many stored values; past them the chart shows the newest, and says so. */
export const HISTORY_MAX = 200_000;

const NO_SAMPLES: MeterSample[] = [];

interface SessionHistory {
  samples: MeterSample[];
  /** The id of the newest stored value read (a later read stops at it); -1 with none. */
  newestId: number;
  /** The read stopped at HISTORY_MAX before reaching the session's start. */
  cut: boolean;
}

/**
 * The connector's stored readings of the session, paged back from the newest (or those after `after`'s)
 * until the readings from before it: one naming an earlier transaction, or a page with none of the
 * session's (a reading naming none, taken before its start, may come late among the session's).
 */
async function readSessionHistory(client: BenchClient, tx: SessionTransaction, after: SessionHistory | null): Promise<SessionHistory> {
  const started = Date.parse(tx.startTime);
  const untilId = after?.newestId ?? -1;
  const before = (v: { transactionId: number | null; timestamp: string }) => (v.transactionId !== null ? v.transactionId < tx.transactionId : Date.parse(v.timestamp) < started);
  // What this read finds, oldest first (joined to `after`'s at the end).
  let found = NO_SAMPLES;
  let newestId = untilId;
  let values = 0;
  let beforeId: number | undefined;
  const done = (cut: boolean): SessionHistory => ({ samples: after ? mergeSamples(after.samples, found) : found, newestId, cut });
  for (;;) {
    const page = await client.call('chargers:meterValues', { chargerId: tx.chargerId, connectorId: tx.connectorId, limit: HISTORY_PAGE, ...(beforeId === undefined ? {} : { beforeId }) });
    let keep = page.filter((v) => v.id > untilId);
    // The connector's oldest reading, or the newest one read before, is reached.
    const reached = page.length < HISTORY_PAGE || keep.length < page.length;
    // A full page: its oldest reading may go on below it, and is read whole on the next page (the values
    // below the first id after it: a reading's values have ids from its row's id × SAMPLES_PER_READING up).
    const cursor = reached ? 0 : (Math.floor(page[page.length - 1].id / SAMPLES_PER_READING) + 1) * SAMPLES_PER_READING;
    const stuck = !reached && beforeId !== undefined && cursor >= beforeId;
    if (!reached && !stuck) keep = keep.filter((v) => v.id >= cursor);
    beforeId = cursor;
    if (keep.length) newestId = Math.max(newestId, keep[0].id);
    found = mergeSamples(toSamples(keep), found);
    values += keep.length;
    if (reached || keep.some((v) => v.transactionId !== null && before(v)) || keep.every(before)) return done(false);
    // No further back to go (pages that do not move back).
    if (stuck) return done(true);
    if (values >= HISTORY_MAX) {
      // As far back as the chart reads: cut when the reading before is still the session's.
      const [next] = await client.call('chargers:meterValues', { chargerId: tx.chargerId, connectorId: tx.connectorId, limit: 1, beforeId });
      return done(!!next && !before(next));
    }
  }
}

/** The chart's words when its history does not reach back to the session's start. */
export function cutWords(shown: readonly MeterSample[]): string {
  return `The chart shows the session’s newest ${shown.length.toLocaleString()} readings, from ${formatTime(new Date(shown[0]?.t ?? Date.now()).toISOString())}: its earlier ones are more than the chart reads (${HISTORY_MAX.toLocaleString()} stored values) and are not shown.`;
}

/**
 * The session's readings as the bench recorded them (the whole session, see readSessionHistory), with
 * those the store keeps live on top; read again (what came since) when the live ones outgrow them.
 */
function useSessionHistory(tx: SessionTransaction | null): { samples: MeterSample[]; error: string | null; cut: boolean; loading: boolean } {
  const client = useClient();
  const chargerId = tx?.chargerId;
  const connectorId = tx?.connectorId;
  const live = useBench((s) => (chargerId === undefined || connectorId === undefined ? undefined : s.meter[meterKey(chargerId, connectorId)])) ?? NO_SAMPLES;
  useEffect(() => (chargerId === undefined || connectorId === undefined ? undefined : watchMeter(chargerId, connectorId)), [chargerId, connectorId]);
  const key = tx ? `${tx.chargerId}|${tx.connectorId}|${tx.transactionId}|${tx.startTime}` : null;
  const [state, setState] = useState<{ key: string | null; history: SessionHistory | null; error: string | null; loading: boolean; round: number }>({
    key: null,
    history: null,
    error: null,
    loading: false,
    round: 0,
  });
  const current = state.key === key ? state : { key, history: null, error: null, loading: !!key, round: 0 };
  // The store keeps a connector's newest MAX_SAMPLES: once it has dropped some that came after the
  // history was read, the two no longer meet: what came since is read then.
  const historyEnd = current.history?.samples.length ? current.history.samples[current.history.samples.length - 1].t : null;
  const apart = !current.loading && !current.error && live.length >= MAX_SAMPLES && historyEnd !== null && live[0].t > historyEnd;
  useEffect(() => {
    if (apart) setState((s) => ({ ...s, round: s.round + 1, loading: true }));
  }, [apart]);
  const round = current.round;
  useEffect(() => {
    if (!tx || !key) return;
    let mounted = true;
    const after = round > 0 && state.key === key ? state.history : null;
    if (!after) setState({ key, history: null, error: null, loading: true, round });
    readSessionHistory(client, tx, after).then(
      (history) => mounted && setState({ key, history, error: null, loading: false, round }),
      (e: unknown) => mounted && setState((s) => ({ key, history: s.key === key ? s.history : null, error: e instanceof Error ? e.message : String(e), loading: false, round })),
    );
    return () => void (mounted = false);
  }, [client, key, round]); // eslint-disable-line react-hooks/exhaustive-deps
  const history = current.history;
  const samples = useMemo(() => (key ? mergeSamples(history?.samples ?? NO_SAMPLES, live) : NO_SAMPLES), [key, history, live]);
  // Loading: none of the recorded readings is in yet (a later read of what came since adds to those shown).
  return { samples, error: key ? current.error : null, cut: !!history?.cut, loading: !!key && current.loading && !history };
}

/**
 * The session's readings so far: with its transaction known, the connector's recorded readings back to the
 * session's start (paged through, again what came since when the live ones outgrow them) joined with the
 * live ones, those of the transaction (naming it, or naming none and taken after its start and not after
 * its stop); before it is known, `beforeTx` (the caller's live ones).
 * `error`: why the recorded ones could not be read (only the live ones are then shown). `cut`: the words
 * saying the chart holds only the session's newest readings (more than HISTORY_MAX stored values), else null.
 * `loading`: the recorded ones are being read and none is among `samples` yet ("no readings" is not known).
 */
export function useSessionReadings(tx: SessionTransaction | null, beforeTx: MeterSample[]): { samples: MeterSample[]; error: string | null; cut: string | null; loading: boolean } {
  const series = useSessionHistory(tx);
  const samples = useMemo(() => {
    if (!tx) return beforeTx;
    // A reading naming no transaction is the session's from its start to its stop (when known).
    const stop = tx.stopTime ? Date.parse(tx.stopTime) : Infinity;
    return series.samples.filter((s) => belongsTo(tx, s) && (s.transactionId === tx.transactionId || !(s.t > stop)));
  }, [tx, series.samples, beforeTx]);
  return { samples, error: tx ? series.error : null, cut: tx && series.cut && samples.length ? cutWords(samples) : null, loading: !!tx && series.loading };
}
