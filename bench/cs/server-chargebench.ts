// Benchmark child: runs ChargeBench's central system (Bench.start: validation and SQLite logging of every
// frame) in its own process, reports its port and RSS over IPC, and counts the frames persisted on stop.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { ApiServer } from '../../src/main/api-server/server';
import { threadCpuMs } from '../thread-cpu';
import { exitWithParent, toParent, type ParentToServer, type PersistedFrames, type ServerToParent } from './ipc';

const send = (m: ServerToParent): Promise<void> => toParent(m);

function stats(): ServerToParent {
  const cpu = process.cpuUsage();
  return { type: 'stats', rss: process.memoryUsage().rss, cpuUs: cpu.user + cpu.system, atUs: Number(process.hrtime.bigint() / 1000n) };
}

/** Opens the record file afresh, read-only, after the bench closed it: what is on disk. */
function countPersisted(dataDir: string): PersistedFrames {
  const db = new Database(join(dataDir, 'chargebench.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const frames = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    const flagged = (db.prepare('SELECT count(*) AS n FROM messages WHERE error IS NOT NULL').get() as { n: number }).n;
    const byKind: Record<string, number> = {};
    for (const r of db.prepare('SELECT kind, count(*) AS n FROM messages GROUP BY kind').all() as Array<{ kind: string; n: number }>) byKind[r.kind] = r.n;
    // A row per reading, its sampled values packed in it as [shape, value, ...].
    const meterValues = (db.prepare('SELECT coalesce(sum(json_array_length(samples)), 0) / 2 AS n FROM meter_values').get() as { n: number }).n;
    const file = join(dataDir, 'chargebench.sqlite');
    const size = (f: string): number => {
      try {
        return statSync(f).size;
      } catch {
        return 0;
      }
    };
    return { frames, flagged, byKind, meterValues, dbBytes: size(file) + size(`${file}-wal`) };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  exitWithParent();
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: server-chargebench.ts <dataDir> [--api]');
  const bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0 });
  // --api: serve mode's HTTP API as well, for the reads measured while the chargers load the bench.
  const apiToken = `bench-${process.pid}`;
  const api = process.argv.includes('--api') ? new ApiServer(bench, { host: '127.0.0.1', port: 0, token: apiToken }) : null;
  const apiPort = api ? (await api.start()).port : undefined;
  // How long the protocol's thread kept anything waiting (answers, API calls): said when the bench stops.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  // Where the CPU went, per thread (Linux: the protocol's main thread, the record's writer thread at nice 10,
  // the rest: V8's helpers, libuv), and whether back-pressure held answers back (the writer fell behind).
  const cpuAtStart = process.platform === 'linux' ? threadCpuMs() : [];
  let maxHeld = 0;
  let maxBacklog = 0;
  const pressure = setInterval(() => {
    const p = bench.record.writer.pressure;
    maxHeld = Math.max(maxHeld, p.heldAnswers);
    maxBacklog = Math.max(maxBacklog, p.backlogBytes);
  }, 50);
  pressure.unref();
  const threadWords = (): string => {
    if (process.platform !== 'linux') return 'per-thread CPU: Linux only';
    const before = new Map(cpuAtStart.map((t) => [t.tid, t.ms]));
    let protocol = 0;
    let writer = 0;
    let other = 0;
    for (const t of threadCpuMs()) {
      const ms = t.ms - (before.get(t.tid) ?? 0);
      if (t.tid === process.pid) protocol += ms;
      else if (t.nice === 10) writer += ms;
      else other += ms;
    }
    return `CPU s: protocol thread ${(protocol / 1000).toFixed(2)}, writer thread ${(writer / 1000).toFixed(2)}, other threads ${(other / 1000).toFixed(2)}`;
  };
  process.on('message', (m: ParentToServer) => {
    if (m.type === 'stats') void send(stats());
    else if (m.type === 'stop') {
      loop.disable();
      const ms = (ns: number): string => (ns / 1e6).toFixed(1);
      console.log(`bench:cs:   ChargeBench's event loop delay over the run: p50 ${ms(loop.percentile(50))} ms, p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms`);
      console.log(`bench:cs:   ChargeBench's ${threadWords()}; back-pressure: at most ${maxHeld} answers held, backlog at most ${(maxBacklog / 1048576).toFixed(1)} MiB`);
      void (async () => {
        await api?.stop();
        await bench.stop();
        await send({ type: 'stopped', persisted: countPersisted(dataDir) });
        process.exit(0);
      })().catch((e: Error) => send({ type: 'failed', message: e.stack ?? e.message }).then(() => process.exit(1)));
    }
  });
  await send({ type: 'ready', port: bench.centralSystem.address().port, apiPort, apiToken: api ? apiToken : undefined });
}

main().catch((e: Error) => send({ type: 'failed', message: e.stack ?? e.message }).then(() => process.exit(1)));
