// A full disk: the bench never answers what it could not record, raises one alarm (console, API, event)
// naming the data directory and what to do, takes up again by itself when space returns, and never hands
// out a transaction id twice, not even across a kill during the full disk.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { nodeIo, type JournalIo } from '../../../src/main/store/journal';
import { startTestBench, strictCharger, waitFor } from '../../helpers/bench';
import { CommissioningTemplate } from '../../../src/shared/api/commissioning';

/** The journal's file operations with a switch that makes every write fail as on a full disk. */
function fillableIo(): JournalIo & { full: boolean } {
  const io = {
    ...nodeIo,
    full: false,
    writeSync(fd: number, text: string): number {
      if (io.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return nodeIo.writeSync(fd, text);
    },
  };
  return io;
}

const now = () => new Date().toISOString();

describe('a full disk (injected into the journal)', () => {
  it('answers InternalError instead of what it cannot record, alarms once, recovers by itself, and keeps ids unique', async () => {
    const io = fillableIo();
    const alarms: string[] = [];
    const tb = await startTestBench({ journalIo: io, retryMs: 100, alarm: (l) => alarms.push(l) });
    try {
      const cp = await strictCharger(tb.wsUrl(), 'FULL1');
      await cp.connect();
      const first = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 0, timestamp: now() });
      expect(first.transactionId).toBeGreaterThan(0);

      io.full = true;
      const refused: string[] = [];
      for (let i = 0; i < 30; i++) {
        try {
          await cp.client.call(i % 2 ? 'Heartbeat' : 'StartTransaction', i % 2 ? {} : { connectorId: 2, idTag: `B${i}`, meterStart: 0, timestamp: now() });
          refused.push('answered');
        } catch (e) {
          refused.push((e as { rpcErrorCode?: string }).rpcErrorCode ?? String(e));
        }
      }
      // Nothing it could not record was answered as if it had been.
      expect(new Set(refused)).toEqual(new Set(['InternalError']));
      // One alarm, however many frames, naming the data directory and what to do.
      const alarmLines = alarms.filter((a) => a.includes('ALARM'));
      expect(alarmLines).toHaveLength(1);
      expect(alarmLines[0]).toContain(tb.dataDir);
      expect(alarmLines[0]).toMatch(/Free disk space/);
      const health = await tb.request('GET', '/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ ok: false, recording: 'diskFull', dataDir: tb.dataDir });
      // A user's write is refused at once with the same words, not left hanging.
      const settings = await tb.request('PATCH', '/api/settings', { heartbeatInterval: 60 });
      expect(settings.status).toBe(503);
      expect(settings.body.error).toContain('No space left');
      const op = await tb.request('POST', '/api/chargers/FULL1/operations/Reset', { type: 'Soft' });
      expect(op.status).toBe(503);

      io.full = false;
      await waitFor(async () => (await tb.request('GET', '/api/health')).status === 200, 5000);
      expect(alarms.filter((a) => a.includes('recording again'))).toHaveLength(1);
      const next = await cp.client.call('StartTransaction', { connectorId: 2, idTag: 'C', meterStart: 0, timestamp: now() });
      expect(next.transactionId).toBeGreaterThan(first.transactionId);

      // The refused calls are in the record too, with what was answered.
      const log = (await tb.request('GET', '/api/messages?chargerId=FULL1&limit=1000')).body as Array<{ direction: string; kind: string; raw: string }>;
      expect(log.filter((m) => m.direction === 'out' && m.kind === 'CALLERROR' && m.raw.includes('InternalError')).length).toBe(30);
      // Every transaction id in the record is unique, and none was left running by a refused start.
      const txs = (await tb.request('GET', '/api/transactions?chargerId=FULL1')).body as Array<{ transactionId: number; active: boolean }>;
      expect(new Set(txs.map((t) => t.transactionId)).size).toBe(txs.length);
      expect(
        txs
          .filter((t) => t.active)
          .map((t) => t.transactionId)
          .sort(),
      ).toEqual([first.transactionId, next.transactionId].sort());
      await cp.client.close();
    } finally {
      await tb.stop();
    }
  });

  it("does not say a commissioning's change is saved when the disk filled as it was written, and writes it once space returns", async () => {
    const io = fillableIo();
    const tb = await startTestBench({ journalIo: io, retryMs: 100, alarm: () => undefined });
    try {
      const template = CommissioningTemplate.parse({ name: 'Depot baseline', keys: { HeartbeatInterval: '300' } });
      io.full = true;
      // The first write meets the full disk itself (nothing had failed before it): refused, saying why.
      await expect(tb.bench.commissioning.saveTemplate(template)).rejects.toMatchObject({ status: 503, message: expect.stringContaining('No space left') });
      io.full = false;
      await waitFor(async () => (await tb.request('GET', '/api/health')).status === 200, 5000);
      await tb.bench.record.settled();
      expect(tb.bench.commissioning.templates().saved.map((t) => t.name)).toEqual(['Depot baseline']);
    } finally {
      await tb.stop();
    }
  });
});

