// The reader thread: the record's queries that read many rows (message log pages, counts and exports,
// meter values) on their own connection and their own thread, so a 10,000-row page or an export of a
// million frames never holds the event loop that answers the chargers. It reads what the writer thread
// has committed (WAL: readers never wait for the writer, nor it for them).
import { parentPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { randomInt } from 'node:crypto';
import Database from 'better-sqlite3';
import { MessageLog } from '../repositories/message-log';
import { MeterShapes, meterReadingsJson, meterValuesOf } from '../repositories/meter-values';
import { listMessages, type MessageListQuery } from '../repositories/messages';
import { Pacer } from './pacing';
import type { MessageRecord } from '../../../shared/records';
import { exportRow, type ExportFormat } from '../../../shared/api/message-export';
import type { FromReader, ReaderData, ReaderQueries, ToReader } from './protocol';
import { ownBytes } from '../../json-text';

const data = workerData as ReaderData;
const port = parentPort!;
const db = new Database(data.file, { readonly: true, fileMustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -16384');
// Reads yield to the protocol and to recording: on Linux this thread alone runs at the lowest priority
// (nice 19; the writer runs at 10). On an idle machine that costs a read nothing; under full load a big
// read takes longer rather than slowing the answers (chargers' p99 during reads 22 → 20 ms).
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
} catch {
  // not Linux, or not allowed: the same priority as the protocol
}
const log = new MessageLog(db);
// Exports and long lists pace themselves while the protocol is busy (pacing.ts); the bench's thread
// keeps `protocolLoad` at how busy its event loop is, in thousandths.
const protocolLoad = data.protocolLoad;
const pacer = new Pacer(() => (protocolLoad ? Atomics.load(protocolLoad, 0) / 1000 : 0));
const shapes = new MeterShapes(db);
const cursors = new Map<number, AsyncGenerator<MessageRecord[] | { bytes: Uint8Array; frames: number }>>();
// Unique across restarts of this thread, so a cursor of a thread that died is never taken for another's.
let nextCursor = randomInt(1, 2 ** 47);
const post = (m: FromReader): void => port.postMessage(m);

/**
 * Memory the bench handed back once it had written what was in it (RecordReader.giveBack): kept up to
 * MAX_SPARE_BYTES in all, and let go once none came back for SPARE_IDLE_MS (the reads are over).
 */
const spares: ArrayBuffer[] = [];
const MAX_SPARE_BYTES = 16 * 1024 * 1024;
const SPARE_IDLE_MS = 5000;
const spareBytes = (): number => spares.reduce((n, b) => n + b.byteLength, 0);
let sparesIdle: NodeJS.Timeout | null = null;
const encoder = new TextEncoder();

/**
 * Memory handed back for `bytes` or more, when a piece is big enough and not so big that a small text
 * would carry it off.
 */
function takeSpare(bytes: number): ArrayBuffer | undefined {
  const at = spares.findIndex((b) => b.byteLength >= bytes && b.byteLength <= 4 * bytes + 64 * 1024);
  return at === -1 ? undefined : spares.splice(at, 1)[0];
}

/** Text as UTF-8 bytes of their own (to be transferred), in memory handed back when a piece of it fits. */
function bytesOf(text: string): Uint8Array {
  const spare = takeSpare(text.length);
  if (spare) {
    const { read, written } = encoder.encodeInto(text, new Uint8Array(spare));
    // Text beyond ASCII may not fit after all: then that piece is let go.
    if (read === text.length) return new Uint8Array(spare, 0, written);
  }
  return ownBytes(text);
}

/**
 * An export's batch as UTF-8 bytes of their own, each row encoded where it goes (joining a batch's rows
 * into one string first cost more than making them).
 */
function exportBytes(format: ExportFormat, batch: MessageRecord[], before: number): Uint8Array {
  // Enough for most batches at once: a JSON row holds its frame twice (payload and raw, escaped).
  const estimate = batch.reduce((n, m) => n + 2 * m.raw.length + 256, 0);
  let buffer = takeSpare(estimate) ?? new ArrayBuffer(estimate);
  let at = 0;
  for (let i = 0; i < batch.length; i++) {
    const row = exportRow(format, batch[i], before + i);
    for (;;) {
      const { read, written } = encoder.encodeInto(row, new Uint8Array(buffer, at));
      if (read === row.length) {
        at += written;
        break;
      }
      // Text beyond ASCII, or a batch of long frames: more room, and the row again.
      const larger = new ArrayBuffer(Math.max(2 * buffer.byteLength, at + 3 * row.length));
      new Uint8Array(larger).set(new Uint8Array(buffer, 0, at));
      buffer = larger;
    }
  }
  return new Uint8Array(buffer, 0, at);
}

/** An export's text, batch by batch, formatted here rather than on the bench's event loop. */
async function* exportTexts(batches: AsyncGenerator<MessageRecord[]>, format: ExportFormat): AsyncGenerator<{ bytes: Uint8Array; frames: number }> {
  let before = 0;
  for await (const batch of batches) {
    yield { bytes: pacer.step(() => exportBytes(format, batch, before)), frames: batch.length };
    before += batch.length;
  }
}

/** Frames a long list reads at once, between which the thread may rest. */
const LIST_STEP = 1000;

/** listMessages a step at a time, newest first, so that a list of thousands of frames keeps the pace. */
async function listPaced(q: MessageListQuery): Promise<MessageRecord[]> {
  const limit = q.limit ?? 100;
  const rows: MessageRecord[] = [];
  for (;;) {
    const want = Math.min(LIST_STEP, limit - rows.length);
    const beforeId = rows.length ? rows[rows.length - 1].id : q.beforeId;
    const part = pacer.step(() => listMessages(db, { ...q, beforeId, limit: want }));
    rows.push(...part);
    if (part.length < want || rows.length >= limit) return rows;
    await pacer.between();
  }
}

const queries: { [Q in keyof ReaderQueries]: (args: ReaderQueries[Q]) => unknown } = {
  // Rows as JSON bytes, moved (not copied) to the protocol's thread, which sends them on as they are.
  messagesList: async (q) => {
    const rows = await listPaced(q);
    return pacer.step(() => bytesOf(JSON.stringify(rows)));
  },
  messagesPage: async ({ upToId, offset, limit, ...filter }) => bytesOf(JSON.stringify(await log.page(filter, upToId, offset ?? 0, limit ?? 200))),
  messagesCount: ({ filter, upToId, cap }) => log.count(filter, upToId, cap ?? 1_000_000),
  batchesOpen: ({ filter, upToId, format }) => {
    const cursor = nextCursor++;
    const batches = log.batches(filter, upToId ?? log.maxId(), pacer);
    cursors.set(cursor, format ? exportTexts(batches, format) : batches);
    return cursor;
  },
  batchesNext: async ({ cursor }) => {
    const it = cursors.get(cursor);
    // Not the end of the data: an export whose cursor is gone must not look complete.
    if (!it) throw new Error("The export's place in the record is gone (the reader thread restarted): start the export again");
    const r = await it.next();
    if (r.done) cursors.delete(cursor);
    return r.done ? null : r.value;
  },
  batchesClose: async ({ cursor }) => {
    await cursors.get(cursor)?.return(undefined);
    cursors.delete(cursor);
    return null;
  },
  meterValues: (q) => meterValuesOf(db, shapes, q),
  // As JSON bytes too: a 2-hour session at 1 s is 72,000 values (see shared/api/meter-readings.ts).
  meterReadings: ({ transactionId, limit }) => bytesOf(meterReadingsJson(db, shapes, transactionId, limit)),
  // One more than given tells whether there are more.
  transactionMeterValues: ({ transactionId, limit, fields }) => {
    const newest = meterValuesOf(db, shapes, { transactionId, limit: limit + 1 });
    const capped = newest.length > limit;
    return bytesOf(JSON.stringify({ ...(JSON.parse(fields) as object), meterValues: newest.slice(0, limit).reverse(), ...(capped ? { meterValuesCapped: true } : {}) }));
  },
};

port.on('message', (m: ToReader) => {
  if ('spare' in m) {
    if (spareBytes() + m.spare.byteLength <= MAX_SPARE_BYTES) spares.push(m.spare);
    if (sparesIdle) clearTimeout(sparesIdle);
    sparesIdle = setTimeout(() => (spares.length = 0), SPARE_IDLE_MS);
    sparesIdle.unref();
    return;
  }
  if ('close' in m) {
    db.close();
    post({ closed: true });
    return;
  }
  void (async () => {
    try {
      const value = await (queries[m.query] as (a: unknown) => unknown)(m.args);
      // Bytes (a page's JSON, an export's text) move to the other thread instead of being copied.
      const bytes = value instanceof Uint8Array ? value : (value as { bytes?: unknown } | null)?.bytes;
      port.postMessage({ id: m.id, ok: true, value } satisfies FromReader, bytes instanceof Uint8Array ? [bytes.buffer as ArrayBuffer] : []);
    } catch (e) {
      post({ id: m.id, ok: false, error: (e as Error).message });
    }
  })();
});
