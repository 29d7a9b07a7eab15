// Two things the put-back after a case (restore.ts) reads from the case's frames: a heartbeat interval the
// bench's own BootNotification answer gave the charger during the case (a change of HeartbeatInterval like
// any ChangeConfiguration, put back the same way), and a StopTransaction that came for another, unknown
// transaction while the bench waited for a session's own one (said as such, not as "none came"), or before
// it asked (why the charger then refuses to stop a session the record still holds open).
import type { CaseContext } from './context';
import type { SeenFrame } from './frames';
import { bootAnswerInterval } from '../central-system/heartbeat-given';

/** A configuration key the put-back sets back, to the value it had before the case; `why` when the case did not set it itself. */
export interface KeyToPutBack {
  key: string;
  value: string;
  why?: string;
}

/**
 * The keys the put-back sets back: those the case changed (ChangeConfiguration, see CaseContext.configure),
 * and HeartbeatInterval when the last BootNotification answer of the bench that accepted the charger during
 * the case gave it another interval than it had before the case (TC_001_CS, TC_002_CS give the test data's).
 * Nothing at the run's start (the charger's boot before it is no change of a case), nor for a charger whose
 * interval before the case is unknown, nor after a commissioning's step (`keepBootInterval`: its end judges it).
 */
export function keysToPutBack(t: CaseContext, setup: boolean, keepBootInterval = false): KeyToPutBack[] {
  const keys: KeyToPutBack[] = [...t.touched.config].filter((e): e is [string, string] => e[1] !== null).map(([key, value]) => ({ key, value }));
  // A read-only HeartbeatInterval cannot be set back (the charger keeps what its boot answer gave).
  if (setup || keepBootInterval || t.touched.config.has('HeartbeatInterval') || t.pics.readOnly.includes('HeartbeatInterval')) return keys;
  const before = t.pics.config.HeartbeatInterval;
  const given = bootIntervalGiven(t.host.frames.since(t.firstSeq));
  if (typeof before !== 'string' || given === null || String(given) === before.trim()) return keys;
  return [...keys, { key: 'HeartbeatInterval', value: before, why: `the bench's BootNotification answer during the case gave ${given} s` }];
}

/** The interval of the last BootNotification answer among `frames` that accepted the charger, or null. */
function bootIntervalGiven(frames: SeenFrame[]): number | null {
  const boots = new Set(frames.filter((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'BootNotification').map((f) => f.messageId));
  const answer = frames.findLast((f) => f.direction === 'out' && f.kind === 'CALLRESULT' && f.messageId !== null && boots.has(f.messageId) && bootAnswerInterval(f.raw) !== null);
  return answer ? bootAnswerInterval(answer.raw) : null;
}

/**
 * Why a session the bench asked to stop (RemoteStopTransaction accepted) is still open after the wait: no
 * StopTransaction came at all, or only ones for other transactions the bench does not know (not among
 * `known`, the sessions open when it asked), e.g. a charger that sends the wrong transactionId.
 */
export function noStopFor(transactionId: number, frames: SeenFrame[], known: ReadonlySet<number>, waitedS: number): string {
  const others = new Set(stopsForOthers(transactionId, frames, known).map((s) => s.which));
  if (!others.size) return `no StopTransaction came within ${waitedS} s`;
  const which = [...others].join(', and one ');
  return `a StopTransaction came ${which}, not ${transactionId} (none for ${transactionId} within ${waitedS} s; if it was meant for ${transactionId}, the charger sent the wrong transactionId)`;
}

/**
 * Why the charger may have refused to stop a session the record holds open: before the bench asked (frames
 * up to `asked`), the charger had sent a StopTransaction for a transaction the bench does not know, or
 * without one (a person unplugged, or the charger ended the session itself, and its firmware sent the wrong
 * transactionId), so the session stayed open in the record. Known: the sessions open now, those the record
 * held open when the run began (one its setup or a case stopped properly), and every transaction the bench
 * gave the charger while watching it. Frames after `caseEnd` came during the put-back.
 * Each such StopTransaction with when it came, or '' when none came.
 */
export function stopBeforeAsked(t: CaseContext, transactionId: number, asked: number, caseEnd: number): string {
  const { frames } = t.host;
  const known = new Set([...t.host.openTransactions().map((o) => o.transactionId), ...(t.host.transactionsBefore?.() ?? []), ...transactionsGiven(frames.since(0))]);
  const before = stopsForOthers(
    transactionId,
    frames.since(t.firstSeq).filter((f) => f.seq <= asked),
    known,
  );
  if (!before.length) return '';
  const each = before.map((s) => `${s.which} (not ${transactionId}) at ${s.ts}, ${s.seq <= caseEnd ? 'during the case' : 'while the charger was being put back'}`);
  return `before the bench asked, the charger had sent a StopTransaction ${each.join(', and one ')}: if it was meant for ${transactionId}, its firmware sends the wrong transactionId and the session is no longer on the charger`;
}

/** The StopTransactions among `frames` for a transaction other than `transactionId` and not among `known`, or without one: which, as said ("for unknown transaction 1006"), and when. */
function stopsForOthers(transactionId: number, frames: SeenFrame[], known: ReadonlySet<number>): Array<{ which: string; ts: string; seq: number }> {
  const stops: Array<{ which: string; ts: string; seq: number }> = [];
  for (const f of frames) {
    if (f.direction !== 'in' || f.kind !== 'CALL' || f.action !== 'StopTransaction') continue;
    const id = stopTransactionId(f.raw);
    if (id === transactionId || (typeof id === 'number' && known.has(id))) continue;
    stops.push({ which: id === undefined ? 'without a transactionId' : `for unknown transaction ${JSON.stringify(id)}`, ts: f.ts, seq: f.seq });
  }
  return stops;
}

/** The transactionIds of the bench's answers to StartTransaction among `frames`. */
function transactionsGiven(frames: SeenFrame[]): number[] {
  const starts = new Set(frames.filter((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StartTransaction').map((f) => f.messageId));
  const ids: number[] = [];
  for (const f of frames) {
    if (f.direction !== 'out' || f.kind !== 'CALLRESULT' || !starts.has(f.messageId)) continue;
    try {
      const id = ((JSON.parse(f.raw) as unknown[])[2] as { transactionId?: unknown } | null)?.transactionId;
      if (typeof id === 'number') ids.push(id);
    } catch {
      // an answer the bench made is always JSON
    }
  }
  return ids;
}

const stopTransactionId = (raw: string): unknown => {
  try {
    const body = (JSON.parse(raw) as unknown[])[3];
    return body && typeof body === 'object' ? (body as { transactionId?: unknown }).transactionId : undefined;
  } catch {
    return undefined;
  }
};
