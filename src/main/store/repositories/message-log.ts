// The message log's reads at a million frames: pages of a filtered log by position, counts, and the
// rows of an export, without a per-row index on the hot messages table.
//
// Every filter becomes an id range (a time range is found by binary search, since frames are stamped
// as they are logged) plus predicates, read one of four ways:
// - dense: no predicate. Ids are dense (the log is append-only), so position k is id hi - k.
// - chunks: by charger or by action only. The sparse per-write-batch index (chunks) gives every id
//   range the matching frames fall in and how many there are: exact counts, and position k found by
//   binary search, then read from a range of a few thousand ids.
// - flagged: errors only (or only CALLERRORs / invalid frames): the partial index on flagged frames.
// - scan: everything else (direction, kind, search, charger and action together). Read slice by slice
//   of ids, letting the event loop run between slices so the protocol never waits on a search, and
//   remembering where each slice's matches start, so a later page starts from the nearest slice.
//   A search of three characters or more reads the frames the free-text index (message-search.ts)
//   proposes, a step of candidates at a time, where the index reaches, and scans only the frames after.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';
import type { MessageFilter } from '../../../shared/api/message-filter';
import type { MessageRecord as MessageView } from '../../../shared/records';
import { blockOf, registerSearchFold, SEARCH_BLOCK, searchIndexedTo, searchIndexQuery, searchTerm } from './message-search';
import { chunkEpochs, epochOf } from '../repository';
import { firstIdAtOrAfter } from '../message-time';
import { unpaced, type Pace } from '../reader/pacing';

type Row = Record<string, any>;

/** Must read exactly as the WHERE of the partial index messages_flagged, or SQLite will not use it. */
const FLAGGED = "(kind IN ('CALLERROR', 'INVALID') OR error IS NOT NULL)";
export const defaultTuning = {
  /** Ids read per step of a scan (about 5-10 ms of SQLite on a laptop). */
  slice: 32_768,
  /** Chunk ranges closer than this are read as one, up to maxSpan ids (what a page may read past). */
  mergeGap: 1_024,
  maxSpan: 8_192,
  /** A slice with at most this many matches keeps their ids, so a page reads just them. */
  hitsKept: 256,
  /** Candidates the free-text index proposes per step of a search. */
  searchStep: 4096,
};
export type Tuning = typeof defaultTuning;

/** Filtered views remembered (their ranges and scan positions). */
const PLANS_KEPT = 16;

/** A frame's columns, in the order messageOf reads them. */
export const MESSAGE_COLUMNS = 'id, ts, charger_id, direction, kind, message_id, action, raw, error';

/** A frame read as an array of MESSAGE_COLUMNS. */
function messageOf(r: unknown[]): MessageView {
  return { id: r[0], ts: r[1], chargerId: r[2], direction: r[3], kind: r[4], messageId: r[5], action: r[6], raw: r[7], error: r[8] } as MessageView;
}

/**
 * The frames a statement selecting MESSAGE_COLUMNS reads. SQLite's rows come as arrays (raw mode): better-sqlite3
 * makes an array of a row in a third of the time it takes to make an object of it, and the frames of a page
 * or an export are most of what the reader thread does.
 */
export function readMessages(statement: Statement<unknown[], unknown>, ...args: unknown[]): MessageView[] {
  return (statement.raw(true).all(...args) as unknown[][]).map(messageOf);
}

/** The WHERE terms of a filter, except the time range (which becomes an id range). */
export function messageWhere(f: MessageFilter): { terms: string[]; args: unknown[] } {
  const terms: string[] = [];
  const args: unknown[] = [];
  if (f.chargerId) {
    terms.push('charger_id = ?');
    args.push(f.chargerId);
  }
  if (f.actions?.length) {
    terms.push(`action IN (${f.actions.map(() => '?').join(',')})`);
    args.push(...f.actions);
  }
  if (f.direction) {
    terms.push('direction = ?');
    args.push(f.direction);
  }
  if (f.kinds?.length) {
    terms.push(`kind IN (${f.kinds.map(() => '?').join(',')})`);
    args.push(...f.kinds);
  }
  if (f.errorsOnly || (f.kinds?.length && f.kinds.every((k) => k === 'CALLERROR' || k === 'INVALID'))) terms.push(FLAGGED);
  // Any of the search's forms (the text as typed, or escaped as the frame's JSON may hold it) matches.
  if (f.search) {
    const { term, args: searchArgs } = searchTerm(f.search);
    terms.push(term);
    args.push(...searchArgs);
  }
  return { terms, args };
}

