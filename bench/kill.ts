// `npm run bench:kill`: kill -9 under load, round after round, on one data directory. Each round starts
// the bench in its own process, has several chargers call it as fast as it answers (Heartbeat,
// StatusNotification, MeterValues and StartTransaction), kills it with SIGKILL at a random moment, and
// goes on with the next round on the same record, which first replays what the killed process had
// journaled. At the end it prints, per round and in all, the frames the bench answered, how many of them
// (with their answers) the record lacks, and transaction ids given out twice.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { Bench } from '../src/main/core/bench';
import { databaseFile } from '../src/main/store/database';
import { seededRandom } from '../test/helpers/random';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '6' }, chargers: { type: 'string', default: '10' }, seed: { type: 'string', default: '20261203' } } });
const rounds = Number(values.rounds);
const chargers = Number(values.chargers);
const random = seededRandom(Number(values.seed));
const root = join(import.meta.dirname, '..');
const now = () => new Date().toISOString();

/** One charger's load: calls pipelined 20 deep until the connection dies; the ids answered, and the transaction ids handed out. */
function load(port: number, id: string, round: number, answered: Set<string>, txIds: number[]): void {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ocpp/${id}`, ['ocpp1.6']);
  let n = 0;
  const next = () => {
    const mid = `r${round}-${id}-${n++}`;
    const frame =
      n % 50 === 0
        ? [2, mid, 'StartTransaction', { connectorId: 1, idTag: 'KILL', meterStart: n, timestamp: now() }]
        : n % 3 === 0
          ? [2, mid, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: n % 2 ? 'Charging' : 'Available' }]
          : n % 3 === 1
            ? [2, mid, 'MeterValues', { connectorId: 1, meterValue: [{ timestamp: now(), sampledValue: [{ value: String(n), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] }]
            : [2, mid, 'Heartbeat', {}];
    ws.send(JSON.stringify(frame));
  };
  ws.on('open', () => {
    for (let i = 0; i < 20; i++) next();
  });
  ws.on('message', (data) => {
    const [type, mid, payload] = JSON.parse(String(data)) as [number, string, { transactionId?: number }];
    if (type !== 3) return;
    answered.add(mid);
    if (payload?.transactionId !== undefined) txIds.push(payload.transactionId);
    if (ws.readyState === WebSocket.OPEN) next();
  });
  ws.on('error', () => {});
}

const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-bench-kill-'));
try {
  const perRound: Array<{ answered: Set<string>; killedAfterMs: number }> = [];
  const txIds: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    // Small journal segments, so kills also land around segment changes.
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/fixtures/bench-process.ts'), dataDir, String(1024 * 1024)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the bench exited (${code}) before listening`)));
    });
    const { port } = JSON.parse(line) as { port: number };
    const answered = new Set<string>();
    for (let c = 0; c < chargers; c++) load(port, `K${c}`, round, answered, txIds);
    const killedAfterMs = Math.round(1000 + random() * 3000);
    await new Promise((r) => setTimeout(r, killedAfterMs));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    perRound.push({ answered, killedAfterMs });
    console.log(`round ${round}: killed after ${killedAfterMs} ms with ${answered.size.toLocaleString('en')} frames answered`);
  }
  // The last kill's journal is replayed by a bench opening the record, as the user's next start would.
  await (await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0 })).stop();
  const db = new Database(databaseFile(dataDir), { readonly: true });
  const ids = (sql: string) => new Set((db.prepare(sql).all() as Array<{ message_id: string }>).map((r) => r.message_id));
  const inbound = ids("SELECT message_id FROM messages WHERE direction = 'in' AND kind = 'CALL'");
  const answers = ids("SELECT message_id FROM messages WHERE direction = 'out' AND kind = 'CALLRESULT'");
  const transactions = (db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM transactions').get() as { n: number; d: number }).n;
  db.close();
  let total = 0;
  let lost = 0;
  for (const [i, r] of perRound.entries()) {
    const missing = [...r.answered].filter((id) => !inbound.has(id) || !answers.has(id)).length;
    total += r.answered.size;
    lost += missing;
    console.log(`round ${i + 1}: ${r.answered.size.toLocaleString('en')} answered, ${missing} missing from the record`);
  }
  const reused = txIds.length - new Set(txIds).size;
  console.log(
    `kill -9: ${rounds} rounds, ${chargers} chargers, ${total.toLocaleString('en')} answered frames, ${lost} lost; ` +
      `${txIds.length} transaction ids handed out, ${reused} reused; ${transactions} transactions in the record`,
  );
  process.exitCode = lost || reused ? 1 : 0;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
