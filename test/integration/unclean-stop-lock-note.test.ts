// Which connections the mend after an unclean stop closes depends on when the killed process started, as
// its lock note says: an acceptance from before then was left "open" by an older bench's kill and is not
// closed again; a note that does not say when (an older bench's, or a damaged one) closes every open one.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';
import { startedAtOf } from '../../src/main/store/unclean-stop';
import { formatDateTimeWithZone } from '../../src/shared/format/time';
import type { FrameToLog } from '../../src/shared/records';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const T0 = Date.parse('2026-03-02T09:45:30.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

const heartbeat = (id: string): FrameToLog => ({ direction: 'in', kind: 'CALL', messageId: id, action: 'Heartbeat', raw: `[2,"${id}","Heartbeat",{}]`, error: null });

/**
 * A record with CPX and CPZ accepted at at(0) and never closed (CPX sent a frame since, at at(1), before the
 * log's last 15 s; CPZ only before it connected), left as a killed process leaves it: its journal and `note`.
 */
async function killedWith(note: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-unclean-note-'));
  dirs.push(dataDir);
  const record = await BenchRecord.open(dataDir);
  for (const id of ['CPX', 'CPZ']) {
    record.chargers.seenNow(id, at(-5));
    record.logFrame(id, heartbeat(`${id}-0`), at(-5));
    record.connectionAttempts.add(at(0), id, '10.0.0.9', 'accepted', null);
  }
  record.logFrame('CPX', heartbeat('CPX-1'), at(1));
  await record.close();
  // A journal entry SQLite does not hold yet, and the note the killed process did not empty.
  const db = new Database(databaseFile(dataDir));
  const next = (db.prepare('SELECT ingested_seq AS s FROM journal_state').get() as { s: number }).s + 1;
  db.close();
  const frame = [at(60), 'CPY', 'in', 'CALL', 'h1', 'Heartbeat', '[2,"h1","Heartbeat",{}]', null];
  writeFileSync(join(dataDir, `chargebench-${String(next).padStart(12, '0')}.journal`), `${next}\t${JSON.stringify(['message', frame])}\n`);
  writeFileSync(join(dataDir, 'chargebench.lock.json'), `${note}\n`);
  return dataDir;
}

async function outcomesAfterStart(dataDir: string): Promise<{ outcomes: string[]; notices: readonly string[]; closes: Array<[string | null, string, string | null]> }> {
  const record = await BenchRecord.open(dataDir);
  try {
    const attempts = record.connectionAttempts.list();
    return {
      outcomes: attempts.filter((a) => a.chargerId === 'CPX').map((a) => a.outcome),
      notices: record.notices,
      closes: attempts.filter((a) => a.outcome === 'closed').map((a) => [a.chargerId, a.ts, a.reason]),
    };
  } finally {
    await record.close();
  }
}

describe('the mend after an unclean stop, by the lock note the killed process left', () => {
  it('does not close a connection accepted before the killed process started', async () => {
    const dataDir = await killedWith(JSON.stringify({ pid: 4242, host: 'h', face: 'chargebench serve', startedAt: at(30) }));
    const { outcomes, notices } = await outcomesAfterStart(dataDir);
    expect(outcomes).toEqual(['accepted']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('No charger was connected then.');
  });

  it('closes one accepted since it started', async () => {
    const dataDir = await killedWith(JSON.stringify({ pid: 4242, host: 'h', face: 'chargebench serve', startedAt: at(0) }));
    const { outcomes, notices, closes } = await outcomesAfterStart(dataDir);
    expect(outcomes).toEqual(['closed', 'accepted']);
    expect(notices[0]).toContain('2 charger connections open then (CPX, CPZ) ended with it');
    // At the last frame on it, found before the log's last seconds; none came on CPZ's (the one before it connected is not).
    const ended = 'Ended when the bench stopped without closing it (killed, crashed, or the computer lost power)';
    expect(closes).toEqual([
      ['CPX', at(1), `${ended}: its last message was at ${formatDateTimeWithZone(at(1))}`],
      ['CPZ', at(0), `${ended}: no message came on it`],
    ]);
  });

  it('closes every open one when the note does not say when it started', async () => {
    for (const note of [JSON.stringify({ pid: 4242, host: 'h', face: 'f' }), JSON.stringify({ pid: 4242, startedAt: 'yesterday' }), '{not json']) {
      const { outcomes } = await outcomesAfterStart(await killedWith(note));
      expect(outcomes, note).toEqual(['closed', 'accepted']);
    }
  });
});

describe('startedAtOf', () => {
  it('reads the start time of a lock note, or null when it has none readable', () => {
    expect(startedAtOf(JSON.stringify({ pid: 1, host: 'h', face: 'f', startedAt: at(0) }))).toBe(T0);
    for (const note of [null, '', 'null', '{not json', '{"pid":1}', '{"pid":1,"startedAt":5}', '{"pid":1,"startedAt":"soon"}', '{"startedAt":"2026-03-02T09:45:30.000Z"}'])
      expect(startedAtOf(note), String(note)).toBeNull();
  });
});
