// The record on a bad day: a second bench on the same data directory, damaged journal lines, a gap in
// the journal, a damaged database file, a writer thread that dies. Each is refused or reported with what
// to do, and nothing recorded is dropped silently.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Bench } from '../../../src/main/core/bench';
import { BenchRecord } from '../../../src/main/store/record';
import { databaseFile } from '../../../src/main/store/database';
import { segmentFiles } from '../../../src/main/store/journal';
import { waitFor } from '../../helpers/bench';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'chargebench-faults-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const frame = (i: number) => ({ direction: 'in' as const, kind: 'CALL' as const, messageId: `m${i}`, action: 'Heartbeat', raw: `[2,"m${i}","Heartbeat",{}]`, error: null });

describe('two benches on one data directory', () => {
  it('refuses the second, in this process or another, naming the one that holds it', async () => {
    const dataDir = tempDir();
    const first = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, face: 'chargebench serve' });
    try {
      await expect(Bench.start({ dataDir, host: '127.0.0.1', port: 0 })).rejects.toThrow(new RegExp(`${dataDir}.*in use by chargebench serve \\(process ${process.pid}`));
      const other = spawnSync(process.execPath, ['bin/chargebench.mjs', 'serve', '--host', '127.0.0.1', '--port', '0', '--api-port', '0', '--data-dir', dataDir], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(other.status).toBe(1);
      expect(other.stderr).toContain(`in use by chargebench serve (process ${process.pid}`);
      expect(other.stderr).toContain('another --data-dir');
    } finally {
      await first.stop();
    }
    // Once the first has stopped, the directory is free again.
    const again = await Bench.start({ dataDir, host: '127.0.0.1', port: 0 });
    await again.stop();
  });
});

describe('a damaged journal', () => {
  it('replays the good lines, moves the damaged ones aside, and names what is missing', async () => {
    const dataDir = tempDir();
    // A record whose journal was left behind by a killed process: write it, then take it away before close.
    let record = await BenchRecord.open(dataDir);
    for (let i = 0; i < 5; i++) {
      record.logFrame('CP1', frame(i), new Date().toISOString());
      record.writer.flush();
    }
    await record.settled();
    const [segment] = segmentFiles(dataDir);
    const text = readFileSync(segment, 'utf8');
    await record.close(); // closing deletes an ingested journal: put back what a crash would have left
    const lines = text.trim().split('\n');
    // Line 2 damaged, line 4 lost (a gap), a torn line at the end; and the record knows none of them yet.
    const damaged = [lines[0], lines[1].slice(0, 20) + '#garbage#', lines[2], lines[4], lines[4].replace(/^\d+/, String(lines.length + 1)).slice(0, 15)];
    writeFileSync(segment, `${damaged.join('\n')}`);
    const db = (await import('better-sqlite3')).default;
    const raw = new db(databaseFile(dataDir));
    raw.exec('UPDATE journal_state SET ingested_seq = 0; DELETE FROM messages; DELETE FROM chunks;');
    raw.close();

    record = await BenchRecord.open(dataDir);
    try {
      const notices = record.notices.join('\n');
      expect(notices).toMatch(/1 journal line was damaged.*moved aside to .*damaged/);
      expect(notices).toMatch(/Journal entries 2, 4 are missing/);
      expect(notices).toMatch(/incomplete line/);
      const aside = readdirSync(join(dataDir, 'damaged'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(dataDir, 'damaged', aside[0]), 'utf8')).toContain('#garbage#');
      // The good lines are in the record.
      expect(
        record.messages
          .list({ chargerId: 'CP1', limit: 100 })
          .map((m) => m.messageId)
          .sort(),
      ).toEqual(['m0', 'm2', 'm4'].sort());
    } finally {
      await record.close();
    }
  });
});

describe('a damaged database file', () => {
  it('refuses a database with a damaged page, saying what to do, and writes nothing to it', async () => {
    const dataDir = tempDir();
    const record = await BenchRecord.open(dataDir);
    for (let i = 0; i < 3000; i++) record.logFrame('CP1', frame(i), new Date().toISOString());
    await record.close();
    const file = databaseFile(dataDir);
    const before = statSync(file).size;
    expect(before).toBeGreaterThan(64 * 4096);
    // Overwrite a page in the middle with garbage, as a bad sector would.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 40 * 4096);
    closeSync(fd);
    await expect(Bench.start({ dataDir, host: '127.0.0.1', port: 0 })).rejects.toThrow(/is damaged .*will not write to a damaged record.*another --data-dir.*\.recover/s);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('refuses a file that is not a database at all', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'chargebench.sqlite'), 'this is not SQLite'.repeat(300));
    await expect(BenchRecord.open(dataDir)).rejects.toThrow(/damaged \(it is not an SQLite database/);
  });
});

