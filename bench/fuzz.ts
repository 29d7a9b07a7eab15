// `npm run bench:fuzz`: a hostile day for the central system. `chargebench serve` in its own process takes
// mutated frames of every charge-point action (fixed seed; deep nesting, huge and odd numbers, unicode,
// wrong types, missing and unknown fields, broken framing) from several connections, while a good
// ocpp-rpc strict charger keeps calling beside them. Prints frames sent, crashes, CALLs unanswered,
// answers with a code outside the spec, disagreements with ocpp-rpc's validator of the official schemas,
// the good charger's answer times and the bench's RSS.
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { strictCharger } from '../test/helpers/bench';
import { startServe } from '../test/helpers/serve';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '100000' }, connections: { type: 'string', default: '8' }, seed: { type: 'string', default: '20261202' } } });
const total = Number(values.frames);
const connections = Number(values.connections);
const seed = Number(values.seed);
const rssMb = (pid: number): number => Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;

const srv = await startServe();
try {
  const good = await strictCharger(`ws://127.0.0.1:${srv.port}/ocpp`, 'GOOD');
  await good.connect();
  const each = Math.ceil(total / connections);
  type Sent = { seconds: number; frames: number; deep: number; calls: number; unanswered: number; wrongCodes: number; disagreements: number; examples: string[] };
  const workers = Array.from(
    { length: connections },
    (_, c) => new Worker(new URL('./fuzz/sender-entry.mjs', import.meta.url), { workerData: { url: `ws://127.0.0.1:${srv.port}/ocpp/FUZZ${c}`, seed: seed + c, count: each, prefix: `F${c}` } }),
  );
  const finished = workers.map(
    (w) =>
      new Promise<Sent>((resolve, reject) => {
        w.on('message', (m: Sent | { ready: true }) => 'calls' in m && resolve(m));
        w.once('error', reject);
      }),
  );
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const latencies: number[] = [];
  const slow: string[] = [];
  let goAt = performance.now();
  let running = true;
  let goodFailures = 0;
  let maxRss = 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(srv.child.pid!))), 500);
  const goodLoop = (async () => {
    for (let n = 0; running; n++) {
      const t = performance.now();
      try {
        if (n % 2) await good.client.call('Heartbeat', {});
        else await good.client.call('MeterValues', { connectorId: 1, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: String(n) }] }] });
        latencies.push(performance.now() - t);
        if (performance.now() - t > 500) slow.push(`${((t - goAt) / 1000).toFixed(1)} s: ${(performance.now() - t).toFixed(0)} ms`);
      } catch (e) {
        goodFailures++;
        slow.push(`${((t - goAt) / 1000).toFixed(1)} s: failed after ${(performance.now() - t).toFixed(0)} ms: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  goAt = performance.now();
  for (const w of workers) w.postMessage('go');
  const results = await Promise.all(finished);
  running = false;
  await goodLoop;
  clearInterval(sampler);
  const alive = srv.child.exitCode === null;
  const sum = (k: 'frames' | 'deep' | 'calls' | 'unanswered' | 'wrongCodes' | 'disagreements') => results.reduce((n, r) => n + r[k], 0);
  const [frames, deep, calls, unanswered, wrongCodes, disagreements] = (['frames', 'deep', 'calls', 'unanswered', 'wrongCodes', 'disagreements'] as const).map(sum);
  for (const r of results) for (const e of r.examples) console.log(`  e.g. ${e}`);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  const seconds = Math.max(...results.map((r) => r.seconds));
  const health = (await (await fetch(`${srv.origin}/api/health`, { headers: { Authorization: `Bearer ${srv.token}` } })).json()) as { connections: Record<string, number> };
  console.log(`bench:fuzz: ${frames} frames from ${connections} connections in ${seconds.toFixed(1)} s (${Math.round(frames / seconds)} frames/s), ${deep} deeply nested`);
  console.log(`  process alive afterwards      ${alive ? 'yes (0 crashes)' : 'NO'}`);
  console.log(`  CALLs with a readable id      ${calls}, unanswered ${unanswered}`);
  console.log(`  answers outside the spec      ${wrongCodes} (a code not in OCPP-J, or InternalError)`);
  console.log(`  disagreements with ocpp-rpc   ${disagreements} (valid per the official schemas but refused, or the other way round)`);
  console.log(`  good charger beside it        ${latencies.length} calls, ${goodFailures} failed, p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${q(1).toFixed(1)} ms`);
  console.log(`  bench RSS                     max ${maxRss.toFixed(0)} MB; garbage senders slowed ${health.connections.throttled} times`);
  if (slow.length) console.log(`  slow answers to the good charger (since go): ${slow.join('; ')}`);
  await good.client.close();
} finally {
  await srv.stop();
}
