// Settings that outlive a run: data retention (old frames and meter values pruned at start, on change
// and hourly; transactions kept; the chunks index still finds what is left) and the saved OCPP port.
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Bench } from '../../src/main/core/bench';
import type { BenchRecord } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';
import { CHUNK_EPOCH_IDS } from '../../src/main/store/repository';
import { startTestBench, waitFor, type TestBench } from '../helpers/bench';

const DAY = 86_400_000;
const daysAgo = (days: number, ms = 0) => new Date(Date.now() - days * DAY + ms).toISOString();
const call = (tb: TestBench, method: string, args: unknown) => tb.request('POST', `/api/call/${method}`, args);

const benches: TestBench[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const tb of benches.splice(0)) await tb.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function bench(options: Parameters<typeof startTestBench>[0] = {}): Promise<TestBench> {
  const tb = await startTestBench(options);
  benches.push(tb);
  return tb;
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'chargebench-settings-'));
  dirs.push(d);
  return d;
}

function frame(record: BenchRecord, chargerId: string, n: number, ts: string): void {
  record.logFrame(chargerId, { direction: 'in', kind: 'CALL', messageId: `m${n}`, action: 'Heartbeat', raw: `[2,"m${n}","Heartbeat",{}]`, error: null }, ts);
}

function sample(record: BenchRecord, chargerId: string, transactionId: number | null, value: number, at: string): void {
  record.meterValues.add(chargerId, 1, transactionId, [{ timestamp: at, sampledValue: [{ value: String(value) }] }], at);
}

/**
 * Old and recent rows for two chargers, in several writer batches, one of which holds both; `between` runs
 * before the second and the third batch.
 */
async function fill(record: BenchRecord, between: Array<() => void> = []): Promise<{ transactionId: number }> {
  const tx = record.transactions.start({ chargerId: 'CP-A', connectorId: 1, idTag: 'OLD', authStatus: 'Accepted', reservationId: null, meterStart: 0, startTime: daysAgo(40) }, daysAgo(40));
  for (let i = 0; i < 30; i++) {
    frame(record, 'CP-A', i, daysAgo(40, i));
    frame(record, 'CP-B', 100 + i, daysAgo(40, i));
    sample(record, 'CP-A', tx.transactionId, i, daysAgo(40, i));
  }
  await record.settled();
  between[0]?.();
  // One batch with old and recent rows of the same charger: its chunk straddles the cut.
  for (let i = 30; i < 40; i++) {
    frame(record, 'CP-A', i, daysAgo(31, i));
    sample(record, 'CP-A', tx.transactionId, i, daysAgo(31, i));
  }
  for (let i = 40; i < 50; i++) {
    frame(record, 'CP-A', i, daysAgo(1, i));
    sample(record, 'CP-A', tx.transactionId, i, daysAgo(1, i));
  }
  await record.settled();
  between[1]?.();
  for (let i = 50; i < 55; i++) frame(record, 'CP-B', 100 + i, daysAgo(0, i));
  await record.settled();
  return { transactionId: tx.transactionId };
}

function chunks(record: BenchRecord): Array<{ kind: string; key: string; first_id: number; last_id: number }> {
  return record.db.prepare('SELECT kind, key, first_id, last_id FROM chunks ORDER BY kind, key, last_id').all() as never;
}