/** Id ranges holding a key's frames, newest first, with how many frames each holds. */
interface Ranges {
  first: number[];
  last: number[];
  /** Matching frames in ranges before range i (newest first); before[n] is the total. */
  before: number[];
}

/** Scan progress: anchor i says frames with id <= ids[i] start at position pos[i]. */
interface Anchors {
  ids: number[];
  pos: number[];
  /** The matching ids of slice i (below ids[i]), newest first, when there are few. */
  hits: Array<number[] | null>;
  /** Every frame is counted: the total. */
  total: number | null;
}

interface Plan {
  key: string;
  /** The newest frame the view holds (its upToId). */
  pin: number;
  lo: number;
  hi: number;
  mode: 'empty' | 'dense' | 'chunks' | 'flagged' | 'scan';
  where: string;
  args: unknown[];
  chunkKind?: 'message/charger' | 'message/action';
  chunkKeys?: string[];
  /** The key's id ranges (chunks mode; scan mode when a charger or action narrows it). */
  ranges?: Ranges;
  anchors?: Anchors;
  /** A search the free-text index answers for the frames up to `to`. */
  index?: { match: string; to: number };
}

/** Ids floor..top to read, newest first; from the free-text index, the only frames in it that may match. */
interface Slice {
  floor: number;
  top: number;
  candidates?: number[];
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class MessageLog {
  private readonly plans = new Map<string, Plan>();
  private readonly stmts = new Map<string, Statement<unknown[], unknown>>();

  constructor(
    private readonly db: Db,
    private readonly tuning: Tuning = defaultTuning,
  ) {
    registerSearchFold(db);
  }

  private sql(text: string): Statement<unknown[], unknown> {
    let s = this.stmts.get(text);
    if (!s) {
      s = this.db.prepare<unknown[], unknown>(text);
      if (this.stmts.size > 200) this.stmts.clear();
      this.stmts.set(text, s);
    }
    return s;
  }

  maxId(): number {
    return ((this.sql('SELECT MAX(id) AS m FROM messages').get() as Row).m as number | null) ?? 0;
  }

  /** One page of the log under a filter, newest first. */
  async page(f: MessageFilter, upToId: number | undefined, offset: number, limit: number): Promise<MessageView[]> {
    const p = this.plan(f, upToId);
    switch (p.mode) {
      case 'empty':
        return [];
      case 'dense': {
        const top = p.hi - offset;
        if (top < p.lo) return [];
        return readMessages(this.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id BETWEEN ? AND ? ORDER BY id DESC LIMIT ?`), p.lo, top, limit);
      }
      case 'flagged':
        return readMessages(this.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} ORDER BY id DESC LIMIT ? OFFSET ?`), p.lo, p.hi, ...p.args, limit, offset);
      case 'chunks':
        return this.pageByRanges(p, offset, limit);
      case 'scan':
        return this.pageByScan(p, offset, limit);
    }
  }

  /**
   * How many frames match. `cap` bounds the work, not the answer: a count the record knows without
   * reading the frames (no filter, a charger, actions, a time range) is exact whatever the cap; a count
   * that needs a scan stops past `cap` and says so.
   */
  async count(f: MessageFilter, upToId: number | undefined, cap: number): Promise<{ count: number; capped: boolean; maxId: number }> {
    const p = this.plan(f, upToId);
    const maxId = p.pin;
    switch (p.mode) {
      case 'empty':
        return { count: 0, capped: false, maxId };
      case 'dense':
        return { count: p.hi - p.lo + 1, capped: false, maxId };
      case 'chunks':
        return { count: p.ranges!.before[p.ranges!.first.length], capped: false, maxId };
      case 'flagged': {
        const n = (this.sql(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} LIMIT ?)`).get(p.lo, p.hi, ...p.args, cap + 1) as Row).n as number;
        return { count: Math.min(n, cap), capped: n > cap, maxId };
      }
      case 'scan': {
        const a = p.anchors!;
        while (a.total === null && a.pos[a.pos.length - 1] <= cap) await this.scanStep(p);
        const known = a.total ?? a.pos[a.pos.length - 1];
        return { count: Math.min(known, cap), capped: known > cap, maxId };
      }
    }
  }

  /** The frames of a filter up to `upToId`, oldest first, a batch at a time (for exports), at `pace`. */
  async *batches(f: MessageFilter, upToId: number, pace: Pace = unpaced, batchIds = 4096): AsyncGenerator<MessageView[]> {
    const p = this.plan(f, upToId);
    if (p.mode === 'empty') return;
    const where = p.where ? `AND ${p.where}` : '';
    const read = this.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id BETWEEN ? AND ? ${where} ORDER BY id`);
    // Oldest range first; a merged range may be larger than a batch.
    const spans: Array<[number, number]> = p.ranges ? p.ranges.first.map((f0, i) => [f0, p.ranges!.last[i]] as [number, number]).reverse() : [[p.lo, p.hi]];
    for (const [first, last] of spans) {
      for (let a = first; a <= last; a += batchIds) {
        const rows = pace.step(() => readMessages(read, a, Math.min(last, a + batchIds - 1), ...p.args));
        if (rows.length) yield rows;
        await pace.between();
      }
    }
  }

  // ---- planning ------------------------------------------------------------------------------

  private plan(f: MessageFilter, upToId: number | undefined): Plan {
    const newest = this.maxId();
    const pin = Math.min(upToId ?? newest, newest);
    // The oldest frame is in the key too: pruning old frames (retention) makes a new view of the log.
    const minId = ((this.sql('SELECT id FROM messages ORDER BY id LIMIT 1').get() as Row | undefined)?.id as number | undefined) ?? 1;
    const key = JSON.stringify([f, pin, minId]);
    const cached = this.plans.get(key);
    if (cached) {
      // Most recently used last.
      this.plans.delete(key);
      this.plans.set(key, cached);
      return cached;
    }
    let lo = minId;
    let hi = pin;
    const { from, to } = f;
    if (from) lo = Math.max(lo, firstIdAtOrAfter(this.db, new Date(from).toISOString(), lo, hi));
    if (to) hi = Math.min(hi, this.lastIdAtOrBefore(new Date(to).toISOString(), lo, hi));
    const { terms, args } = messageWhere(f);
    const plan: Plan = { key, pin, lo, hi, mode: 'scan', where: terms.join(' AND '), args };
    const flagged = terms.includes(FLAGGED);
    const narrowing = f.chargerId ? { kind: 'message/charger' as const, keys: [f.chargerId] } : f.actions?.length ? { kind: 'message/action' as const, keys: [...new Set(f.actions)] } : null;
    const others = (f.chargerId && f.actions?.length) || f.direction || f.kinds?.length || f.search;
    if (lo > hi) plan.mode = 'empty';
    else if (flagged) plan.mode = 'flagged';
    else if (!terms.length) plan.mode = 'dense';
    else {
      if (narrowing) {
        plan.chunkKind = narrowing.kind;
        plan.chunkKeys = narrowing.keys;
        plan.ranges = this.ranges(narrowing.kind, narrowing.keys, lo, hi);
      }
      if (narrowing && !others) plan.mode = 'chunks';
      else plan.anchors = { ids: [hi], pos: [0], hits: [], total: null };
      const match = f.search ? searchIndexQuery(f.search) : null;
      if (plan.anchors && match) {
        // Only whole blocks: the block the index is part-way through is indexed again, whole, later, so
        // what it proposes may change; the frames above the last whole block are scanned instead.
        const to = Math.min(hi, blockOf(searchIndexedTo(this.db) + 1) * SEARCH_BLOCK - 1);
        if (to >= lo) plan.index = { match, to };
      }
    }
    this.plans.set(key, plan);
    if (this.plans.size > PLANS_KEPT) this.plans.delete(this.plans.keys().next().value!);
    return plan;
  }

  /** The largest id in [lo, hi] logged at or before `ts` (lo - 1 if none). */
  private lastIdAtOrBefore(ts: string, lo: number, hi: number): number {
    return firstIdAtOrAfter(this.db, `${ts}\uffff`, lo, hi) - 1;
  }

  /**
   * The id ranges of some keys' chunks within [lo, hi], newest first. Overlapping chunks (two actions
   * in one write batch) are one range; near ones merge up to maxSpan ids. A range cut by lo or hi, or
   * starting the log, is counted again exactly.
   */
  private ranges(kind: string, keys: string[], lo: number, hi: number): Ranges {
    const q = this.sql('SELECT first_id, last_id, rows FROM chunks WHERE kind = ? AND epoch = ? AND key = ? AND last_id >= ? AND first_id <= ? ORDER BY last_id DESC').raw(true);
    const chunks: number[][] = [];
    // Epochs follow last ids: those from lo's on (a chunk before hi may end in a later epoch).
    const epochs = chunkEpochs(this.db, kind);
    for (let epoch = epochs?.max ?? -1; epoch >= Math.max(epochOf(lo), epochs?.min ?? 0); epoch--) {
      for (const k of keys) for (const c of q.all(kind, epoch, k, lo, hi) as number[][]) chunks.push(c);
    }
    if (keys.length > 1) chunks.sort((x, y) => y[1] - x[1]);
    const first: number[] = [];
    const last: number[] = [];
    const rows: number[] = [];
    for (const [f, l, n] of chunks) {
      const i = first.length - 1;
      if (i >= 0 && (l >= first[i] || (first[i] - l <= this.tuning.mergeGap && last[i] - Math.min(f, first[i]) < this.tuning.maxSpan))) {
        first[i] = Math.min(first[i], f);
        rows[i] += n;
      } else {
        first.push(f);
        last.push(l);
        rows.push(n);
      }
    }
    const keyWhere = kind === 'message/charger' ? 'charger_id = ?' : `action IN (${keys.map(() => '?').join(',')})`;
    const exact = this.sql(`SELECT COUNT(*) AS n FROM messages WHERE id BETWEEN ? AND ? AND ${keyWhere}`);
    for (let i = 0; i < first.length; i++) {
      // Also the range at the very start of the log: pruning trims a chunk there without its count.
      if (first[i] > lo && last[i] <= hi) continue;
      first[i] = Math.max(first[i], lo);
      last[i] = Math.min(last[i], hi);
      rows[i] = (exact.get(first[i], last[i], ...keys) as Row).n as number;
    }
    const before = [0];
    for (let i = 0; i < rows.length; i++) before.push(before[i] + rows[i]);
    return { first, last, before };
  }

  // ---- reading -------------------------------------------------------------------------------

  private pageByRanges(p: Plan, offset: number, limit: number): MessageView[] {
    const r = p.ranges!;
    const n = r.first.length;
    // The range holding position `offset`: the last i with before[i] <= offset.
    let a = 0;
    let b = n;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (r.before[mid + 1] <= offset) a = mid + 1;
      else b = mid;
    }
    const read = this.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} ORDER BY id DESC LIMIT ? OFFSET ?`);
    const out: MessageView[] = [];
    let skip = offset - (r.before[a] ?? 0);
    for (let i = a; i < n && out.length < limit; i++) {
      out.push(...readMessages(read, r.first[i], r.last[i], ...p.args, limit - out.length, skip));
      skip = 0;
    }
    return out;
  }

  /** The next slice of ids to scan below `id`, skipping what the narrowing ranges leave out. */
  private sliceBelow(p: Plan, id: number): Slice | null {
    let top = id;
    let floor = p.lo;
    const r = p.ranges;
    if (r) {
      // The first range (newest first) whose first id is <= top.
      let a = 0;
      let b = r.first.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (r.first[mid] > top) a = mid + 1;
        else b = mid;
      }
      if (a === r.first.length) return null;
      top = Math.min(top, r.last[a]);
      floor = r.first[a];
    }
    if (top < floor) return null;
    if (p.index && top <= p.index.to) {
      // Down to the log's start: the step ends where the index's candidates run out.
      const candidates = this.candidates(p, p.lo, top, this.tuning.searchStep);
      return { floor: candidates.length === this.tuning.searchStep ? candidates[candidates.length - 1] : p.lo, top, candidates };
    }
    if (p.index) floor = Math.max(floor, p.index.to + 1);
    return { floor: Math.max(floor, top - this.tuning.slice + 1), top };
  }

  /** The frames in [floor, top] the free-text index proposes for the plan's search, newest first. */
  private candidates(p: Plan, floor: number, top: number, limit: number): number[] {
    // The index proposes blocks of frames: each of a block's frames in [floor, top] is a candidate. When
    // `limit` cuts a block, the next step (below the last candidate) asks for that block again.
    const blocks = this.sql('SELECT rowid FROM messages_search WHERE messages_search MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?')
      .pluck(true)
      .all(p.index!.match, blockOf(floor), blockOf(top), limit) as number[];
    const ids: number[] = [];
    for (const b of blocks) {
      for (let id = Math.min(top, (b + 1) * SEARCH_BLOCK - 1); id >= Math.max(floor, b * SEARCH_BLOCK) && ids.length < limit; id--) ids.push(id);
      if (ids.length === limit) break;
    }
    return ids;
  }

  /** The rows of a slice that match, newest first, `skip` of them skipped. */
  private readSlice(p: Plan, slice: Slice, limit: number, skip: number): MessageView[] {
    if (slice.candidates)
      return readMessages(
        this.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND ${p.where} ORDER BY id DESC LIMIT ? OFFSET ?`),
        JSON.stringify(slice.candidates),
        ...p.args,
        limit,
        skip,
      );
    return readMessages(this.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} ORDER BY id DESC LIMIT ? OFFSET ?`), slice.floor, slice.top, ...p.args, limit, skip);
  }

  /** Counts the next slice past the scan's frontier. */
  private async scanStep(p: Plan): Promise<void> {
    const a = p.anchors!;
    const at = a.ids.length - 1;
    const slice = this.sliceBelow(p, a.ids[at]);
    if (!slice) {
      a.total = a.pos[at];
      return;
    }
    const ids = slice.candidates
      ? (this.sql(`SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND ${p.where} ORDER BY id DESC`)
          .pluck(true)
          .all(JSON.stringify(slice.candidates), ...p.args) as number[])
      : (this.sql(`SELECT id FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} ORDER BY id DESC`)
          .pluck(true)
          .all(slice.floor, slice.top, ...p.args) as number[]);
    // Another request may have moved the frontier while this one waited its turn.
    if (a.ids.length - 1 === at) this.counted(p, slice, ids);
    await tick();
  }

  /** A counted slice the free-text index answered, again: the same candidates (the index below `to` only loses pruned frames). */
  private indexSlice(p: Plan, floor: number, top: number): Slice {
    return { floor, top, candidates: this.candidates(p, floor, top, this.tuning.searchStep) };
  }

  /** Records a slice as counted: where the next starts, how many matched, and which when they are few (or the index's). */
  private counted(p: Plan, slice: Slice, ids: number[]): void {
    const a = p.anchors!;
    a.pos.push(a.pos[a.ids.length - 1] + ids.length);
    a.ids.push(slice.floor - 1);
    a.hits.push(ids.length <= this.tuning.hitsKept || (slice.candidates && slice.floor === p.lo) ? ids : null);
  }

  private async pageByScan(p: Plan, offset: number, limit: number): Promise<MessageView[]> {
    const a = p.anchors!;
    // Count ahead until position `offset` is within the counted part (or the log ends).
    while (a.total === null && a.pos[a.pos.length - 1] <= offset) await this.scanStep(p);
    if (a.total !== null && offset >= a.total) return [];
    // The slice holding `offset`: the last anchor at or before it.
    let k = 0;
    let j = a.pos.length - 1;
    while (k < j) {
      const mid = (k + j + 1) >> 1;
      if (a.pos[mid] <= offset) k = mid;
      else j = mid - 1;
    }
    const out: MessageView[] = [];
    let skip = offset - a.pos[k];
    while (out.length < limit) {
      const counted = k < a.ids.length - 1;
      if (counted && a.pos[k + 1] - a.pos[k] <= skip) {
        // Nothing of this slice is on the page (often: no match in it at all).
        skip -= a.pos[k + 1] - a.pos[k];
        k++;
        continue;
      }
      if (!counted && a.total !== null) break;
      const hits = counted ? a.hits[k] : null;
      const need = limit - out.length;
      let rows: MessageView[];
      // Known matches bound the read to just them; otherwise the slice is read until the page is full.
      if (hits) rows = readMessages(this.sql(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC`), JSON.stringify(hits.slice(skip, skip + need)));
      else {
        const slice = counted && a.ids[k] <= (p.index?.to ?? -1) ? this.indexSlice(p, a.ids[k + 1] + 1, a.ids[k]) : this.sliceBelow(p, a.ids[k]);
        if (!slice) break;
        rows = this.readSlice(p, slice, need, skip);
        // Past the counted part, a slice read to its end from its start is counted too.
        if (!counted && rows.length < need && a.ids.length - 1 === k)
          this.counted(
            p,
            slice,
            rows.map((r) => r.id),
          );
      }
      out.push(...rows);
      if (out.length >= limit) break;
      skip = 0;
      k++;
      if (k >= a.ids.length) break;
      if (!hits) await tick();
    }
    return out;
  }
}
