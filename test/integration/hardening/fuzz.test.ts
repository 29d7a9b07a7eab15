// No frame ends the bench. Thousands of mutated frames of every charge-point action (fixed seed) from
// several connections, beside a well-behaved strict charger, against `chargebench serve` in its own
// process: it lives, every CALL whose id can be read gets an answer with one of the spec's codes, the
// answer agrees with ocpp-rpc's validator of the official schemas on valid versus invalid, every frame is
// in the record, and the good charger is answered throughout.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { fuzzFrames, specErrorCodes, validPerSchema, type FuzzFrame } from '../../helpers/fuzz-frames';
import { strictCharger } from '../../helpers/bench';
import { startServe } from '../../helpers/serve';

const SEED = 20261202;
const CONNECTIONS = 4;
const FRAMES_EACH = 1_000;

async function fuzzFrom(url: string, frames: FuzzFrame[]): Promise<Map<string, unknown[]>> {
  const ws = new WebSocket(url, ['ocpp1.6']);
  const replies = new Map<string, unknown[]>();
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const ids = new Set(frames.filter((f) => f.id !== null).map((f) => f.id!));
  const expected = ids.size;
  const done = new Promise<void>((resolve) => {
    let answered = 0;
    ws.on('message', (data) => {
      const reply = JSON.parse(String(data)) as unknown[];
      const id = String(reply[1]);
      if (ids.has(id) && !replies.has(id)) answered++;
      replies.set(id, reply);
      if (answered >= expected) resolve();
    });
    ws.once('close', () => resolve());
  });
  // Bursts of 20 frames every few milliseconds: a hostile charger at full speed, without starving this
  // test process (which also runs the good charger whose answer times are measured).
  for (let i = 0; i < frames.length; i++) {
    ws.send(frames[i].text);
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.race([done, new Promise((r) => setTimeout(r, 60_000))]);
  ws.close();
  return replies;
}

describe('fuzzing the central system', () => {
  it('survives mutated frames of every action beside a good charger, answering each with a spec code', { timeout: 180_000 }, async () => {
    const srv = await startServe();
    // Made before the clock starts: making them takes this process a while.
    const batches = Array.from({ length: CONNECTIONS }, (_, c) => fuzzFrames(SEED + c, FRAMES_EACH, `F${c}`));
    try {
      const good = await strictCharger(`ws://127.0.0.1:${srv.port}/ocpp`, 'GOOD');
      await good.connect();
      const latencies: number[] = [];
      let fuzzing = true;
      const goodLoop = (async () => {
        let n = 0;
        while (fuzzing) {
          const t = performance.now();
          if (n % 3 === 0) await good.client.call('Heartbeat', {});
          else if (n % 3 === 1) await good.client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
          else await good.client.call('MeterValues', { connectorId: 1, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: String(n) }] }] });
          latencies.push(performance.now() - t);
          n++;
        }
      })();

      const replies = await Promise.all(batches.map((frames, c) => fuzzFrom(`ws://127.0.0.1:${srv.port}/ocpp/FUZZ${c}`, frames)));
      fuzzing = false;
      await goodLoop;
      // Frames over the size limit: only their own connection is closed (1009).
      const oversize = new WebSocket(`ws://127.0.0.1:${srv.port}/ocpp/FUZZBIG`, ['ocpp1.6']);
      await new Promise((r) => oversize.once('open', r));
      const closed = new Promise<number>((r) => oversize.once('close', (code) => r(code)));
      oversize.send(JSON.stringify([2, 'big', 'DataTransfer', { vendorId: 'x', data: 'y'.repeat(5 * 1024 * 1024) }]));
      expect(await closed).toBe(1009);

      // The process lives and still answers a newcomer.
      expect(srv.child.exitCode).toBeNull();
      const after = await strictCharger(`ws://127.0.0.1:${srv.port}/ocpp`, 'AFTER');
      await after.connect();
      expect(await after.client.call('Heartbeat', {})).toHaveProperty('currentTime');
      await after.client.close();

      let calls = 0;
      let deep = 0;
      const unanswered: string[] = [];
      const wrongCodes: string[] = [];
      const disagreements: string[] = [];
      batches.forEach((frames, c) => {
        for (const f of frames) {
          if (f.mutations.some((m) => m.startsWith('deep'))) deep++;
          if (f.id === null) continue;
          calls++;
          const reply = replies[c].get(f.id);
          if (!reply) {
            unanswered.push(`${f.id} (${f.mutations.join(', ')})`);
            continue;
          }
          if (reply[0] === 4 && !specErrorCodes.has(String(reply[2]))) wrongCodes.push(`${f.id}: ${String(reply[2])}`);
          if (reply[0] === 4 && reply[2] === 'InternalError') wrongCodes.push(`${f.id}: InternalError for ${f.mutations.join(', ')}: ${String(reply[3])}`);
          const valid = validPerSchema(f.text);
          if (valid !== (reply[0] === 3))
            disagreements.push(`${f.id} ${f.action} (${f.mutations.join(', ')}): ocpp-rpc says ${valid ? 'valid' : 'invalid'}, the bench answered ${JSON.stringify(reply).slice(0, 160)}`);
        }
      });
      latencies.sort((a, b) => a - b);
      const p99 = latencies[Math.floor(latencies.length * 0.99)];
      console.log(
        `fuzz: ${calls} CALLs with a readable id of ${CONNECTIONS * FRAMES_EACH} frames (${deep} deeply nested), ${unanswered.length} unanswered, ${wrongCodes.length} wrong codes, ${disagreements.length} disagreements with ocpp-rpc; good charger ${latencies.length} calls, p99 ${p99.toFixed(1)} ms`,
      );
      expect(unanswered).toEqual([]);
      expect(wrongCodes).toEqual([]);
      expect(disagreements).toEqual([]);
      expect(deep).toBeGreaterThan(100);
      expect(good.violations).toEqual([]);
      expect(latencies.length).toBeGreaterThan(10);
      await good.client.close();

      await srv.stop(true);
      // Every frame is in the record, a huge one cut short but marked so.
      const db = new Database(`${srv.dataDir}/chargebench.sqlite`, { readonly: true });
      for (let c = 0; c < CONNECTIONS; c++) {
        const n = (db.prepare("SELECT COUNT(*) AS n FROM messages WHERE charger_id = ? AND direction = 'in'").get(`FUZZ${c}`) as { n: number }).n;
        expect(n).toBe(FRAMES_EACH);
      }
      const big = db.prepare("SELECT reason FROM connection_attempts WHERE charger_id = 'FUZZBIG' AND outcome = 'closed'").get() as { reason: string };
      expect(big.reason).toContain('1009');
      const longest = (db.prepare("SELECT MAX(LENGTH(raw)) AS n FROM messages WHERE charger_id LIKE 'FUZZ%'").get() as { n: number }).n;
      expect(longest).toBeLessThan(70 * 1024);
      db.close();
    } finally {
      await srv.stop();
    }
  });
});