/** A tmpfs of `bytes`, where this process may mount one (root); null elsewhere. */
function smallFilesystem(bytes: number): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'chargebench-smallfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const fs = smallFilesystem(6 * 1024 * 1024);

describe.skipIf(!fs)('a full disk (a real 6 MiB filesystem)', () => {
  it('never loses an answered frame or reuses a transaction id, across a kill -9 while the disk is full', { timeout: 60_000 }, async () => {
    const dataDir = join(fs!, 'data');
    mkdirSync(dataDir);
    const children: Array<import('node:child_process').ChildProcess> = [];
    const startBench = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/bench-process.ts', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`bench exited ${code}: ${err}`)));
      });
      return { child, port: JSON.parse(line).port as number, stderr: () => err };
    };
    try {
      let bench = await startBench();
      const cp = await strictCharger(`ws://127.0.0.1:${bench.port}/ocpp`, 'SMALL');
      await cp.connect();
      const answered: Array<{ id: number }> = [];
      let refusedAfterFull = 0;
      // Fill the disk to the last block, then leave a little room: the bench fills that itself.
      let filler = 0;
      for (const size of [256 * 1024, 4096]) {
        try {
          for (; ; filler++) writeFileSync(join(fs!, `filler-${filler}`), Buffer.alloc(size));
        } catch {
          filler++; // the one that failed may exist, partly written
        }
      }
      for (let f = filler - 1; f >= filler - 9; f--) rmSync(join(fs!, `filler-${f}`), { force: true });
      for (let i = 0; i < 5000 && refusedAfterFull < 20; i++) {
        try {
          const r = await cp.client.call('StartTransaction', { connectorId: 1, idTag: `T${i}`, meterStart: i, timestamp: now() });
          answered.push({ id: r.transactionId });
        } catch (e) {
          expect((e as { rpcErrorCode?: string }).rpcErrorCode).toBe('InternalError');
          refusedAfterFull++;
        }
      }
      expect(refusedAfterFull).toBe(20);
      expect(bench.stderr()).toContain('ALARM');
      expect(bench.stderr().match(/ALARM/g)!.length).toBe(1);
      // Killed while the disk is full; then space comes back and the bench starts again.
      bench.child.kill('SIGKILL');
      await new Promise((r) => bench.child.once('exit', r));
      await cp.client.close({ force: true });
      for (let f = 0; f < filler; f++) rmSync(join(fs!, `filler-${f}`), { force: true });
      bench = await startBench();
      const again = await strictCharger(`ws://127.0.0.1:${bench.port}/ocpp`, 'SMALL');
      await again.connect();
      const after = await again.client.call('StartTransaction', { connectorId: 1, idTag: 'AFTER', meterStart: 0, timestamp: now() });
      await again.client.close();
      const exited = new Promise((r) => bench.child.once('exit', r));
      bench.child.kill('SIGTERM');
      await exited;

      const db = new Database(join(dataDir, 'chargebench.sqlite'), { readonly: true });
      const ids = (db.prepare("SELECT id FROM transactions WHERE charger_id = 'SMALL'").all() as Array<{ id: number }>).map((r) => r.id);
      db.close();
      // Every id the charger was given is in the record, and the next one is new.
      for (const a of answered) expect(ids).toContain(a.id);
      expect(answered.map((a) => a.id)).not.toContain(after.transactionId);
      expect(after.transactionId).toBeGreaterThan(Math.max(...answered.map((a) => a.id)));
    } finally {
      for (const c of children) c.kill('SIGKILL');
      try {
        execFileSync('umount', ['-l', fs!], { stdio: 'ignore' });
        rmSync(fs!, { recursive: true, force: true });
      } catch {
        // left behind in the test machine's tmp
      }
    }
  });
});
