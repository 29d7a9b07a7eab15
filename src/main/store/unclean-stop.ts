// After a bench that did not stop cleanly (kill -9, a crash, the computer losing power): the record is put
// right at start, once the journal's leftover entries are back in SQLite, so it tells the truth about what
// the killed process could not write itself.
//
// - Each charger's last contact and last Heartbeat: written every few seconds (repositories/chargers.ts
//   flushSeen), so the last batch of them died with the process. They are brought up to the newest frame
//   from the charger, and its newest Heartbeat the bench answered, that the message log holds, found
//   through the sparse index (`chunks`) of the last seconds of the log: no scan of the log.
// - Connections the record holds open (accepted, never closed or replaced) since the killed process started
//   (its lock note's startedAt) ended with it: each is recorded closed, at its charger's last frame, saying
//   so, the closes in time order. One accepted before it started was not open then (a kill of an older
//   bench left it so) and stays as it is.
// - One notice for the start-up report (/api/health, the console, the UI) says the bench was down.
//
// How an unclean stop is known: a clean close deletes the journal once SQLite holds all of it, and releases
// the data directory's lock, emptying the note of who held it (data-dir.ts DataDirLock); a killed process
// leaves both. Only both together say so: a journal a clean close had to leave (SQLite could not take the
// last of it) is replayed without anything to mend, and so is one in a directory no bench held (no note).
//
// A repair that could not run (SQLite stalled at start, an error in it) is owed: a note beside the lock
// (PENDING_NOTE) keeps the killed process's lock note until a later start has put the record right, so the
// clean stop of the start that failed, which empties the lock note, does not lose it. It looks at the record
// as it was when that start began (its time in the note): each charger's newest connection line from before
// then (found by bisection: the lines are in time order, and a refusal moved to a newer id takes its newer
// time) and the log up to then, none of the run since. Two unclean stops in a row: the earlier process's
// start covers both processes' connections, a charger's to each of them too. The owed closes get ids after
// the lines of the run since (the Connect list, by id, shows them above those lines, at their earlier times).
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database';
import { parseLockHolder, PRIVATE_FILE } from './data-dir';
import { segmentFiles } from './journal';
import { firstIdAtOrAfter } from './message-time';
import { byChunks, epochOf, type Writes } from './repository';
import { formatDateTimeWithZone } from '../../shared/format/time';

export const uncleanStopWrites = {
  // [time, charger id, time]: only ever later (a time the record holds that is newer stays).
  seenAtLeast: 'UPDATE chargers SET last_seen = ? WHERE id = ? AND (last_seen IS NULL OR last_seen < ?)',
  heartbeatAtLeast: 'UPDATE chargers SET last_heartbeat = ? WHERE id = ? AND (last_heartbeat IS NULL OR last_heartbeat < ?)',
} satisfies Writes;

/** The note DataDirLock writes beside its lock when it takes the directory and empties when it releases it. */
const LOCK_NOTE = 'chargebench.lock.json';

/**
 * The lock note the process before left: '' when it released the directory (a clean close), its text when
 * it did not, null when there is none (a new data directory). Read before the lock is taken: taking it
 * writes the note anew.
 */
export function leftLockNote(dataDir: string): string | null {
  try {
    return readFileSync(join(dataDir, LOCK_NOTE), 'utf8').trim();
  } catch {
    return null;
  }
}

/** The note beside the lock saying a repair is owed (PendingRepair as JSON); absent or empty when none is. */
export const PENDING_NOTE = 'chargebench.repair-pending.json';

/** A repair an earlier start could not make. */
export interface PendingRepair {
  /** The killed process's lock note (of the earliest, when more were killed before a repair ran). */
  lockNote: string;
  /** When the start that could not make it began (the record's clock): the killed process's records are older. */
  failedAt: string;
}

/** The repair an earlier start could not make, or null (none, or a note that is not one: nothing to go by). */
export function pendingRepair(dataDir: string): PendingRepair | null {
  try {
    const p = JSON.parse(readFileSync(join(dataDir, PENDING_NOTE), 'utf8')) as Partial<PendingRepair> | null;
    return p && typeof p.lockNote === 'string' && typeof p.failedAt === 'string' ? { lockNote: p.lockNote, failedAt: p.failedAt } : null;
  } catch {
    return null;
  }
}

