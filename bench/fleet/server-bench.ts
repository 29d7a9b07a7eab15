// Fleet benchmark child: ChargeBench's central system (Bench.start, validation and recording of every
// frame) in its own process, heartbeat interval 30 s, idTags accepted. Reports its port, how many
// chargers it holds, its RSS and event-loop delay over IPC; counts what it recorded on stop.
// Arguments: <dataDir> <heartbeatInterval s>.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Bench } from '../../src/main/core/bench';
import { exitWithParent, toParent, type BenchToParent, type ParentToBench, type PersistedCounts } from './ipc';

const send = (m: BenchToParent): Promise<void> => toParent(m);
const LOOP_RESOLUTION_MS = 10;
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
/** The histogram holds the time between its timer's ticks: the delay is what exceeds the resolution. */
const ms = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

function countPersisted(dataDir: string): PersistedCounts {
  const db = new Database(join(dataDir, 'chargebench.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    return {
      frames: n('SELECT count(*) AS n FROM messages'),
      flagged: n('SELECT count(*) AS n FROM messages WHERE error IS NOT NULL'),
      meterValues: n('SELECT coalesce(sum(json_array_length(samples)), 0) / 2 AS n FROM meter_values'),
      transactions: n('SELECT count(*) AS n FROM transactions'),
    };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  exitWithParent();
  const [dataDir, heartbeat] = process.argv.slice(2);
  if (!dataDir || !heartbeat) throw new Error('usage: server-bench.ts <dataDir> <heartbeatInterval s>');
  const bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0 });
  const settings = await bench.settings.update({ heartbeatInterval: Number(heartbeat), authorization: 'acceptAll' });
  loop.enable();
  process.on('message', (m: ParentToBench) => {
    if (m.type === 'stats') {
      void send({
        type: 'stats',
        connected: bench.centralSystem.connectedChargers().length,
        rss: process.memoryUsage().rss,
        loop: { p50Ms: ms(loop.percentile(50)), p99Ms: ms(loop.percentile(99)), maxMs: ms(loop.max) },
      });
    } else if (m.type === 'holdStart') {
      loop.reset();
      void send({ type: 'holdStarted' });
    } else if (m.type === 'stop') {
      void (async () => {
        const t0 = performance.now();
        await bench.stop();
        const stopMs = performance.now() - t0;
        let persisted: PersistedCounts | null = null;
        try {
          persisted = countPersisted(dataDir);
        } catch (e) {
          process.stderr.write(`bench:fleet: counting the record failed: ${(e as Error).message}\n`);
        }
        await send({ type: 'stopped', persisted, stopMs });
        process.exit(0);
      })().catch((e: Error) => send({ type: 'failed', message: e.stack ?? e.message }).then(() => process.exit(1)));
    }
  });
  await send({ type: 'ready', port: bench.centralSystem.address().port, heartbeatInterval: settings.heartbeatInterval, authorization: settings.authorization });
}

main().catch((e: Error) => send({ type: 'failed', message: e.stack ?? e.message }).then(() => process.exit(1)));
