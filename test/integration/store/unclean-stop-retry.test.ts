// The repair after an unclean stop that could not be made at the next start (SQLite stalled then) is owed
// until a start makes it: the clean stop of the start that failed does not lose it. The start after makes
// it (the killed process's connections recorded closed, its chargers' last contact brought up to the log)
// and says it is the repair of the earlier unclean stop; the start after that says nothing. Two unclean
// stops in a row: both processes' connections are closed.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { BenchRecord } from '../../../src/main/store/record';
import { databaseFile } from '../../../src/main/store/database';
import { PENDING_NOTE } from '../../../src/main/store/unclean-stop';
import { at } from '../../fixtures/unclean-stop-process';
import { formatDateTimeWithZone } from '../../../src/shared/format/time';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the fixture's record in its own process and kills it (SIGKILL) once its last frames are in the journal; returns the data directory. */
async function killedRecord(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-unclean-retry-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/unclean-stop-process.ts', dataDir, 'kill'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const line = await Promise.race([
      new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
      exited.then((code) => Promise.reject(new Error(`the record process exited (${code}) before it was ready`))),
    ]);
    expect(line).toBe('ready');
    child.kill('SIGKILL');
    await exited;
  } finally {
    child.kill('SIGKILL');
  }
  return dataDir;
}

/** Opens the record while another connection holds SQLite's write lock: the journal cannot go in, so the repair cannot be made. */
async function openStalled(dataDir: string): Promise<BenchRecord> {
  const other = new Database(databaseFile(dataDir));
  other.prepare('BEGIN IMMEDIATE').run();
  let record: BenchRecord;
  try {
    record = await BenchRecord.open(dataDir);
  } finally {
    other.prepare('COMMIT').run();
    other.close();
  }
  expect(record.problem).toMatchObject({ kind: 'recordStalled', code: 'SQLITE_BUSY' });
  // SQLite takes the record again: the bench goes on, the journal goes in.
  while (record.problem) await new Promise((resolve) => setTimeout(resolve, 50));
  await record.settled();
  return record;
}

const outcomes = (record: BenchRecord, chargerId: string) =>
  record.connectionAttempts
    .list()
    .filter((a) => a.chargerId === chargerId)
    .reverse()
    .map((a) => a.outcome);

