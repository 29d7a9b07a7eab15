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
import { MeterShapes, meterValuesOf } from '../repositories/meter-values';
import { listMessages } from '../repositories/messages';
import type { MessageRecord } from '../../../shared/records';
import { exportText, type ExportFormat } from '../../../shared/api/message-export';
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
 * Text as UTF-8 bytes of their own (to be transferred), in memory handed back when a piece of it fits:
 * big enough for the text as ASCII, and not so big that a small text would carry it off.
 */
function bytesOf(text: string): Uint8Array {
  const at = spares.findIndex((b) => b.byteLength >= text.length && b.byteLength <= 4 * text.length + 64 * 1024);
  if (at !== -1) {
    const [spare] = spares.splice(at, 1);
    const { read, written } = encoder.encodeInto(text, new Uint8Array(spare));
    // Text beyond ASCII may not fit after all: then that piece is let go.
    if (read === text.length) return new Uint8Array(spare, 0, written);
  }
  return ownBytes(text);
}

/** An export's text, batch by batch, formatted here rather than on the bench's event loop. */
async function* exportTexts(batches: AsyncGenerator<MessageRecord[]>, format: ExportFormat): AsyncGenerator<{ bytes: Uint8Array; frames: number }> {
  let before = 0;
  for await (const batch of batches) {
    yield { bytes: bytesOf(exportText(format, batch, before)), frames: batch.length };
    before += batch.length;
  }
}

const queries: { [Q in keyof ReaderQueries]: (args: ReaderQueries[Q]) => unknown } = {
  // Rows as JSON bytes, moved (not copied) to the protocol's thread, which sends them on as they are.
  messagesList: (q) => bytesOf(JSON.stringify(listMessages(db, q))),
  messagesPage: async ({ upToId, offset, limit, ...filter }) => bytesOf(JSON.stringify(await log.page(filter, upToId, offset ?? 0, limit ?? 200))),
  messagesCount: ({ filter, upToId, cap }) => log.count(filter, upToId, cap ?? 1_000_000),
  batchesOpen: ({ filter, upToId, format }) => {
    const cursor = nextCursor++;
    const batches = log.batches(filter, upToId ?? log.maxId());
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
