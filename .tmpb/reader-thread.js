// src/main/store/reader/thread.ts
import { parentPort, workerData } from "node:worker_threads";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { randomInt } from "node:crypto";
import Database from "better-sqlite3";

// src/main/store/repositories/message-search.ts
function searchIndexQuery(text) {
  const chars = Array.from(text);
  if (chars.length < 3 || text.includes("\0")) return null;
  const grams = /* @__PURE__ */ new Set();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(""));
  let picked = [...grams];
  if (picked.length > MAX_TRIGRAMS) picked = Array.from({ length: MAX_TRIGRAMS }, (_, i) => picked[Math.round(i * (picked.length - 1) / (MAX_TRIGRAMS - 1))]);
  return picked.map((g) => `"${g.replace(/"/g, '""')}"`).join(" AND ");
}
var MAX_TRIGRAMS = 12;
var SEARCH_BLOCK = 16;
var blockOf = (id) => Math.floor(id / SEARCH_BLOCK);
function searchIndexedTo(db2) {
  return db2.prepare("SELECT indexed_to AS n FROM messages_search_state WHERE id = 1").get()?.n ?? 0;
}

// src/main/store/repositories/message-log.ts
var FLAGGED = "(kind IN ('CALLERROR', 'INVALID') OR error IS NOT NULL)";
var defaultTuning = {
  /** Ids read per step of a scan (about 5-10 ms of SQLite on a laptop). */
  slice: 32768,
  /** Chunk ranges closer than this are read as one, up to maxSpan ids (what a page may read past). */
  mergeGap: 1024,
  maxSpan: 8192,
  /** A slice with at most this many matches keeps their ids, so a page reads just them. */
  hitsKept: 256,
  /** Candidates the free-text index proposes per step of a search. */
  searchStep: 4096
};
var PLANS_KEPT = 16;
function toMessage(r) {
  return { id: r.id, ts: r.ts, chargerId: r.charger_id, direction: r.direction, kind: r.kind, messageId: r.message_id, action: r.action, raw: r.raw, error: r.error };
}
function messageWhere(f) {
  const terms = [];
  const args = [];
  if (f.chargerId) {
    terms.push("charger_id = ?");
    args.push(f.chargerId);
  }
  if (f.actions?.length) {
    terms.push(`action IN (${f.actions.map(() => "?").join(",")})`);
    args.push(...f.actions);
  }
  if (f.direction) {
    terms.push("direction = ?");
    args.push(f.direction);
  }
  if (f.kinds?.length) {
    terms.push(`kind IN (${f.kinds.map(() => "?").join(",")})`);
    args.push(...f.kinds);
  }
  if (f.errorsOnly || f.kinds?.length && f.kinds.every((k) => k === "CALLERROR" || k === "INVALID")) terms.push(FLAGGED);
  if (f.search) {
    terms.push("raw LIKE ? ESCAPE '\\'");
    args.push(`%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return { terms, args };
}
var tick = () => new Promise((resolve) => setImmediate(resolve));
var MessageLog = class {
  constructor(db2, tuning = defaultTuning) {
    this.db = db2;
    this.tuning = tuning;
  }
  db;
  tuning;
  plans = /* @__PURE__ */ new Map();
  stmts = /* @__PURE__ */ new Map();
  sql(text) {
    let s = this.stmts.get(text);
    if (!s) {
      s = this.db.prepare(text);
      if (this.stmts.size > 200) this.stmts.clear();
      this.stmts.set(text, s);
    }
    return s;
  }
  maxId() {
    return this.sql("SELECT MAX(id) AS m FROM messages").get().m ?? 0;
  }
  /** One page of the log under a filter, newest first. */
  async page(f, upToId, offset, limit) {
    const p = this.plan(f, upToId);
    switch (p.mode) {
      case "empty":
        return [];
      case "dense": {
        const top = p.hi - offset;
        if (top < p.lo) return [];
        return this.sql("SELECT * FROM messages WHERE id BETWEEN ? AND ? ORDER BY id DESC LIMIT ?").all(p.lo, top, limit).map(toMessage);
      }
      case "flagged":
        return this.sql(`SELECT * FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(p.lo, p.hi, ...p.args, limit, offset).map(toMessage);
      case "chunks":
        return this.pageByRanges(p, offset, limit);
      case "scan":
        return this.pageByScan(p, offset, limit);
    }
  }
  /**
   * How many frames match. `cap` bounds the work, not the answer: a count the record knows without
   * reading the frames (no filter, a charger, actions, a time range) is exact whatever the cap; a count
   * that needs a scan stops past `cap` and says so.
   */
  async count(f, upToId, cap) {
    const p = this.plan(f, upToId);
    const maxId = p.pin;
    switch (p.mode) {
      case "empty":
        return { count: 0, capped: false, maxId };
      case "dense":
        return { count: p.hi - p.lo + 1, capped: false, maxId };
      case "chunks":
        return { count: p.ranges.before[p.ranges.first.length], capped: false, maxId };
      case "flagged": {
        const n = this.sql(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} LIMIT ?)`).get(p.lo, p.hi, ...p.args, cap + 1).n;
        return { count: Math.min(n, cap), capped: n > cap, maxId };
      }
      case "scan": {
        const a = p.anchors;
        while (a.total === null && a.pos[a.pos.length - 1] <= cap) await this.scanStep(p);
        const known = a.total ?? a.pos[a.pos.length - 1];
        return { count: Math.min(known, cap), capped: known > cap, maxId };
      }
    }
  }
  /** The frames of a filter up to `upToId`, oldest first, a batch at a time (for exports). */
  async *batches(f, upToId, batchIds = 4096) {
    const p = this.plan(f, upToId);
    if (p.mode === "empty") return;
    const where = p.where ? `AND ${p.where}` : "";
    const read = this.sql(`SELECT * FROM messages WHERE id BETWEEN ? AND ? ${where} ORDER BY id`);
    const spans = p.ranges ? p.ranges.first.map((f0, i) => [f0, p.ranges.last[i]]).reverse() : [[p.lo, p.hi]];
    for (const [first, last] of spans) {
      for (let a = first; a <= last; a += batchIds) {
        const rows = read.all(a, Math.min(last, a + batchIds - 1), ...p.args).map(toMessage);
        if (rows.length) yield rows;
        await tick();
      }
    }
  }
  // ---- planning ------------------------------------------------------------------------------
  plan(f, upToId) {
    const newest = this.maxId();
    const pin = Math.min(upToId ?? newest, newest);
    const minId = this.sql("SELECT id FROM messages ORDER BY id LIMIT 1").get()?.id ?? 1;
    const key = JSON.stringify([f, pin, minId]);
    const cached = this.plans.get(key);
    if (cached) {
      this.plans.delete(key);
      this.plans.set(key, cached);
      return cached;
    }
    let lo = minId;
    let hi = pin;
    const { from, to } = f;
    if (from) lo = Math.max(lo, this.firstIdAtOrAfter(new Date(from).toISOString(), lo, hi));
    if (to) hi = Math.min(hi, this.lastIdAtOrBefore(new Date(to).toISOString(), lo, hi));
    const { terms, args } = messageWhere(f);
    const plan = { key, pin, lo, hi, mode: "scan", where: terms.join(" AND "), args };
    const flagged = terms.includes(FLAGGED);
    const narrowing = f.chargerId ? { kind: "message/charger", keys: [f.chargerId] } : f.actions?.length ? { kind: "message/action", keys: [...new Set(f.actions)] } : null;
    const others = f.chargerId && f.actions?.length || f.direction || f.kinds?.length || f.search;
    if (lo > hi) plan.mode = "empty";
    else if (flagged) plan.mode = "flagged";
    else if (!terms.length) plan.mode = "dense";
    else {
      if (narrowing) {
        plan.chunkKind = narrowing.kind;
        plan.chunkKeys = narrowing.keys;
        plan.ranges = this.ranges(narrowing.kind, narrowing.keys, lo, hi);
      }
      if (narrowing && !others) plan.mode = "chunks";
      else plan.anchors = { ids: [hi], pos: [0], hits: [], total: null };
      const match = f.search ? searchIndexQuery(f.search) : null;
      if (plan.anchors && match) {
        const to2 = Math.min(hi, blockOf(searchIndexedTo(this.db) + 1) * SEARCH_BLOCK - 1);
        if (to2 >= lo) plan.index = { match, to: to2 };
      }
    }
    this.plans.set(key, plan);
    if (this.plans.size > PLANS_KEPT) this.plans.delete(this.plans.keys().next().value);
    return plan;
  }
  /** The smallest id in [lo, hi] logged at or after `ts` (hi + 1 if none). */
  firstIdAtOrAfter(ts, lo, hi) {
    const at = this.sql("SELECT id, ts FROM messages WHERE id >= ? ORDER BY id LIMIT 1");
    let a = lo;
    let b = hi + 1;
    while (a < b) {
      const mid = Math.floor((a + b) / 2);
      const r = at.get(mid);
      if (!r || r.id > hi) b = mid;
      else if (r.ts >= ts) b = mid;
      else a = r.id + 1;
    }
    return a;
  }
  /** The largest id in [lo, hi] logged at or before `ts` (lo - 1 if none). */
  lastIdAtOrBefore(ts, lo, hi) {
    return this.firstIdAtOrAfter(`${ts}\uFFFF`, lo, hi) - 1;
  }
  /**
   * The id ranges of some keys' chunks within [lo, hi], newest first. Overlapping chunks (two actions
   * in one write batch) are one range; near ones merge up to maxSpan ids. A range cut by lo or hi, or
   * starting the log, is counted again exactly.
   */
  ranges(kind, keys, lo, hi) {
    const q = this.sql("SELECT first_id, last_id, rows FROM chunks WHERE kind = ? AND key = ? AND last_id >= ? AND first_id <= ? ORDER BY last_id DESC").raw(true);
    let chunks = q.all(kind, keys[0], lo, hi);
    if (keys.length > 1) {
      for (const k of keys.slice(1)) chunks = chunks.concat(q.all(kind, k, lo, hi));
      chunks.sort((x, y) => y[1] - x[1]);
    }
    const first = [];
    const last = [];
    const rows = [];
    for (const [f, l, n] of chunks) {
      const i = first.length - 1;
      if (i >= 0 && (l >= first[i] || first[i] - l <= this.tuning.mergeGap && last[i] - Math.min(f, first[i]) < this.tuning.maxSpan)) {
        first[i] = Math.min(first[i], f);
        rows[i] += n;
      } else {
        first.push(f);
        last.push(l);
        rows.push(n);
      }
    }
    const keyWhere = kind === "message/charger" ? "charger_id = ?" : `action IN (${keys.map(() => "?").join(",")})`;
    const exact = this.sql(`SELECT COUNT(*) AS n FROM messages WHERE id BETWEEN ? AND ? AND ${keyWhere}`);
    for (let i = 0; i < first.length; i++) {
      if (first[i] > lo && last[i] <= hi) continue;
      first[i] = Math.max(first[i], lo);
      last[i] = Math.min(last[i], hi);
      rows[i] = exact.get(first[i], last[i], ...keys).n;
    }
    const before = [0];
    for (let i = 0; i < rows.length; i++) before.push(before[i] + rows[i]);
    return { first, last, before };
  }
  // ---- reading -------------------------------------------------------------------------------
  pageByRanges(p, offset, limit) {
    const r = p.ranges;
    const n = r.first.length;
    let a = 0;
    let b = n;
    while (a < b) {
      const mid = a + b >> 1;
      if (r.before[mid + 1] <= offset) a = mid + 1;
      else b = mid;
    }
    const read = this.sql(`SELECT * FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} ORDER BY id DESC LIMIT ? OFFSET ?`);
    const out = [];
    let skip = offset - (r.before[a] ?? 0);
    for (let i = a; i < n && out.length < limit; i++) {
      for (const row of read.all(r.first[i], r.last[i], ...p.args, limit - out.length, skip)) out.push(toMessage(row));
      skip = 0;
    }
    return out;
  }
  /** The next slice of ids to scan below `id`, skipping what the narrowing ranges leave out. */
  sliceBelow(p, id) {
    let top = id;
    let floor = p.lo;
    const r = p.ranges;
    if (r) {
      let a = 0;
      let b = r.first.length;
      while (a < b) {
        const mid = a + b >> 1;
        if (r.first[mid] > top) a = mid + 1;
        else b = mid;
      }
      if (a === r.first.length) return null;
      top = Math.min(top, r.last[a]);
      floor = r.first[a];
    }
    if (top < floor) return null;
    if (p.index && top <= p.index.to) {
      const candidates = this.candidates(p, p.lo, top, this.tuning.searchStep);
      return { floor: candidates.length === this.tuning.searchStep ? candidates[candidates.length - 1] : p.lo, top, candidates };
    }
    if (p.index) floor = Math.max(floor, p.index.to + 1);
    return { floor: Math.max(floor, top - this.tuning.slice + 1), top };
  }
  /** The frames in [floor, top] the free-text index proposes for the plan's search, newest first. */
  candidates(p, floor, top, limit) {
    const blocks = this.sql("SELECT rowid FROM messages_search WHERE messages_search MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?").pluck(true).all(p.index.match, blockOf(floor), blockOf(top), limit);
    const ids = [];
    for (const b of blocks) {
      for (let id = Math.min(top, (b + 1) * SEARCH_BLOCK - 1); id >= Math.max(floor, b * SEARCH_BLOCK) && ids.length < limit; id--) ids.push(id);
      if (ids.length === limit) break;
    }
    return ids;
  }
  /** The rows of a slice that match, newest first, `skip` of them skipped. */
  readSlice(p, slice, limit, skip) {
    if (slice.candidates)
      return this.sql(`SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND ${p.where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(
        JSON.stringify(slice.candidates),
        ...p.args,
        limit,
        skip
      );
    return this.sql(`SELECT * FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(slice.floor, slice.top, ...p.args, limit, skip);
  }
  /** Counts the next slice past the scan's frontier. */
  async scanStep(p) {
    const a = p.anchors;
    const at = a.ids.length - 1;
    const slice = this.sliceBelow(p, a.ids[at]);
    if (!slice) {
      a.total = a.pos[at];
      return;
    }
    const ids = slice.candidates ? this.sql(`SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND ${p.where} ORDER BY id DESC`).pluck(true).all(JSON.stringify(slice.candidates), ...p.args) : this.sql(`SELECT id FROM messages WHERE id BETWEEN ? AND ? AND ${p.where} ORDER BY id DESC`).pluck(true).all(slice.floor, slice.top, ...p.args);
    if (a.ids.length - 1 === at) this.counted(p, slice, ids);
    await tick();
  }
  /** A counted slice the free-text index answered, again: the same candidates (the index below `to` only loses pruned frames). */
  indexSlice(p, floor, top) {
    return { floor, top, candidates: this.candidates(p, floor, top, this.tuning.searchStep) };
  }
  /** Records a slice as counted: where the next starts, how many matched, and which when they are few (or the index's). */
  counted(p, slice, ids) {
    const a = p.anchors;
    a.pos.push(a.pos[a.ids.length - 1] + ids.length);
    a.ids.push(slice.floor - 1);
    a.hits.push(ids.length <= this.tuning.hitsKept || slice.candidates && slice.floor === p.lo ? ids : null);
  }
  async pageByScan(p, offset, limit) {
    const a = p.anchors;
    while (a.total === null && a.pos[a.pos.length - 1] <= offset) await this.scanStep(p);
    if (a.total !== null && offset >= a.total) return [];
    let k = 0;
    let j = a.pos.length - 1;
    while (k < j) {
      const mid = k + j + 1 >> 1;
      if (a.pos[mid] <= offset) k = mid;
      else j = mid - 1;
    }
    const out = [];
    let skip = offset - a.pos[k];
    while (out.length < limit) {
      const counted = k < a.ids.length - 1;
      if (counted && a.pos[k + 1] - a.pos[k] <= skip) {
        skip -= a.pos[k + 1] - a.pos[k];
        k++;
        continue;
      }
      if (!counted && a.total !== null) break;
      const hits = counted ? a.hits[k] : null;
      const need = limit - out.length;
      let rows;
      if (hits) rows = this.sql("SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC").all(JSON.stringify(hits.slice(skip, skip + need)));
      else {
        const slice = counted && a.ids[k] <= (p.index?.to ?? -1) ? this.indexSlice(p, a.ids[k + 1] + 1, a.ids[k]) : this.sliceBelow(p, a.ids[k]);
        if (!slice) break;
        rows = this.readSlice(p, slice, need, skip);
        if (!counted && rows.length < need && a.ids.length - 1 === k)
          this.counted(
            p,
            slice,
            rows.map((r) => r.id)
          );
      }
      for (const row of rows) out.push(toMessage(row));
      if (out.length >= limit) break;
      skip = 0;
      k++;
      if (k >= a.ids.length) break;
      if (!hits) await tick();
    }
    return out;
  }
};

// src/main/store/repository.ts
function byChunks(db2, kind, key, before, limit, readRange) {
  const out = [];
  const ranges = db2.prepare("SELECT first_id, last_id FROM chunks WHERE kind = ? AND key = ? AND first_id < ? ORDER BY last_id DESC");
  for (const c of ranges.iterate(kind, key, before)) {
    out.push(...readRange(c.first_id, Math.min(c.last_id, before - 1), limit - out.length));
    if (out.length >= limit) break;
  }
  return out;
}

// src/main/store/repositories/meter-values.ts
var SAMPLES_PER_ROW = 1024;
var keyOf = (s) => s.map((v) => v === null ? "" : v).join("\0");
var unpackTime = (t) => typeof t === "number" ? new Date(t).toISOString() : t;
var MeterShapes = class {
  constructor(db2) {
    this.db = db2;
    this.read = db2.prepare("SELECT * FROM meter_shapes WHERE id > ? ORDER BY id");
    this.refresh();
  }
  db;
  byId = /* @__PURE__ */ new Map();
  byKey = /* @__PURE__ */ new Map();
  nextId = 1;
  read;
  /** Reads the shapes written since (another connection's writer may have added some). */
  refresh() {
    let last = 0;
    for (const id of this.byId.keys()) last = Math.max(last, id);
    for (const r of this.read.all(last)) this.remember(r.id, [r.measurand, r.phase, r.unit, r.context, r.location, r.format]);
  }
  remember(id, s) {
    this.byId.set(id, s);
    this.byKey.set(keyOf(s), id);
    this.nextId = Math.max(this.nextId, id + 1);
  }
  /** The id of a shape; `created` is called with a new one (to be written before what refers to it). */
  idOf(s, created) {
    const key = keyOf(s);
    const known = this.byKey.get(key);
    if (known !== void 0) return known;
    const id = this.nextId;
    this.remember(id, s);
    created(id);
    return id;
  }
  /** Ids handed out continue after `id` (the journal left at start may hold shapes SQLite has not). */
  reserveUpTo(id) {
    this.nextId = Math.max(this.nextId, id + 1);
  }
  get(id) {
    let s = this.byId.get(id);
    if (!s) {
      this.refresh();
      s = this.byId.get(id);
    }
    return s ?? ["Energy.Active.Import.Register", null, "Wh", "Sample.Periodic", null, "Raw"];
  }
};
function unpackReadings(rows, shapes2, limit) {
  const out = [];
  for (const r of rows) {
    const packed = JSON.parse(r.samples);
    const timestamp = unpackTime(r.timestamp);
    for (let i = packed.length - 2; i >= 0 && out.length < limit; i -= 2) {
      const ref = packed[i];
      const [measurand, phase, unit, context, location, format] = typeof ref === "number" ? shapes2.get(ref) : ref;
      out.push({
        id: r.id * SAMPLES_PER_ROW + i / 2,
        chargerId: r.charger_id,
        connectorId: r.connector_id,
        transactionId: r.transaction_id,
        timestamp,
        value: packed[i + 1],
        measurand,
        phase,
        unit,
        context,
        location,
        format
      });
    }
    if (out.length >= limit) break;
  }
  return out;
}
function meterValuesOf(db2, shapes2, q) {
  const limit = q.limit ?? 1e3;
  const max = Number.MAX_SAFE_INTEGER;
  let rows;
  if (q.transactionId !== void 0) {
    const inRange = db2.prepare("SELECT * FROM meter_values WHERE id BETWEEN ? AND ? AND transaction_id = ? ORDER BY id DESC LIMIT ?");
    rows = byChunks(db2, "meter/transaction", String(q.transactionId), max, limit, (a, b, n) => inRange.all(a, b, q.transactionId, n));
    if (q.chargerId) rows = rows.filter((r) => r.charger_id === q.chargerId);
  } else if (q.chargerId) {
    const connector = q.connectorId !== void 0 ? "AND connector_id = ?" : "";
    const extra = q.connectorId !== void 0 ? [q.connectorId] : [];
    const inRange = db2.prepare(`SELECT * FROM meter_values WHERE id BETWEEN ? AND ? AND charger_id = ? ${connector} ORDER BY id DESC LIMIT ?`);
    rows = byChunks(db2, "meter/charger", q.chargerId, max, limit, (a, b, n) => inRange.all(a, b, q.chargerId, ...extra, n));
  } else {
    rows = db2.prepare("SELECT * FROM meter_values ORDER BY id DESC LIMIT ?").all(limit);
  }
  return unpackReadings(rows, shapes2, limit);
}

// src/main/json-text.ts
function ownBytes(text) {
  return new TextEncoder().encode(text);
}

// src/main/store/repositories/messages.ts
function listMessages(db2, q) {
  const limit = q.limit ?? 100;
  const before = q.beforeId ?? Number.MAX_SAFE_INTEGER;
  const actionFilter = q.action ? "AND action = ?" : "";
  const extra = q.action ? [q.action] : [];
  if (!q.chargerId) return db2.prepare(`SELECT * FROM messages WHERE id < ? ${actionFilter} ORDER BY id DESC LIMIT ?`).all(before, ...extra, limit).map(toMessage);
  const inRange = db2.prepare(`SELECT * FROM messages WHERE id BETWEEN ? AND ? AND charger_id = ? ${actionFilter} ORDER BY id DESC LIMIT ?`);
  return byChunks(db2, "message/charger", q.chargerId, before, limit, (first, last, n) => inRange.all(first, last, q.chargerId, ...extra, n)).map(toMessage);
}

// src/shared/ocpp16/frames.ts
var SCAN_BEFORE_PARSE_BYTES = 16 * 1024;
var MAX_NESTING = 32;
function nestsDeeperThan(value, limit = MAX_NESTING) {
  const stack = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

// src/shared/api/frame-payload.ts
function frameJson(raw) {
  try {
    const frame = JSON.parse(raw);
    return nestsDeeperThan(frame) ? void 0 : frame;
  } catch {
    return void 0;
  }
}
function framePayload(m) {
  const frame = frameJson(m.raw);
  if (!Array.isArray(frame)) return null;
  switch (m.kind) {
    case "CALL":
      return frame[3] ?? null;
    case "CALLRESULT":
      return frame[2] ?? null;
    case "CALLERROR":
      return { errorCode: frame[2] ?? null, errorDescription: frame[3] ?? null, errorDetails: frame[4] ?? null };
    default:
      return null;
  }
}

// src/shared/api/message-export.ts
function csvField(value) {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvRow(m) {
  return [m.id, m.ts, m.chargerId, m.direction, m.kind, m.messageId, m.action, m.error, m.raw].map(csvField).join(",");
}
function jsonRow(m) {
  return JSON.stringify({
    id: m.id,
    ts: m.ts,
    chargerId: m.chargerId,
    direction: m.direction,
    kind: m.kind,
    messageId: m.messageId,
    action: m.action,
    error: m.error,
    payload: framePayload(m),
    raw: m.raw
  });
}
function exportText(format, batch, before) {
  return format === "csv" ? batch.map((m) => `${csvRow(m)}\r
`).join("") : batch.map((m, i) => `${before + i ? "," : ""}
${jsonRow(m)}`).join("");
}

// src/main/store/reader/thread.ts
var data = workerData;
var port = parentPort;
var db = new Database(data.file, { readonly: true, fileMustExist: true, ...data.nativeBinding ? { nativeBinding: data.nativeBinding } : {} });
db.pragma("busy_timeout = 5000");
db.pragma("cache_size = -16384");
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 19);
} catch {
}
var log = new MessageLog(db);
var shapes = new MeterShapes(db);
var cursors = /* @__PURE__ */ new Map();
var nextCursor = randomInt(1, 2 ** 47);
var post = (m) => port.postMessage(m);
async function* exportTexts(batches, format) {
  let before = 0;
  for await (const batch of batches) {
    yield { bytes: ownBytes(exportText(format, batch, before)), frames: batch.length };
    before += batch.length;
  }
}
var queries = {
  // Rows as JSON bytes, moved (not copied) to the protocol's thread, which sends them on as they are.
  messagesList: (q) => ownBytes(JSON.stringify(listMessages(db, q))),
  messagesPage: async ({ upToId, offset, limit, ...filter }) => ownBytes(JSON.stringify(await log.page(filter, upToId, offset ?? 0, limit ?? 200))),
  messagesCount: ({ filter, upToId, cap }) => log.count(filter, upToId, cap ?? 1e6),
  batchesOpen: ({ filter, upToId, format }) => {
    const cursor = nextCursor++;
    const batches = log.batches(filter, upToId ?? log.maxId());
    cursors.set(cursor, format ? exportTexts(batches, format) : batches);
    return cursor;
  },
  batchesNext: async ({ cursor }) => {
    const it = cursors.get(cursor);
    if (!it) throw new Error("The export's place in the record is gone (the reader thread restarted): start the export again");
    const r = await it.next();
    if (r.done) cursors.delete(cursor);
    return r.done ? null : r.value;
  },
  batchesClose: async ({ cursor }) => {
    await cursors.get(cursor)?.return(void 0);
    cursors.delete(cursor);
    return null;
  },
  meterValues: (q) => meterValuesOf(db, shapes, q)
};
port.on("message", (m) => {
  if ("close" in m) {
    db.close();
    post({ closed: true });
    return;
  }
  void (async () => {
    try {
      const value = await queries[m.query](m.args);
      const bytes = value instanceof Uint8Array ? value : value?.bytes;
      port.postMessage({ id: m.id, ok: true, value }, bytes instanceof Uint8Array ? [bytes.buffer] : []);
    } catch (e) {
      post({ id: m.id, ok: false, error: e.message });
    }
  })();
});
