// After a bench that was killed (kill -9) and started again on the same data directory, the record tells
// the truth: chargers' last contact and last heartbeat are those of their last frames (not the coalesced
// times the killed process still held in memory), the connections it held open are recorded as closed at
// their last message (oldest close first), and /api/health says the bench did not stop cleanly. A clean stop
// says none of it. A connection left "open" by an older bench's kill, before the killed one started, is not
// one it held; a Heartbeat the bench refused (a CALLERROR, or no answer) is not its last heartbeat.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { startTestBench } from '../helpers/bench';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';
import { at } from '../fixtures/unclean-stop-process';
import { formatDateTimeWithZone } from '../../src/shared/format/time';
import type { ConnectionAttemptRecord } from '../../src/shared/records';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the fixture's record in its own process, then kills it (SIGKILL) or lets it close; returns the data directory. */
async function writeRecord(mode: 'kill' | 'clean'): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-unclean-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/unclean-stop-process.ts', dataDir, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const line = await Promise.race([
      new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
      exited.then((code) => Promise.reject(new Error(`the record process exited (${code}) before it was ready`))),
    ]);
    expect(line).toBe(mode === 'kill' ? 'ready' : 'closed');
    if (mode === 'kill') child.kill('SIGKILL');
    await exited;
  } finally {
    child.kill('SIGKILL');
  }
  return dataDir;
}

const linesOf = (all: ConnectionAttemptRecord[], chargerId: string) =>
  all
    .filter((a) => a.chargerId === chargerId)
    .reverse()
    .map((a) => ({ ts: a.ts, outcome: a.outcome, reason: a.reason }));

describe('a bench started again after it was killed', () => {
  it('has each charger last seen and last heartbeat at its last frames, its open connections closed, and a notice', { timeout: 60_000 }, async () => {
    const dataDir = await writeRecord('kill');
    // The killed process left its journal (a clean close deletes it).
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.journal')).length).toBeGreaterThan(0);
    const tb = await startTestBench({ dataDir });
    try {
      // Its newest frame from the charger (not the answer after it, nor the time written before the kill);
      // its newest Heartbeat answered (not the later ones refused with a CALLERROR or left unanswered).
      const cp1 = (await tb.request('GET', '/api/chargers/CP001')).body;
      expect(cp1).toMatchObject({ lastSeen: at(12.4), lastHeartbeat: at(2) });
      // Nothing came after what was written before the kill: as it was.
      expect((await tb.request('GET', '/api/chargers/CP002')).body).toMatchObject({ lastSeen: at(0.3), lastHeartbeat: at(0.3) });

      const attempts = (await tb.request('GET', '/api/connection-attempts')).body as ConnectionAttemptRecord[];
      const ended = 'Ended when the bench stopped without closing it (killed, crashed, or the computer lost power)';
      expect(linesOf(attempts, 'CP001')).toEqual([
        { ts: at(0), outcome: 'accepted', reason: null },
        { ts: at(12.892), outcome: 'closed', reason: `${ended}: its last message was at ${formatDateTimeWithZone(at(12.892))}` },
      ]);
      // Connected and silent since: closed when it connected, saying no message came.
      expect(linesOf(attempts, 'CP003')).toEqual([
        { ts: at(1.5), outcome: 'accepted', reason: null },
        { ts: at(1.5), outcome: 'closed', reason: `${ended}: no message came on it` },
      ]);
      // Closed before the kill: not closed again.
      expect(linesOf(attempts, 'CP002').map((l) => l.outcome)).toEqual(['accepted', 'closed']);
      // Accepted weeks before the killed process started (an older bench's kill left it so): not open then.
      expect(linesOf(attempts, 'CP004').map((l) => l.outcome)).toEqual(['accepted']);
      // The closes in time order: newest first, the list reads down in time.
      const closes = attempts.filter((a) => a.reason?.startsWith(ended));
      expect(closes.map((a) => [a.chargerId, a.ts])).toEqual([
        ['CP001', at(12.892)],
        ['CP003', at(1.5)],
      ]);

      const health = (await tb.request('GET', '/api/health')).body;
      expect(health.notices).toHaveLength(1);
      expect(health.notices[0]).toContain('The bench did not stop cleanly the last time it ran (it was killed, crashed, or the computer lost power)');
      expect(health.notices[0]).toContain(`; its last record is from ${formatDateTimeWithZone(at(12.892))}, and it stopped some time after that. `);
      expect(health.notices[0]).toContain('2 charger connections open then (CP001, CP003) ended with it');
      expect(health.notices[0]).toContain('Everything in its journal was put into the record');
    } finally {
      await tb.stop();
    }
    // Stopped cleanly this time: the next start finds nothing to say or mend.
    const again = await startTestBench({ dataDir });
    try {
      expect((await again.request('GET', '/api/health')).body.notices).toEqual([]);
      const attempts = (await again.request('GET', '/api/connection-attempts')).body as ConnectionAttemptRecord[];
      expect(attempts.filter((a) => a.outcome === 'closed').map((a) => a.chargerId)).toEqual(['CP001', 'CP003', 'CP002']);
    } finally {
      await again.stop();
    }
  });
});

describe('a bench started again after it was stopped cleanly', () => {
  it('adds no notice and closes no connection', { timeout: 60_000 }, async () => {
    const dataDir = await writeRecord('clean');
    const tb = await startTestBench({ dataDir });
    try {
      expect((await tb.request('GET', '/api/health')).body.notices).toEqual([]);
      const attempts = (await tb.request('GET', '/api/connection-attempts')).body as ConnectionAttemptRecord[];
      // As the record was left: the one close recorded before the stop, none added.
      expect(attempts.filter((a) => a.outcome === 'closed').map((a) => a.chargerId)).toEqual(['CP002']);
      // The close wrote the times it held.
      expect((await tb.request('GET', '/api/chargers/CP001')).body).toMatchObject({ lastSeen: at(12.4), lastHeartbeat: at(2) });
    } finally {
      await tb.stop();
    }
  });
});

describe('a journal a clean close left behind', () => {
  it('is replayed without a notice or a close: the bench before released its data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-unclean-'));
    dirs.push(dataDir);
    let record = await BenchRecord.open(dataDir);
    record.chargers.seenNow('CPX', at(0));
    record.connectionAttempts.add(at(0), 'CPX', '10.0.0.9', 'accepted', null);
    await record.close();
    // What a close leaves when SQLite could not take the last of the journal: an entry it does not hold yet.
    const db = new Database(databaseFile(dataDir));
    const next = (db.prepare('SELECT ingested_seq AS s FROM journal_state').get() as { s: number }).s + 1;
    db.close();
    const frame = [at(1), 'CPX', 'in', 'CALL', 'h1', 'Heartbeat', '[2,"h1","Heartbeat",{}]', null];
    writeFileSync(join(dataDir, `chargebench-${String(next).padStart(12, '0')}.journal`), `${next}\t${JSON.stringify(['message', frame])}\n`);
    record = await BenchRecord.open(dataDir);
    try {
      expect(record.notices).toEqual([]);
      expect(record.messages.list({ chargerId: 'CPX' }).map((m) => m.messageId)).toEqual(['h1']);
      expect(record.connectionAttempts.list().map((a) => a.outcome)).toEqual(['accepted']);
    } finally {
      await record.close();
    }
  });
});
