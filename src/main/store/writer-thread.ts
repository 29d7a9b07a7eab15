// The writer thread's source: plain CommonJS run with `eval`, so it works the same under tsx, vitest and
// the bundled Electron main process. It ingests journal entries (sent as their JSON text) in one
// transaction per drain, about once a second (a big transaction writes each page once for many rows),
// or at once when a reader waits for it.
//
// Two kinds of failure, two answers:
// - a row SQLite refuses (a constraint): the batch is run again row by row in one transaction, skipping
//   only that row, never its neighbours;
// - the storage fails (disk full, I/O error, read-only, locked): nothing of the batch is committed and
//   nothing is marked ingested; the thread says it is stalled, keeps the batch and tries again with
//   back-off, and says when it has resumed. The journal still holds every entry meanwhile.
//
// The high-volume logs (messages, meter values) have no per-row index by charger or transaction: at
// hundreds of chargers such an index costs as much as the rest of the row, a random page per row.
// Instead each drain records, per key, the id range its rows fall in (the `chunks` table), which finds
// a charger's frames or a transaction's meter values just as fast.
export const writerThreadSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
db.pragma('journal_size_limit = 67108864');
const stmts = workerData.statements.map((sql) => db.prepare(sql));
// Recording yields to the protocol: on Linux this thread alone runs at a lower priority (nice 10).
try { require('node:os').setPriority(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()), 10); } catch {}
const setSeq = db.prepare('UPDATE journal_state SET ingested_seq = ? WHERE id = 1');
const addChunk = db.prepare('INSERT INTO chunks (kind, key, first_id, last_id, rows) VALUES (?, ?, ?, ?, ?)');
const chunkers = workerData.chunkers; // statement index -> [[kind, [param indexes]], ...]
const chunks = new Map();
const STORAGE = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|BUSY|LOCKED|NOMEM|CORRUPT|NOTADB|PROTOCOL)/;
const isStorage = (e) => typeof (e && e.code) === 'string' && STORAGE.test(e.code);
function runOne(index, params) {
  const r = stmts[index].run(params);
  const specs = chunkers[index];
  if (!specs) return;
  const id = Number(r.lastInsertRowid);
  for (const [kind, at] of specs) {
    let key = '';
    for (let i = 0; i < at.length; i++) { const v = params[at[i]]; if (v === null || v === undefined) { key = null; break; } key += (i ? '/' : '') + v; }
    if (key === null) continue;
    const k = kind + '\\u0000' + key;
    const c = chunks.get(k);
    if (c) { c[3] = id; c[4]++; } else chunks.set(k, [kind, key, id, id, 1]);
  }
}
function endDrain(seq) {
  for (const c of chunks.values()) addChunk.run(c);
  chunks.clear();
  setSeq.run(seq);
}
const ingest = db.transaction((batch) => {
  for (const m of batch) { const ops = JSON.parse(m.text); for (let i = 0; i < ops.length; i += 2) runOne(ops[i], ops[i + 1]); }
  endDrain(batch[batch.length - 1].seq);
});
// Row by row, still in one transaction: a refused row is skipped (SQLite undoes only that statement);
// a storage failure is thrown on, and the whole transaction is undone.
const ingestRows = db.transaction((batch, errors) => {
  for (const m of batch) {
    const ops = JSON.parse(m.text);
    for (let i = 0; i < ops.length; i += 2) {
      try { runOne(ops[i], ops[i + 1]); } catch (e) { if (isStorage(e)) throw e; errors.push(String(workerData.statements[ops[i]]).slice(0, 40) + ': ' + e.message); }
    }
  }
  endDrain(batch[batch.length - 1].seq);
});
let queue = [];
let timer = null;
let immediate = false;
let stalled = null;
let retryMs = 250;
function stall(batch, e) {
  chunks.clear();
  queue = batch.concat(queue);
  if (!stalled || stalled !== e.code) { stalled = e.code; parentPort.postMessage({ stalled: e.message, code: e.code }); }
  timer = setTimeout(drain, retryMs);
  retryMs = Math.min(retryMs * 2, 5000);
}
function drain() {
  if (timer) { clearTimeout(timer); timer = null; }
  immediate = false;
  if (queue.length === 0) return;
  const batch = queue;
  queue = [];
  const last = batch[batch.length - 1].seq;
  try {
    ingest(batch);
  } catch (e) {
    chunks.clear();
    if (isStorage(e)) return stall(batch, e);
    const errors = [];
    try { ingestRows(batch, errors); } catch (e2) { chunks.clear(); return stall(batch, isStorage(e2) ? e2 : Object.assign(e2, { code: 'SQLITE_IOERR' })); }
    parentPort.postMessage({ ingested: last, error: errors.join('; ') || String(e) });
    return resumed();
  }
  parentPort.postMessage({ ingested: last });
  resumed();
}
function resumed() {
  retryMs = 250;
  if (stalled) { stalled = null; parentPort.postMessage({ resumed: true }); }
  if (queue.length && !timer && !immediate) timer = setTimeout(drain, workerData.drainMs);
}
parentPort.on('message', (m) => {
  if (m.close) { if (!stalled) drain(); db.close(); parentPort.postMessage({ closed: true, pending: queue.length }); return; }
  if (m.text !== undefined) queue.push(m);
  if (stalled) return; // the retry timer is set
  if (m.now) { if (!immediate) { immediate = true; setImmediate(drain); } }
  else if (!timer && !immediate) timer = setTimeout(drain, workerData.drainMs);
});
`;