describe('an unclean-stop repair that could not be made at start', () => {
  it('is made at the next start after a clean stop, and said to be; the start after says nothing', { timeout: 60_000 }, async () => {
    const dataDir = await killedRecord();
    let record = await openStalled(dataDir);
    try {
      expect(record.notices).toHaveLength(1);
      expect(record.notices[0]).toContain('The bench did not stop cleanly the last time it ran');
      expect(record.notices[0]).toContain('the record could not be put right after it (SQLite could not take the record at start');
      expect(record.notices[0]).toContain('It is tried again at the next start.');
      // Its connections are still open in the record.
      expect(outcomes(record, 'CP001')).toEqual(['accepted']);
    } finally {
      await record.close();
    }
    // A clean stop: the lock note is emptied, the journal gone; the repair is still owed.
    expect(readFileSync(join(dataDir, 'chargebench.lock.json'), 'utf8')).toBe('');
    expect(existsSync(join(dataDir, PENDING_NOTE))).toBe(true);

    record = await BenchRecord.open(dataDir);
    try {
      expect(record.notices).toHaveLength(1);
      const [notice] = record.notices;
      expect(notice).toContain('The bench did not stop cleanly on an earlier run (it was killed, crashed, or the computer lost power), and the record could not be put right at the start after it (');
      expect(notice).toContain(`; it is put right now; its last record is from ${formatDateTimeWithZone(at(12.892))}, and it stopped some time after that. `);
      expect(notice).toContain('2 charger connections open then (CP001, CP003) ended with it');
      expect(outcomes(record, 'CP001')).toEqual(['accepted', 'closed']);
      expect(outcomes(record, 'CP003')).toEqual(['accepted', 'closed']);
      // Closed before the kill, and left open by an older bench before the killed one started: as they were.
      expect(outcomes(record, 'CP002')).toEqual(['accepted', 'closed']);
      expect(outcomes(record, 'CP004')).toEqual(['accepted']);
      const closedAt = record.connectionAttempts.list().find((a) => a.chargerId === 'CP001' && a.outcome === 'closed');
      expect(closedAt?.ts).toBe(at(12.892));
      expect(record.chargers.get('CP001')).toMatchObject({ lastSeen: at(12.4), lastHeartbeat: at(2) });
    } finally {
      await record.close();
    }
    expect(existsSync(join(dataDir, PENDING_NOTE))).toBe(false);

    record = await BenchRecord.open(dataDir);
    try {
      expect(record.notices).toEqual([]);
      expect(outcomes(record, 'CP001')).toEqual(['accepted', 'closed']);
    } finally {
      await record.close();
    }
  });

  it('closes the killed process connection of a charger that connected again and closed cleanly at the start that failed', { timeout: 60_000 }, async () => {
    const dataDir = await killedRecord();
    // B: the repair cannot be made. CP001 connects to it, sends a Heartbeat, and its connection closes cleanly.
    const record = await openStalled(dataDir);
    const now = (ms: number) => new Date(Date.now() + ms).toISOString();
    record.chargers.seenNow('CP001', now(0));
    record.connectionAttempts.add(now(0), 'CP001', '10.0.0.1', 'accepted', null);
    record.logFrame('CP001', { direction: 'in', kind: 'CALL', messageId: 'hb', action: 'Heartbeat', raw: '[2,"hb","Heartbeat",{}]', error: null }, now(1));
    record.logFrame('CP001', { direction: 'out', kind: 'CALLRESULT', messageId: 'hb', action: 'Heartbeat', raw: '[3,"hb",{}]', error: null }, now(1));
    record.connectionAttempts.add(now(2), 'CP001', '10.0.0.1', 'closed', 'Connection closed (1000, normal close)');
    await record.close();

    // C makes the repair.
    const again = await BenchRecord.open(dataDir);
    try {
      expect(again.notices).toHaveLength(1);
      expect(again.notices[0]).toContain('2 charger connections open then (CP001, CP003) ended with it');
      // The killed process's connection is closed too, at its last message to the killed process (not B's Heartbeat).
      expect(outcomes(again, 'CP001')).toEqual(['accepted', 'accepted', 'closed', 'closed']);
      const closes = again.connectionAttempts.list().filter((a) => a.chargerId === 'CP001' && a.outcome === 'closed');
      expect(closes.map((a) => a.ts)).toEqual([at(12.892), expect.any(String)]);
      expect(closes[0]!.reason).toContain(`its last message was at ${formatDateTimeWithZone(at(12.892))}`);
      expect(outcomes(again, 'CP003')).toEqual(['accepted', 'closed']);
    } finally {
      await again.close();
    }
    expect(existsSync(join(dataDir, PENDING_NOTE))).toBe(false);
  });

  it('after a second unclean stop, closes a charger connection to each process', { timeout: 60_000 }, async () => {
    const dataDir = await killedRecord();
    const record = await openStalled(dataDir);
    const killedNote = readFileSync(join(dataDir, 'chargebench.lock.json'), 'utf8');
    // CP001 connects again to B, which is killed too: its lock note and a journal entry stay.
    const now = (ms: number) => new Date(Date.now() + ms).toISOString();
    record.chargers.seenNow('CP001', now(0));
    record.connectionAttempts.add(now(0), 'CP001', '10.0.0.1', 'accepted', null);
    await record.close();
    writeFileSync(join(dataDir, 'chargebench.lock.json'), `${JSON.stringify({ ...JSON.parse(killedNote), startedAt: now(-1000) })}\n`);
    const db = new Database(databaseFile(dataDir));
    const next = (db.prepare('SELECT ingested_seq AS s FROM journal_state').get() as { s: number }).s + 1;
    db.close();
    const lastAtB = now(1000);
    const frame = [lastAtB, 'CP001', 'in', 'CALL', 'h9', 'Heartbeat', '[2,"h9","Heartbeat",{}]', null];
    writeFileSync(join(dataDir, `chargebench-${String(next).padStart(12, '0')}.journal`), `${next}\t${JSON.stringify(['message', frame])}\n`);

    const again = await BenchRecord.open(dataDir);
    try {
      expect(again.notices).toHaveLength(1);
      expect(again.notices[0]).toContain('3 charger connections open then (CP001, CP003) ended with it');
      expect(outcomes(again, 'CP001')).toEqual(['accepted', 'accepted', 'closed', 'closed']);
      const closes = again.connectionAttempts.list().filter((a) => a.chargerId === 'CP001' && a.outcome === 'closed');
      // Each at its last message to its process, in time order.
      expect(closes.map((a) => a.ts)).toEqual([lastAtB, at(12.892)]);
    } finally {
      await again.close();
    }
    expect(existsSync(join(dataDir, PENDING_NOTE))).toBe(false);
  });

  it('after a second unclean stop, closes both processes connections', { timeout: 60_000 }, async () => {
    const dataDir = await killedRecord();
    const record = await openStalled(dataDir);
    const killedNote = readFileSync(join(dataDir, 'chargebench.lock.json'), 'utf8');
    // This one held a connection too, and is killed as well: it leaves its lock note and a journal entry.
    record.chargers.seenNow('CP005', at(100));
    record.connectionAttempts.add(at(100), 'CP005', '10.0.0.5', 'accepted', null);
    await record.close();
    writeFileSync(join(dataDir, 'chargebench.lock.json'), `${JSON.stringify({ ...JSON.parse(killedNote), startedAt: at(90) })}\n`);
    const db = new Database(databaseFile(dataDir));
    const next = (db.prepare('SELECT ingested_seq AS s FROM journal_state').get() as { s: number }).s + 1;
    db.close();
    const frame = [at(101), 'CP005', 'in', 'CALL', 'h9', 'Heartbeat', '[2,"h9","Heartbeat",{}]', null];
    writeFileSync(join(dataDir, `chargebench-${String(next).padStart(12, '0')}.journal`), `${next}\t${JSON.stringify(['message', frame])}\n`);

    const again = await BenchRecord.open(dataDir);
    try {
      expect(again.notices).toHaveLength(1);
      expect(again.notices[0]).toContain('The bench did not stop cleanly the last time it ran (it was killed, crashed, or the computer lost power), nor on a run before it');
      expect(again.notices[0]).toContain('3 charger connections open then (CP001, CP003, CP005) ended with it');
      for (const id of ['CP001', 'CP003', 'CP005']) expect(outcomes(again, id)).toEqual(['accepted', 'closed']);
      expect(outcomes(again, 'CP004')).toEqual(['accepted']);
    } finally {
      await again.close();
    }
    expect(existsSync(join(dataDir, PENDING_NOTE))).toBe(false);
  });
});
