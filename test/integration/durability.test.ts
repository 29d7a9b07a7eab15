// Nothing the bench has answered is lost when its process is killed: every answered frame (and the
// answer) is in the record after a SIGKILL in the middle of a burst and a restart.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { Bench } from '../../src/main/core/bench';

describe('durability of the record', () => {
  it('keeps every frame it answered when the process is killed mid-burst', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-kill-'));
    // Small journal segments, so the kill also lands after several segment changes.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/bench-process.ts', dataDir, '65536'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`bench exited ${code}`)));
      });
      const { port } = JSON.parse(line);
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ocpp/KILLME`, ['ocpp1.6']);
      await new Promise((r) => ws.once('open', r));
      const answered = new Set<string>();
      const killAfter = 1500;
      const exited = new Promise((r) => child.once('exit', r));
      ws.on('message', (data) => {
        const [type, id] = JSON.parse(String(data));
        expect(type).toBe(3);
        answered.add(id);
        if (answered.size === killAfter) child.kill('SIGKILL');
      });
      ws.on('error', () => {});
      for (let i = 0; i < 5000; i++) {
        ws.send(JSON.stringify(i % 2 ? [2, `hb${i}`, 'Heartbeat', {}] : [2, `st${i}`, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available', info: `n${i}` }]));
      }
      await exited;
      expect(answered.size).toBeGreaterThanOrEqual(killAfter);
      expect(readdirSync(dataDir).filter((f) => f.endsWith('.journal')).length).toBeGreaterThan(0);
      // Restarting the bench replays what the killed process had journaled but not yet put in SQLite.
      const again = await Bench.start({ dataDir, host: '127.0.0.1', port: 0 });
      await again.stop();
      expect(readdirSync(dataDir).filter((f) => f.endsWith('.journal'))).toEqual([]);

      const db = new Database(join(dataDir, 'chargebench.sqlite'), { readonly: true });
      const inbound = new Set((db.prepare("SELECT message_id FROM messages WHERE direction = 'in' AND kind = 'CALL'").all() as any[]).map((r) => r.message_id));
      const outbound = new Set((db.prepare("SELECT message_id FROM messages WHERE direction = 'out' AND kind = 'CALLRESULT'").all() as any[]).map((r) => r.message_id));
      const missing = [...answered].filter((id) => !inbound.has(id) || !outbound.has(id));
      expect(missing).toEqual([]);
      const statuses = (db.prepare('SELECT COUNT(*) AS n FROM status_history').get() as any).n;
      expect(statuses).toBeGreaterThanOrEqual([...answered].filter((id) => id.startsWith('st')).length);
      db.close();
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
