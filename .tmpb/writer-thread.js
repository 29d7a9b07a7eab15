// src/main/store/writer/thread.ts
import { parentPort, workerData } from "node:worker_threads";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import Database from "better-sqlite3";

// src/main/store/repositories/message-search.ts
var SEARCH_BLOCK = 16;
var blockOf = (id) => Math.floor(id / SEARCH_BLOCK);
var SearchIndexer = class {
  state;
  setState;
  newest;
  oldest;
  add;
  dropBlocks;
  stepTx;
  constructor(db2) {
    this.state = db2.prepare("SELECT indexed_to AS indexedTo, pruned_to AS prunedTo FROM messages_search_state WHERE id = 1");
    this.setState = db2.prepare("UPDATE messages_search_state SET indexed_to = ?, pruned_to = ? WHERE id = 1");
    this.newest = db2.prepare("SELECT MAX(id) AS n FROM messages").pluck(true);
    this.oldest = db2.prepare("SELECT id FROM messages ORDER BY id LIMIT 1").pluck(true);
    this.add = db2.prepare(`INSERT INTO messages_search (rowid, raw) SELECT id / ${SEARCH_BLOCK}, group_concat(raw, char(10)) FROM messages WHERE id BETWEEN ? AND ? GROUP BY id / ${SEARCH_BLOCK}`);
    this.dropBlocks = db2.prepare("DELETE FROM messages_search WHERE rowid BETWEEN ? AND ?");
    this.stepTx = db2.transaction((rows) => this.run(rows));
  }
  /** Indexes up to `rows` more frames (and forgets up to as many pruned ones); true while there is more to do. */
  step(rows) {
    return this.stepTx(rows);
  }
  run(rows) {
    let { indexedTo, prunedTo } = this.state.get();
    const newest = this.newest.get() ?? 0;
    const oldest = this.oldest.get() ?? newest + 1;
    if (newest < indexedTo) {
      const from = blockOf(newest + 1);
      this.dropBlocks.run(from, blockOf(indexedTo));
      indexedTo = from * SEARCH_BLOCK - 1;
      prunedTo = Math.min(prunedTo, indexedTo);
    }
    if (indexedTo < oldest - 1) indexedTo = oldest - 1;
    let more = false;
    const lastGone = blockOf(oldest) - 1;
    const firstLeft = blockOf(prunedTo + 1);
    if (firstLeft <= lastGone) {
      const last = Math.min(lastGone, firstLeft + Math.max(1, Math.floor(rows / SEARCH_BLOCK)) - 1);
      this.dropBlocks.run(firstLeft, last);
      prunedTo = (last + 1) * SEARCH_BLOCK - 1;
      more = last < lastGone;
    }
    if (indexedTo < newest) {
      const to = Math.min(newest, indexedTo + rows);
      const first = blockOf(indexedTo + 1);
      if ((indexedTo + 1) % SEARCH_BLOCK !== 0) this.dropBlocks.run(first, first);
      this.add.run(first * SEARCH_BLOCK, to);
      indexedTo = to;
      more ||= indexedTo < newest;
    }
    this.setState.run(indexedTo, prunedTo);
    return more;
  }
};

// src/main/memory.ts
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { isMainThread } from "node:worker_threads";
var gcFn;
function collectGarbage() {
  if (gcFn === void 0) gcFn = findGc();
  gcFn?.();
}
function findGc() {
  const given = globalThis.gc;
  if (typeof given === "function") return given;
  if (!isMainThread) return null;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc");
  } catch {
    return null;
  }
}