describe('data retention', () => {
  it('prunes frames and meter values older than retentionDays when it is set, keeps recent ones and transactions, and keeps the chunks index right', async () => {
    const tb = await bench();
    const { record } = tb.bench;
    const { transactionId } = await fill(record);
    expect(record.messages.list({ chargerId: 'CP-A', limit: 1000 })).toHaveLength(50);

    expect(await call(tb, 'settings:update', { retentionDays: 30 })).toMatchObject({ status: 200, body: { retentionDays: 30 } });
    await tb.bench.prune(); // after the pruning the change started

    const a = record.messages.list({ chargerId: 'CP-A', limit: 1000 });
    expect(a.map((m) => m.messageId)).toEqual(Array.from({ length: 10 }, (_, i) => `m${49 - i}`));
    expect(record.messages.list({ chargerId: 'CP-B', limit: 1000 }).map((m) => m.messageId)).toEqual(['m154', 'm153', 'm152', 'm151', 'm150']);
    expect(record.meterValues.of({ transactionId, limit: 1000 }).map((m) => m.value)).toEqual(Array.from({ length: 10 }, (_, i) => String(49 - i)));
    expect(record.meterValues.of({ chargerId: 'CP-A', connectorId: 1, limit: 1000 })).toHaveLength(10);
    // The transaction itself stays.
    expect(record.transactions.get(transactionId)).toMatchObject({ idTag: 'OLD', active: true });

    // No chunk points only at pruned rows, and none reaches back before what is left.
    const oldestMessage = (record.db.prepare('SELECT MIN(id) AS m FROM messages').get() as { m: number }).m;
    const oldestSample = (record.db.prepare('SELECT MIN(id) AS m FROM meter_values').get() as { m: number }).m;
    const left = chunks(record);
    expect(left.filter((c) => c.kind.startsWith('message/')).every((c) => c.first_id >= oldestMessage)).toBe(true);
    expect(left.filter((c) => c.kind.startsWith('meter/')).every((c) => c.first_id >= oldestSample)).toBe(true);
    expect(left.filter((c) => c.kind === 'message/charger' && c.key === 'CP-A')).toHaveLength(1);
  });

  it('prunes a record whose ids span several epochs of the sparse index, and reads it the same before and after', async () => {
    const tb = await bench();
    const { record } = tb.bench;
    /** The next frame or meter reading gets an id past `id` (a row of another charger there, at `ts`). */
    const jump = (table: 'messages' | 'meter_values', id: number, ts: string) => {
      const raw = new Database(databaseFile(tb.dataDir));
      if (table === 'messages') raw.prepare("INSERT INTO messages (id, ts, charger_id, direction, kind, raw) VALUES (?, ?, 'CP-FILL', 'in', 'CALL', '[]')").run(id, ts);
      else raw.prepare("INSERT INTO meter_values (id, charger_id, connector_id, timestamp, received_at, samples) VALUES (?, 'CP-FILL', 1, 0, ?, '[]')").run(id, ts);
      raw.close();
    };
    // Epoch 0: old frames of both chargers; then epoch 2 (frames) and 1 (meter values): old and recent
    // rows of CP-A in one batch, whose chunks straddle the cut; then epoch 5: recent frames of CP-B.
    const { transactionId } = await fill(record, [
      () => {
        jump('messages', 2 * CHUNK_EPOCH_IDS + 5, daysAgo(35));
        jump('meter_values', CHUNK_EPOCH_IDS + 3, daysAgo(35));
      },
      () => jump('messages', 5 * CHUNK_EPOCH_IDS + 1, daysAgo(0, 1)),
    ]);
    const epochs = (kind: string) => record.db.prepare('SELECT DISTINCT epoch FROM chunks WHERE kind = ? ORDER BY epoch').pluck().all(kind);
    expect(epochs('message/charger')).toEqual([0, 2, 5]);
    expect(epochs('meter/transaction')).toEqual([0, 1]);

    /** What the record says of a charger's frames, and what its rows are, newest first. */
    const frames = (chargerId: string) => record.db.prepare('SELECT id FROM messages WHERE charger_id = ? ORDER BY id DESC').pluck().all(chargerId) as number[];
    const read = async (chargerId: string) => ({
      list: record.messages.list({ chargerId, limit: 1000 }).map((m) => m.id),
      paged: [...record.messages.list({ chargerId, limit: 3 }), ...record.messages.list({ chargerId, limit: 1000, beforeId: frames(chargerId)[2] })].map((m) => m.id),
      count: (await record.messages.count({ chargerId })).count,
      page: (await record.messages.page({ chargerId, offset: 2, limit: 1000 })).map((m) => m.id),
    });
    const expected = (chargerId: string) => {
      const ids = frames(chargerId);
      return { list: ids, paged: ids, count: ids.length, page: ids.slice(2) };
    };
    for (const cp of ['CP-A', 'CP-B']) expect(await read(cp), cp).toEqual(expected(cp));
    expect(frames('CP-A')).toHaveLength(50);
    expect(record.meterValues.of({ transactionId, limit: 1000 })).toHaveLength(50);

    await call(tb, 'settings:update', { retentionDays: 30 });
    await tb.bench.prune();

    for (const cp of ['CP-A', 'CP-B']) expect(await read(cp), cp).toEqual(expected(cp));
    expect(record.messages.list({ chargerId: 'CP-A', limit: 1000 }).map((m) => m.messageId)).toEqual(Array.from({ length: 10 }, (_, i) => `m${49 - i}`));
    expect(record.messages.list({ chargerId: 'CP-B', limit: 1000 })).toHaveLength(5);
    expect(record.meterValues.of({ transactionId, limit: 1000 }).map((m) => m.value)).toEqual(Array.from({ length: 10 }, (_, i) => String(49 - i)));
    // Every epoch before the cut lost its chunks; the straddling ones start after the cut.
    const oldestMessage = frames('CP-A').at(-1)!;
    const left = chunks(record);
    expect(left.filter((c) => c.kind.startsWith('message/')).every((c) => c.first_id >= oldestMessage)).toBe(true);
    expect(epochs('message/charger')).toEqual([2, 5]);
    expect(epochs('meter/transaction')).toEqual([1]);
    expect(left.filter((c) => c.kind === 'meter/transaction').map((c) => c.first_id)).toEqual([
      record.db.prepare("SELECT MIN(id) FROM meter_values WHERE charger_id = 'CP-A'").pluck().get() as number,
    ]);
  });

  it('keeps everything when retention is off (null or 0)', async () => {
    const tb = await bench();
    const { record } = tb.bench;
    await fill(record);
    await call(tb, 'settings:update', { retentionDays: 0 });
    await tb.bench.prune();
    expect(record.messages.list({ chargerId: 'CP-A', limit: 1000 })).toHaveLength(50);
    await call(tb, 'settings:update', { retentionDays: null });
    await tb.bench.prune();
    expect(record.messages.list({ limit: 1000 })).toHaveLength(85);
  });

  it('prunes at start with the saved retention', async () => {
    const dataDir = tempDir();
    let tb = await bench({ dataDir });
    await fill(tb.bench.record);
    // Saved straight to the record, so only the next start acts on it.
    await tb.bench.record.settings.save({ retentionDays: 7 });
    await tb.stop();
    benches.splice(0);

    tb = await bench({ dataDir });
    await waitFor(() => tb.bench.record.messages.list({ limit: 1000 }).length === 15);
    expect(tb.bench.record.messages.list({ chargerId: 'CP-A', limit: 1000 })).toHaveLength(10);
  });

  it('refuses a bad retention or port with the field named', async () => {
    const tb = await bench();
    expect(await call(tb, 'settings:update', { retentionDays: -1 })).toMatchObject({ status: 400, body: { field: 'retentionDays', error: expect.stringContaining('0 or more days') } });
    expect(await call(tb, 'settings:update', { retentionDays: 1.5 })).toMatchObject({ status: 400, body: { field: 'retentionDays' } });
    expect(await call(tb, 'settings:update', { ocppPort: 70_000 })).toMatchObject({ status: 400, body: { field: 'ocppPort', error: expect.stringContaining('65535') } });
    expect(await call(tb, 'settings:update', { heartbeatInterval: 0 })).toMatchObject({ status: 400, body: { field: 'heartbeatInterval', error: expect.stringContaining('at least 1 second') } });
  });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('the OCPP port setting', () => {
  it('is saved for the next start, where the bench listens on it unless a port is given', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    let tb = await bench({ dataDir });
    const before = tb.port;
    expect((await call(tb, 'settings:get', {})).body).toMatchObject({ ocppPort: 9000, retentionDays: null });
    expect((await call(tb, 'settings:update', { ocppPort: port })).body).toMatchObject({ ocppPort: port });
    // Takes effect after a restart: the bench still listens where it did.
    expect((await call(tb, 'bench:status', {})).body).toMatchObject({ port: before });
    await tb.stop();
    benches.splice(0);

    tb = await bench({ dataDir, port: undefined });
    expect(tb.port).toBe(port);
    await tb.stop();
    benches.splice(0);

    // An explicit port (serve's --port) overrides the setting.
    tb = await bench({ dataDir, port: 0 });
    expect(tb.port).not.toBe(port);
  });

  it('when the saved port is taken: fails with a clear message, or (desktop) opens on a free one', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const tb = await bench({ dataDir });
    await call(tb, 'settings:update', { ocppPort: port });
    await tb.stop();
    benches.splice(0);

    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      await expect(Bench.start({ dataDir, host: '127.0.0.1' })).rejects.toThrow(`Port ${port} is already in use`);
      const fallback = await Bench.start({ dataDir, host: '127.0.0.1', portInUse: 'anyFree' });
      try {
        expect(fallback.centralSystem.address().port).not.toBe(port);
        expect(fallback.centralSystem.address().port).toBeGreaterThan(0);
        expect(fallback.settings.get().ocppPort).toBe(port);
        // The Settings screen says why: the saved port was taken.
        expect(fallback.ocppPortSource).toBe('taken');
      } finally {
        await fallback.stop();
      }
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});

describe('retention of connections and chargers seen once', () => {
  it('prunes old connection attempts, status history and never-registered chargers with nothing to their name', async () => {
    const dataDir = tempDir();
    const first = await startTestBench({ dataDir });
    const { record: old } = first.bench;
    // A flood of made-up identities 40 days ago, one real charger with a transaction, one registered.
    for (let i = 0; i < 50; i++) {
      old.chargers.seenNow(`GHOST${i}`, daysAgo(40, i));
      old.connectionAttempts.add(daysAgo(40, i), `GHOST${i}`, '10.0.0.9', 'accepted', null);
      old.connectionAttempts.add(daysAgo(40, i), `GHOST${i}`, '10.0.0.9', 'closed', 'gone');
      old.connectors.status(`GHOST${i}`, { connectorId: 1, errorCode: 'NoError', status: 'Available' }, daysAgo(40, i));
    }
    old.chargers.seenNow('REAL', daysAgo(40));
    old.transactions.start({ chargerId: 'REAL', connectorId: 1, idTag: 'T', authStatus: 'Accepted', reservationId: null, meterStart: 0, startTime: daysAgo(40) }, daysAgo(40));
    await first.bench.centralSystem.registry.register('KEPT');
    old.connectionAttempts.add(daysAgo(1), 'REAL', '10.0.0.8', 'accepted', null);
    await first.stop();
    // The next start knows every one of them.
    const tb = await bench({ dataDir });
    const { record } = tb.bench;
    expect(record.chargers.list()).toHaveLength(52);
    expect(tb.bench.centralSystem.registry.isKnown('GHOST1')).toBe(true);

    await call(tb, 'settings:update', { retentionDays: 30 });
    await tb.bench.prune();
    expect(
      record.chargers
        .list()
        .map((c) => c.id)
        .sort(),
    ).toEqual(['KEPT', 'REAL']);
    expect(record.connectionAttempts.list(1000).map((a) => a.chargerId)).toEqual(['REAL']);
    expect(record.connectors.history('GHOST1')).toEqual([]);
    // The central system forgot them too: a ghost is unknown now.
    expect(tb.bench.centralSystem.registry.isKnown('GHOST1')).toBe(false);
    expect(tb.bench.centralSystem.registry.isKnown('REAL')).toBe(true);
  });
});