/** Notes that a repair is owed; returns why it could not be noted, or null once it is. */
export function notePendingRepair(dataDir: string, repair: PendingRepair): string | null {
  try {
    writeFileSync(join(dataDir, PENDING_NOTE), `${JSON.stringify(repair)}\n`, { mode: PRIVATE_FILE });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The owed repair is made: its note goes (emptied where it cannot be deleted). */
export function clearPendingRepair(dataDir: string): void {
  const file = join(dataDir, PENDING_NOTE);
  try {
    unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    try {
      writeFileSync(file, '');
    } catch {
      // still there: the next start makes the repair again, which changes nothing more
    }
  }
}

/** The repair a start owes: of the process just before it (`fresh`), of one an earlier start could not make (`retried`), or both. */
export interface OwedRepair {
  fresh: boolean;
  retried: PendingRepair | null;
  /** The lock note whose startedAt limits the connections to close: the earlier of the two (one that does not say: every open one). */
  lockNote: string;
}

/** What a start owes, given whether the process before stopped uncleanly (its `lockNote`) and the pending repair; null: nothing. */
export function repairOwed(unclean: boolean, lockNote: string | null, retried: PendingRepair | null): OwedRepair | null {
  if (!unclean && !retried) return null;
  const fresh = unclean ? (lockNote ?? '') : null;
  if (fresh === null) return { fresh: false, retried, lockNote: retried!.lockNote };
  if (!retried) return { fresh: true, retried: null, lockNote: fresh };
  const [a, b] = [startedAtOf(retried.lockNote), startedAtOf(fresh)];
  const earlier = a === null ? retried.lockNote : b === null ? fresh : a <= b ? retried.lockNote : fresh;
  return { fresh: true, retried, lockNote: earlier };
}

/**
 * Whether the process before stopped without closing the record: it left its journal and its lock note
 * naming it (every bench that journals writes the note: they came together). Before the writer opens the journal.
 */
export function stoppedUncleanly(dataDir: string, lockNote: string | null): boolean {
  return !!lockNote && segmentFiles(dataDir).length > 0;
}

/**
 * How far back from the log's newest frame the last contact and heartbeat times may be missing: the
 * coalesced writes go out every 5 s (SEEN_FLUSH_MS), at the next batch; three times that, to be safe.
 */
export const MEND_WINDOW_MS = 15_000;

/** Chargers named in the notice; the rest are counted. */
const NAMED = 5;

type Write = (name: string, params: unknown[]) => void;
interface Chunk {
  key: string;
  first_id: number;
  last_id: number;
}

/**
 * Puts the record right after an unclean stop (see the top of this file) and returns the notice saying so,
 * or why it could not be (`failed`). Runs on the record's own connection once the journal is replayed; the writes
 * go through `write` (the caller awaits them). `journalNotices`: what reading the journal found wrong
 * (damage, gaps). `owed.lockNote`: the note the killed process left (leftLockNote), whose startedAt says
 * which connections it held. A repair an earlier start could not make, alone, looks at the record from
 * before that start (what ran since wrote its own).
 */
export function mendUncleanStop(db: Db, write: Write, journalNotices: readonly string[], owed: OwedRepair): { notice: string } | { failed: string } {
  try {
    const until = owed.fresh ? null : (owed.retried?.failedAt ?? null);
    return { notice: mend(db, write, journalNotices, startedAtOf(owed.lockNote), until, owed) };
  } catch (e) {
    return { failed: (e as Error).message };
  }
}

/** How the notice names the stop(s) put right. */
function whichStop(owed: Pick<OwedRepair, 'fresh' | 'retried'>): string {
  const how = '(it was killed, crashed, or the computer lost power)';
  if (!owed.retried) return `The bench did not stop cleanly the last time it ran ${how}`;
  const earlier = `the record could not be put right at the start after it (${formatDateTimeWithZone(owed.retried.failedAt)})`;
  if (!owed.fresh) return `The bench did not stop cleanly on an earlier run ${how}, and ${earlier}`;
  return `The bench did not stop cleanly the last time it ran ${how}, nor on a run before it, after which ${earlier}`;
}

/**
 * The notice when the record could not be put right (`why`): the bench starts all the same, the record as
 * the killed process left it, and said to be. `noted`: why the repair could not be noted for the next
 * start, or null when it was (the default: the caller notes it).
 */
export function uncleanNotMended(why: string, owed: Pick<OwedRepair, 'fresh' | 'retried'> = { fresh: true, retried: null }, noted: string | null = null): string {
  const next = noted === null ? 'It is tried again at the next start.' : `It could not be noted to be tried again at the next start either (${noted}).`;
  return `${whichStop(owed)}, and the record could not be put right ${owed.retried ? 'now either' : 'after it'} (${why}): chargers' last contact and last heartbeat may read a few seconds early, and connections open then may read as never closed. ${next}`;
}

/** When the process that left `lockNote` started (ms), or null when the note does not say it readably. */
export function startedAtOf(lockNote: string | null): number | null {
  const started = lockNote ? parseLockHolder(lockNote)?.startedAt : undefined;
  const ms = typeof started === 'string' ? Date.parse(started) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

function mend(db: Db, write: Write, journalNotices: readonly string[], startedAt: number | null, until: string | null, owed: OwedRepair): string {
  const newestFrame = newestFrameBefore(db, until);
  const newestAttempt = (
    until === null
      ? db.prepare('SELECT ts FROM connection_attempts ORDER BY id DESC LIMIT 1').pluck().get()
      : db.prepare('SELECT ts FROM connection_attempts WHERE ts < ? ORDER BY id DESC LIMIT 1').pluck().get(until)
  ) as string | undefined;
  const lastRecord =
    [newestFrame?.ts, newestAttempt]
      .filter((t): t is string => typeof t === 'string')
      .sort()
      .pop() ?? null;
  const frames = new LastFrames(db, newestFrame);
  // A repair an earlier start (B) owed looks at the record from before B started: the log up to its last
  // frame before then, and each charger's connection lines below the first from B's run (a charger that
  // connected again to B has newer lines, which do not say whether its connection to the killed process ended).
  const retried = owed.retried
    ? { frames: until === null ? new LastFrames(db, newestFrameBefore(db, owed.retried.failedAt)) : frames, belowId: firstAttemptAtOrAfter(db, owed.retried.failedAt) }
    : null;
  for (const f of retried && retried.frames !== frames ? [retried.frames, frames] : [frames]) {
    for (const [chargerId, ts] of f.lastFromCharger()) write('seenAtLeast', [ts, chargerId, ts]);
    for (const [chargerId, ts] of f.lastHeartbeats()) write('heartbeatAtLeast', [ts, chargerId, ts]);
  }
  const ended = closeOpenConnections(db, write, owed.fresh ? frames : null, retried, startedAt);
  // When it stopped is not known: after its last record (an idle bench may have run on for minutes or hours).
  const when = lastRecord ? `; its last record is from ${formatDateTimeWithZone(lastRecord)}, and it stopped some time after that` : '';
  // A charger may have had two (one to each process, after two unclean stops): named once.
  const chargers = [...new Set(ended)];
  const names = chargers.length > NAMED ? `${chargers.slice(0, NAMED).join(', ')} and ${chargers.length - NAMED} more` : chargers.join(', ');
  const connections = ended.length
    ? `${ended.length} charger connection${ended.length > 1 ? 's' : ''} open then (${names}) ended with it and ${ended.length > 1 ? 'are' : 'is'} recorded as closed at ${ended.length > 1 ? 'their' : 'its'} last message.`
    : 'No charger was connected then.';
  const kept = !owed.fresh
    ? 'Its journal was put into the record while the bench ran after it.'
    : journalNotices.length
      ? 'Everything else in its journal was put into the record (the other notices say what was missing from it).'
      : 'Everything in its journal was put into the record: after a kill or a crash, that is everything the bench answered.';
  const now = owed.retried ? '; it is put right now' : '';
  return `${whichStop(owed)}${now}${when}. ${connections} Chargers' last contact and last heartbeat were brought up to their last messages. ${kept}`;
}

/** The log's newest frame, or its newest from before `until` (null: the newest). */
function newestFrameBefore(db: Db, until: string | null): { id: number; ts: string } | undefined {
  const newest = db.prepare('SELECT id, ts FROM messages ORDER BY id DESC LIMIT 1').get() as { id: number; ts: string } | undefined;
  if (!newest || until === null || newest.ts < until) return newest;
  const id = firstIdAtOrAfter(db, until, 0, newest.id);
  return db.prepare('SELECT id, ts FROM messages WHERE id < ? ORDER BY id DESC LIMIT 1').get(id) as { id: number; ts: string } | undefined;
}

/** The newest frames of the log's last seconds (up to a frame), by charger, read through the sparse index. */
class LastFrames {
  /** The first and last ids of the window (the MEND_WINDOW_MS up to its newest frame), and its chunks by key, newest first. */
  private readonly fromId: number;
  private readonly toId: number;
  private readonly byCharger = new Map<string, Chunk[]>();
  /** Each charger's newest frame (either way) in the window: id and time. */
  readonly newest = new Map<string, { id: number; ts: string }>();

  constructor(
    private readonly db: Db,
    newestFrame: { id: number; ts: string } | undefined,
  ) {
    this.fromId = newestFrame ? firstIdAtOrAfter(db, new Date(Date.parse(newestFrame.ts) - MEND_WINDOW_MS).toISOString(), 0, newestFrame.id) : Number.MAX_SAFE_INTEGER;
    // Not past it: a repair an earlier start owed reads none of the frames of the run since (hours of them, maybe).
    this.toId = newestFrame?.id ?? -1;
    for (const c of this.chunks('message/charger')) {
      const list = this.byCharger.get(c.key) ?? [];
      list.push(c);
      this.byCharger.set(c.key, list);
    }
    const newestOf = db.prepare('SELECT id, ts FROM messages WHERE id BETWEEN ? AND ? AND charger_id = ? ORDER BY id DESC LIMIT 1');
    for (const [key, chunks] of this.byCharger) {
      const row = this.firstIn(chunks, (c) => newestOf.get(c.first_id, c.last_id, key) as { id: number; ts: string } | undefined);
      if (row) this.newest.set(key, row);
    }
  }

  /** The chunks of one kind in the window, newest first, their ranges cut to it. */
  private chunks(kind: string, key?: string): Chunk[] {
    const byKey = key === undefined ? '' : 'AND key = ?';
    const chunks = this.db
      .prepare(`SELECT key, first_id, last_id FROM chunks WHERE kind = ? AND epoch >= ? AND last_id >= ? AND first_id <= ? ${byKey} ORDER BY last_id DESC`)
      .all(kind, epochOf(this.fromId), this.fromId, this.toId, ...(key === undefined ? [] : [key])) as Chunk[];
    return chunks.map((c) => ({ key: c.key, first_id: Math.max(c.first_id, this.fromId), last_id: Math.min(c.last_id, this.toId) }));
  }

  /** The first row `read` finds in the chunks, in their order. */
  private firstIn<T>(chunks: Chunk[], read: (c: Chunk) => T | undefined): T | undefined {
    for (const c of chunks) {
      const row = read(c);
      if (row !== undefined) return row;
    }
    return undefined;
  }

  /** Each charger's newest frame from it in the window (its last contact). */
  lastFromCharger(): Map<string, string> {
    const out = new Map<string, string>();
    const newestIn = this.db.prepare("SELECT ts FROM messages WHERE id BETWEEN ? AND ? AND charger_id = ? AND direction = 'in' ORDER BY id DESC LIMIT 1").pluck();
    for (const [key, chunks] of this.byCharger) {
      const ts = this.firstIn(chunks, (c) => newestIn.get(c.first_id, c.last_id, key) as string | undefined);
      if (ts !== undefined) out.set(key, ts);
    }
    return out;
  }

  /**
   * Each charger's newest Heartbeat call in the window that its handler took and answered: not one in
   * violation, nor one the bench refused before its handler ran (a bench behaviour's CALLERROR or withheld
   * answer, the InternalError while nothing could be recorded), which the live record does not take as a
   * heartbeat either. Answered: an outgoing CALLRESULT with its message id followed it in the window (the
   * answers carry their call's action, so they are in the same chunks).
   */
  lastHeartbeats(): Map<string, string> {
    type Beat = { id: number; charger_id: string; direction: string; kind: string; message_id: string | null; error: string | null; ts: string };
    const rows = this.db.prepare("SELECT id, charger_id, direction, kind, message_id, error, ts FROM messages WHERE id BETWEEN ? AND ? AND action = 'Heartbeat'");
    const keyOf = (r: Beat): string => JSON.stringify([r.charger_id, r.message_id]);
    const calls: Beat[] = [];
    // Per charger and message id, the id of its last answer.
    const answered = new Map<string, number>();
    for (const c of this.chunks('message/action', 'Heartbeat')) {
      for (const r of rows.iterate(c.first_id, c.last_id) as IterableIterator<Beat>) {
        if (r.direction === 'in' && r.kind === 'CALL' && r.error === null) calls.push(r);
        else if (r.direction === 'out' && r.kind === 'CALLRESULT') answered.set(keyOf(r), Math.max(r.id, answered.get(keyOf(r)) ?? 0));
      }
    }
    const out = new Map<string, string>();
    for (const r of calls) {
      if ((answered.get(keyOf(r)) ?? 0) <= r.id) continue;
      const known = out.get(r.charger_id);
      if (known === undefined || r.ts > known) out.set(r.charger_id, r.ts);
    }
    return out;
  }

  /**
   * A charger's newest frame (either way) from `sinceTs` on, or undefined: the window's, else found through
   * the sparse index before the window, newest chunk first, back to where `sinceTs` falls in the log (a
   * charger connected and silent since).
   */
  newestSince(chargerId: string, sinceTs: string): { id: number; ts: string } | undefined {
    const inWindow = this.newest.get(chargerId);
    if (inWindow) return inWindow.ts >= sinceTs ? inWindow : undefined;
    if (this.toId < 0) return undefined;
    const sinceId = firstIdAtOrAfter(this.db, sinceTs, 0, this.toId);
    const newestOf = this.db.prepare('SELECT id, ts FROM messages WHERE id BETWEEN ? AND ? AND charger_id = ? ORDER BY id DESC LIMIT 1');
    // One row ends the walk: the newest frame found, or null once the chunks are all from before `sinceTs`.
    const [r] = byChunks<{ id: number; ts: string } | null>(this.db, 'message/charger', chargerId, this.fromId, 1, (first, last) => {
      if (last < sinceId) return [null];
      const row = newestOf.get(first, last, chargerId) as { id: number; ts: string } | undefined;
      return row ? [row] : [];
    });
    return r && r.ts >= sinceTs ? r : undefined;
  }
}

/** The id of the first connection line at or after `ts` (lines are written in time order), by bisection. */
function firstAttemptAtOrAfter(db: Db, ts: string): number {
  const hi = (db.prepare('SELECT MAX(id) FROM connection_attempts').pluck().get() as number | null) ?? 0;
  const at = db.prepare('SELECT id, ts FROM connection_attempts WHERE id >= ? ORDER BY id LIMIT 1');
  let [a, b] = [0, hi + 1];
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    const r = at.get(mid) as { id: number; ts: string } | undefined;
    if (!r || r.ts >= ts) b = mid;
    else a = r.id + 1;
  }
  return a;
}

type Line = { id: number; ts: string; remote_address: string | null; outcome: string };

/**
 * Records every connection the record holds open as closed, at its charger's last frame on it (its
 * acceptance when none came), saying why, oldest close first (the log's ids grow with its times); returns
 * the charger of each connection it closed. `startedAt` (ms): when the killed process started; an
 * acceptance before it was not open then (null: not known, every open one is closed).
 * `fresh`: the log's last seconds, when the process just before was killed (each charger's newest line
 * says whether its connection is open). `retried`: a repair an earlier start (B) owed: each charger's
 * newest line below B's first (`belowId`) says whether its connection was open when B started, and it is
 * closed at its last frame before then (`frames`); B's run recorded the connections it held itself.
 */
function closeOpenConnections(db: Db, write: Write, fresh: LastFrames | null, retried: { frames: LastFrames; belowId: number } | null, startedAt: number | null): string[] {
  // Per charger, its newest line (below an id) that opened or ended a connection (by the charger's index): open when it is an acceptance.
  const newestLine = db.prepare(
    "SELECT id, ts, remote_address, outcome FROM connection_attempts WHERE charger_id = ? AND id < ? AND outcome IN ('accepted', 'closed', 'replaced') ORDER BY id DESC LIMIT 1",
  );
  const ids = db.prepare('SELECT id FROM chargers ORDER BY id').pluck().all() as string[];
  const closes: Array<{ ts: string; params: unknown[] }> = [];
  const ended: string[] = [];
  const close = (chargerId: string, line: Line, frames: LastFrames): void => {
    if (line.outcome !== 'accepted') return;
    if (startedAt !== null && !(Date.parse(line.ts) >= startedAt)) return;
    const last = frames.newestSince(chargerId, line.ts);
    const reason = `Ended when the bench stopped without closing it (killed, crashed, or the computer lost power): ${
      last ? `its last message was at ${formatDateTimeWithZone(last.ts)}` : 'no message came on it'
    }`;
    const ts = last?.ts ?? line.ts;
    closes.push({ ts, params: [ts, chargerId, line.remote_address, 'closed', reason] });
    ended.push(chargerId);
  };
  for (const chargerId of ids) {
    const newest = fresh ? (newestLine.get(chargerId, Number.MAX_SAFE_INTEGER) as Line | undefined) : undefined;
    // One from B's run is the killed process's (B was killed too); one from before is the owed repair's, below.
    if (newest && fresh && (!retried || newest.id >= retried.belowId)) close(chargerId, newest, fresh);
    const before = retried ? (newestLine.get(chargerId, retried.belowId) as Line | undefined) : undefined;
    if (before && retried) close(chargerId, before, retried.frames);
  }
  // Stable: chargers closed at one time stay in id order.
  closes.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  for (const c of closes) write('attempt', c.params);
  return ended;
}