describe('the writer thread', () => {
  it('is started again when it dies, and everything journaled meanwhile goes into the record', async () => {
    const dataDir = tempDir();
    const record = await BenchRecord.open(dataDir);
    const problems: Array<string | null> = [];
    record.writer.onProblem = (p) => problems.push(p?.kind ?? null);
    try {
      for (let i = 0; i < 100; i++) record.logFrame('CP1', frame(i), new Date().toISOString());
      record.writer.flush();
      await (record.writer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      for (let i = 100; i < 200; i++) record.logFrame('CP1', frame(i), new Date().toISOString());
      record.writer.flush();
      await waitFor(() => problems.includes(null), 5000);
      await record.settled();
      expect(problems).toEqual(['writerRestarting', null]);
      expect(record.messages.list({ chargerId: 'CP1', limit: 1000 })).toHaveLength(200);
    } finally {
      await record.close();
    }
  });
});

/** Every directory (with a trailing /) and file under a directory, the directory itself first, with its permission bits. */
function modesUnder(dir: string, name = './'): Array<[string, number]> {
  const out: Array<[string, number]> = [[name, statSync(dir).mode & 0o777]];
  for (const f of readdirSync(dir)) {
    const st = statSync(join(dir, f));
    if (st.isDirectory()) out.push(...modesUnder(join(dir, f), `${name}${f}/`));
    else out.push([`${name}${f}`, st.mode & 0o777]);
  }
  return out;
}

describe('secrets at rest', () => {
  it('creates the data directory and its files readable by their owner only', async () => {
    if (process.platform === 'win32') return;
    const dataDir = join(tempDir(), 'new');
    const bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0 });
    try {
      bench.record.logFrame('CP1', frame(1), new Date().toISOString());
      // A hosted file: its copy and the list holding its FTP credentials.
      await bench.files.store(Readable.from([Buffer.from('firmware')]), 'fw.bin');
      await bench.record.settled();
      expect(modesUnder(dataDir).filter(([f]) => f.includes('files'))).not.toEqual([]);
      for (const [f, mode] of modesUnder(dataDir)) expect([f, mode]).toEqual([f, f.endsWith('/') ? 0o700 : 0o600]);
    } finally {
      await bench.stop();
    }
  });

  it('keeps existing record files private too', async () => {
    if (process.platform === 'win32') return;
    const dataDir = tempDir();
    const file = join(dataDir, 'chargebench.sqlite');
    appendFileSync(file, '');
    const { chmodSync, mkdirSync, writeFileSync } = await import('node:fs');
    chmodSync(file, 0o644);
    // As an older version left it: the directory and a hosted file's folder open to all.
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'files', 'abc'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, 'files', 'hosted.json'), '[]', { mode: 0o644 });
    const record = await BenchRecord.open(dataDir);
    await record.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const [f, mode] of modesUnder(dataDir)) expect([f, mode]).toEqual([f, f.endsWith('/') ? 0o700 : 0o600]);
  });
});

describe('a journal left by an older version', () => {
  it('replays writes named by position (as older versions wrote them) onto the right statements', async () => {
    const dataDir = tempDir();
    await (await BenchRecord.open(dataDir)).close();
    // Position 0 was "message", 13 "attempt" in the order older versions numbered their writes.
    const ts = new Date().toISOString();
    const line = JSON.stringify([0, [ts, 'OLD1', 'in', 'CALL', 'm1', 'Heartbeat', '[2,"m1","Heartbeat",{}]', null], 13, [ts, 'OLD1', '10.0.0.1', 'accepted', null]]);
    const Db = (await import('better-sqlite3')).default;
    const db = new Db(databaseFile(dataDir));
    const next = (db.prepare('SELECT ingested_seq AS s FROM journal_state').get() as { s: number }).s + 1;
    db.close();
    writeFileSync(join(dataDir, `chargebench-${String(next).padStart(12, '0')}.journal`), `${next}\t${line}\n`);
    const record = await BenchRecord.open(dataDir);
    try {
      expect(record.messages.list({ chargerId: 'OLD1' }).map((m) => m.messageId)).toEqual(['m1']);
      expect(record.connectionAttempts.list().map((a) => a.chargerId)).toEqual(['OLD1']);
    } finally {
      await record.close();
    }
  });
});
