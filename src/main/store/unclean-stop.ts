// After a bench that did not stop cleanly (kill -9, a crash, the computer losing power): the record is put
// right at start, once the journal's leftover entries are back in SQLite, so it tells the truth about what
// the killed process could not write itself.
//
// - Each charger's last contact and last Heartbeat: written every few seconds (repositories/chargers.ts
//   flushSeen), so the last batch of them died with the process. They are brought up to the newest frame
//   from the charger, and its newest Heartbeat, that the message log holds, found through the sparse index
//   (`chunks`) of the last seconds of the log: no scan of the log.
// - Connections the record holds open (accepted, never closed or replaced) ended with the process: each is
//   recorded closed, at its charger's last frame, saying so.
// - One notice for the start-up report (/api/health, the console, the UI) says the bench was down.
//
// How an unclean stop is known: a clean close deletes the journal once SQLite holds all of it, and releases
// the data directory's lock, emptying the note of who held it (data-dir.ts DataDirLock); a killed process
// leaves both. Only both together say so: a journal a clean close had to leave (SQLite could not take the
// last of it) is replayed without anything to mend, and so is one in a directory no bench held (no note).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database';
import { segmentFiles } from './journal';
import { epochOf, type Writes } from './repository';
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
 * Puts the record right after an unclean stop (see the top of this file) and returns the notice saying so.
 * Runs on the record's own connection once the journal is replayed; the writes go through `write` (the
 * caller awaits them). `journalNotices`: what reading the journal found wrong (damage, gaps).
 */
export function mendUncleanStop(db: Db, write: Write, journalNotices: readonly string[]): string {
  try {
    return mend(db, write, journalNotices);
  } catch (e) {
    return uncleanNotMended((e as Error).message);
  }
}

/** The notice when the record could not be put right (`why`): the bench starts all the same, the record as the killed process left it, and said to be. */
export function uncleanNotMended(why: string): string {
  return `The bench did not stop cleanly the last time it ran (it was killed, crashed, or the computer lost power), and the record could not be put right after it (${why}): chargers' last contact and last heartbeat may read a few seconds early, and connections open then may read as never closed.`;
}