// src/main/store/writer/thread.ts
var data = workerData;
var port = parentPort;
var db = new Database(data.file, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
db.pragma("journal_mode = WAL");
db.pragma(`synchronous = ${data.synchronous}`);
db.pragma("busy_timeout = 5000");
db.pragma("cache_size = -16384");
db.pragma("journal_size_limit = 67108864");
var statements = new Map(Object.entries(data.statements).map(([name, sql]) => [name, db.prepare(sql)]));
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 10);
} catch {
}
var setSeq = db.prepare("UPDATE journal_state SET ingested_seq = ? WHERE id = 1");
var addChunk = db.prepare("INSERT INTO chunks (kind, key, first_id, last_id, rows) VALUES (?, ?, ?, ?, ?)");
var chunks = /* @__PURE__ */ new Map();
var STORAGE = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|BUSY|LOCKED|NOMEM|CORRUPT|NOTADB|PROTOCOL)/;
var isStorage = (e) => typeof e?.code === "string" && STORAGE.test(e.code);
var post = (m) => port.postMessage(m);
var searchIndex = new SearchIndexer(db);
var INDEX_STEP_ROWS = 1024;
function statementOf(ref) {
  return typeof ref === "number" ? data.legacyOrder[ref] : ref;
}
function runOne(ref, params) {
  const name = statementOf(ref);
  const stmt = statements.get(name);
  if (!stmt) throw new Error(`no statement "${String(ref)}" in this version`);
  const r = stmt.run(params);
  const specs = data.chunkers[name];
  if (!specs) return;
  const id = Number(r.lastInsertRowid);
  for (const [kind, at] of specs) {
    let key = "";
    let skip = false;
    for (let i = 0; i < at.length; i++) {
      const v = params[at[i]];
      if (v === null || v === void 0) {
        skip = true;
        break;
      }
      key += (i ? "/" : "") + String(v);
    }
    if (skip) continue;
    const k = `${kind}\0${key}`;
    const c = chunks.get(k);
    if (c) {
      c[3] = id;
      c[4]++;
    } else chunks.set(k, [kind, key, id, id, 1]);
  }
}
function endDrain(seq) {
  for (const c of chunks.values()) addChunk.run(c);
  chunks.clear();
  setSeq.run(seq);
}
var ingest = db.transaction((batch) => {
  for (const m of batch) {
    const ops = JSON.parse(m.text);
    for (let i = 0; i < ops.length; i += 2) runOne(ops[i], ops[i + 1]);
  }
  endDrain(batch[batch.length - 1].seq);
});
var ingestRows = db.transaction((batch, errors) => {
  for (const m of batch) {
    const ops = JSON.parse(m.text);
    for (let i = 0; i < ops.length; i += 2) {
      try {
        runOne(ops[i], ops[i + 1]);
      } catch (e) {
        if (isStorage(e)) throw e;
        errors.push(`${statementOf(ops[i])}: ${e.message}`);
      }
    }
  }
  endDrain(batch[batch.length - 1].seq);
});
var queue = [];
var queuedBytes = 0;
var DRAIN_BYTES = 2 * 1024 * 1024;
var timer = null;
var immediate = false;
var stalled = null;
var retryMs = 250;
var indexing = false;
var closed = false;
var recentDrains = [];
var recentIndexSteps = [];
function shareOf(work, now) {
  while (work.length && work[0][0] < now - 1e3) work.shift();
  return work.reduce((n, [, ms]) => n + ms, 0) / 1e3;
}
var QUIET_SHARE = 0.02;
var WRITER_SHARE = 0.25;
function indexStep() {
  indexing = false;
  if (closed || stalled || immediate) return;
  const now = performance.now();
  const draining = shareOf(recentDrains, now);
  if (draining > QUIET_SHARE && draining + shareOf(recentIndexSteps, now) > WRITER_SHARE) {
    indexing = true;
    setTimeout(indexStep, 250).unref();
    return;
  }
  try {
    const more = searchIndex.step(INDEX_STEP_ROWS);
    const ended = performance.now();
    recentIndexSteps.push([ended, ended - now]);
    if (more) indexSoon();
  } catch (e) {
    if (!isStorage(e)) console.error(`chargebench: the search index could not be updated: ${e.message}`);
  }
}
function indexSoon() {
  if (indexing || closed) return;
  indexing = true;
  setImmediate(indexStep);
}
function stall(batch, e) {
  chunks.clear();
  queue = batch.concat(queue);
  queuedBytes = queue.reduce((n, e2) => n + e2.text.length, 0);
  const code = e.code ?? "SQLITE_IOERR";
  if (stalled !== code) {
    stalled = code;
    post({ stalled: e.message, code });
  }
  timer = setTimeout(drain, retryMs);
  retryMs = Math.min(retryMs * 2, 5e3);
}
function drain() {
  if (timer) clearTimeout(timer);
  timer = null;
  immediate = false;
  if (queue.length === 0) return indexSoon();
  const batch = queue;
  queue = [];
  queuedBytes = 0;
  const last = batch[batch.length - 1].seq;
  const began = performance.now();
  try {
    ingest(batch);
  } catch (e) {
    chunks.clear();
    if (isStorage(e)) return stall(batch, e);
    const errors = [];
    try {
      ingestRows(batch, errors);
    } catch (e2) {
      chunks.clear();
      return stall(batch, isStorage(e2) ? e2 : Object.assign(e2, { code: "SQLITE_IOERR" }));
    }
    post({ ingested: last, error: errors.join("; ") || String(e) });
    return resumed();
  }
  post({ ingested: last });
  const ended = performance.now();
  recentDrains.push([ended, ended - began]);
  resumed();
}
var idleTimer = null;
function shrinkWhenIdle() {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (queue.length === 0 && !stalled) {
      db.pragma("shrink_memory");
      collectGarbage();
    }
  }, 2e3);
  idleTimer.unref();
}
function resumed() {
  retryMs = 250;
  shrinkWhenIdle();
  if (stalled) {
    stalled = null;
    post({ resumed: true });
  }
  if (queue.length && !timer && !immediate) {
    if (queuedBytes >= DRAIN_BYTES) drainSoon();
    else timer = setTimeout(drain, data.drainMs);
  }
  indexSoon();
}
function drainSoon() {
  if (immediate) return;
  immediate = true;
  setImmediate(drain);
}
port.on("message", (m) => {
  if ("close" in m) {
    if (idleTimer) clearTimeout(idleTimer);
    if (!stalled) drain();
    closed = true;
    db.close();
    post({ closed: true, pending: queue.length });
    return;
  }
  if ("entries" in m) {
    for (const e of m.entries) {
      queue.push(e);
      queuedBytes += e.text.length;
    }
  }
  if (stalled) return;
  if ("now" in m || queuedBytes >= DRAIN_BYTES) drainSoon();
  else if (!timer && !immediate) timer = setTimeout(drain, data.drainMs);
});
indexSoon();