function mend(db: Db, write: Write, journalNotices: readonly string[]): string {
  const newestFrame = db.prepare('SELECT id, ts FROM messages ORDER BY id DESC LIMIT 1').get() as { id: number; ts: string } | undefined;
  const newestAttempt = db.prepare('SELECT ts FROM connection_attempts ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
  const lastRecord =
    [newestFrame?.ts, newestAttempt]
      .filter((t): t is string => typeof t === 'string')
      .sort()
      .pop() ?? null;
  const frames = new LastFrames(db, newestFrame);
  for (const [chargerId, ts] of frames.lastFromCharger()) write('seenAtLeast', [ts, chargerId, ts]);
  for (const [chargerId, ts] of frames.lastHeartbeats()) write('heartbeatAtLeast', [ts, chargerId, ts]);
  const ended = closeOpenConnections(db, write, frames);
  const when = lastRecord ? ` at about ${formatDateTimeWithZone(lastRecord)}, the time of its last record` : '';
  const names = ended.length > NAMED ? `${ended.slice(0, NAMED).join(', ')} and ${ended.length - NAMED} more` : ended.join(', ');
  const connections = ended.length
    ? `${ended.length} charger connection${ended.length > 1 ? 's' : ''} open then (${names}) ended with it and ${ended.length > 1 ? 'are' : 'is'} recorded as closed at ${ended.length > 1 ? 'their' : 'its'} last message.`
    : 'No charger was connected then.';
  const kept = journalNotices.length
    ? 'Everything else in its journal was put into the record (the other notices say what was missing from it).'
    : 'Everything in its journal was put into the record: after a kill or a crash, that is everything the bench answered.';
  return `The bench did not stop cleanly the last time it ran (it was killed, crashed, or the computer lost power)${when}. ${connections} Chargers' last contact and last heartbeat were brought up to their last messages. ${kept}`;
}

/** The newest frames of the log's last seconds, by charger, read through the sparse index. */
class LastFrames {
  /** The first id of the window (the log's newest MEND_WINDOW_MS), and its chunks by key, newest first. */
  private readonly fromId: number;
  private readonly byCharger = new Map<string, Chunk[]>();
  /** Each charger's newest frame (either way) in the window: id and time. */
  readonly newest = new Map<string, { id: number; ts: string }>();

  constructor(
    private readonly db: Db,
    newestFrame: { id: number; ts: string } | undefined,
  ) {
    this.fromId = newestFrame ? firstIdFrom(db, new Date(Date.parse(newestFrame.ts) - MEND_WINDOW_MS).toISOString(), newestFrame.id) : Number.MAX_SAFE_INTEGER;
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

  /** The chunks of one kind in the window, newest first. */
  private chunks(kind: string, key?: string): Chunk[] {
    const byKey = key === undefined ? '' : 'AND key = ?';
    return this.db
      .prepare(`SELECT key, first_id, last_id FROM chunks WHERE kind = ? AND epoch >= ? AND last_id >= ? ${byKey} ORDER BY last_id DESC`)
      .all(kind, epochOf(this.fromId), this.fromId, ...(key === undefined ? [] : [key])) as Chunk[];
  }

  /** The first row `read` finds in the chunks, in their order. */
  private firstIn<T>(chunks: Chunk[], read: (c: Chunk) => T | undefined): T | undefined {
    for (const c of chunks) {
      const row = read({ ...c, first_id: Math.max(c.first_id, this.fromId) });
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

  /** Each charger's newest Heartbeat call in the window (as its handler took it: not one in violation). */
  lastHeartbeats(): Map<string, string> {
    const out = new Map<string, string>();
    const beats = this.db.prepare("SELECT charger_id, ts FROM messages WHERE id BETWEEN ? AND ? AND action = 'Heartbeat' AND direction = 'in' AND kind = 'CALL' AND error IS NULL");
    for (const c of this.chunks('message/action', 'Heartbeat')) {
      for (const r of beats.iterate(Math.max(c.first_id, this.fromId), c.last_id) as IterableIterator<{ charger_id: string; ts: string }>) {
        const known = out.get(r.charger_id);
        if (known === undefined || r.ts > known) out.set(r.charger_id, r.ts);
      }
    }
    return out;
  }

  /**
   * A charger's newest frame (either way) from `sinceTs` on, or undefined: the window's, else found epoch by
   * epoch through the sparse index back to the epoch of `sinceTs` (a charger connected and silent since).
   */
  newestSince(chargerId: string, sinceTs: string): { id: number; ts: string } | undefined {
    const inWindow = this.newest.get(chargerId);
    if (inWindow) return inWindow.ts >= sinceTs ? inWindow : undefined;
    const top = this.db.prepare("SELECT MAX(epoch) FROM chunks WHERE kind = 'message/charger'").pluck().get() as number | null;
    if (top === null) return undefined;
    const newestId = this.db.prepare('SELECT MAX(id) FROM messages').pluck().get() as number;
    const bottom = epochOf(firstIdFrom(this.db, sinceTs, newestId));
    const last = this.db.prepare("SELECT MAX(last_id) FROM chunks WHERE kind = 'message/charger' AND epoch = ? AND key = ?").pluck();
    const row = this.db.prepare('SELECT id, ts FROM messages WHERE id = ?');
    for (let epoch = Math.min(top, epochOf(this.fromId)); epoch >= bottom; epoch--) {
      const id = last.get(epoch, chargerId) as number | null;
      if (id === null) continue;
      const r = row.get(id) as { id: number; ts: string } | undefined;
      return r && r.ts >= sinceTs ? r : undefined;
    }
    return undefined;
  }
}

/**
 * The first id of the message log whose time is `ts` or later (the log is appended in time order), by
 * bisection on the ids: a few dozen row lookups however big the log. `newestId` + 1 when there is none.
 */
export function firstIdFrom(db: Db, ts: string, newestId: number): number {
  const at = db.prepare('SELECT id, ts FROM messages WHERE id >= ? ORDER BY id LIMIT 1');
  let lo = 0;
  let hi = newestId + 1;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const r = at.get(mid) as { id: number; ts: string } | undefined;
    if (!r || r.id >= hi) hi = mid;
    else if (r.ts < ts) lo = r.id + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Records every connection the record holds open as closed, at its charger's last frame on it (its
 * acceptance when none came), saying why; returns the chargers whose connection it closed.
 */
function closeOpenConnections(db: Db, write: Write, frames: LastFrames): string[] {
  // Per charger, its newest line that opened or ended a connection (by the charger's index): open when it is an acceptance.
  const newestLine = db.prepare("SELECT ts, remote_address, outcome FROM connection_attempts WHERE charger_id = ? AND outcome IN ('accepted', 'closed', 'replaced') ORDER BY id DESC LIMIT 1");
  const ids = db.prepare('SELECT id FROM chargers ORDER BY id').pluck().all() as string[];
  const ended: string[] = [];
  for (const chargerId of ids) {
    const line = newestLine.get(chargerId) as { ts: string; remote_address: string | null; outcome: string } | undefined;
    if (line?.outcome !== 'accepted') continue;
    const last = frames.newestSince(chargerId, line.ts);
    const reason = `Ended when the bench stopped without closing it (killed, crashed, or the computer lost power): ${
      last ? `its last message was at ${formatDateTimeWithZone(last.ts)}` : 'no message came on it'
    }`;
    write('attempt', [last?.ts ?? line.ts, chargerId, line.remote_address, 'closed', reason]);
    ended.push(chargerId);
  }
  return ended;
}
