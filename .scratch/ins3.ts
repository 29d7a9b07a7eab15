import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
const raw = `[2,"123456-abcdef","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2026-11-21T20:00:00.000Z","sampledValue":[{"value":"1234","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]`;
function run(name: string, schema: string, sql: string, rowFor: (k: number) => unknown[]) {
  const dir = mkdtempSync('/tmp/db-');
  const db = new Database(join(dir, 'x.sqlite'));
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); db.pragma('cache_size = -65536');
  db.exec(schema);
  const st = db.prepare(sql);
  const N = 400_000, B = 20000;
  const rows = Array.from({ length: B }, (_, i) => rowFor(i));
  const tx = db.transaction(() => { for (let i = 0; i < B; i++) st.run(rows[i]); });
  const t0 = process.hrtime.bigint();
  for (let b = 0; b < N; b += B) tx();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(name.padEnd(30), (ms / N * 1000).toFixed(2), 'us/row');
  db.close();
}
const iso = new Date().toISOString();
for (let rep = 0; rep < 2; rep++) {
run('text', `CREATE TABLE m (id INTEGER PRIMARY KEY, ts TEXT NOT NULL, charger_id TEXT NOT NULL, direction TEXT NOT NULL, kind TEXT NOT NULL, message_id TEXT, action TEXT, raw TEXT NOT NULL, error TEXT);`,
  'INSERT INTO m (ts, charger_id, direction, kind, message_id, action, raw, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', (k) => [iso, `BENCH${k % 500}`, 'in', 'CALLRESULT', `${k}-abcdef`, 'MeterValues', raw, null]);
run('compact', `CREATE TABLE m (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, charger_id TEXT NOT NULL, kind INTEGER NOT NULL, message_id TEXT, action TEXT, raw TEXT NOT NULL, error TEXT);`,
  'INSERT INTO m (ts, charger_id, kind, message_id, action, raw, error) VALUES (?, ?, ?, ?, ?, ?, ?)', (k) => [Date.now(), `BENCH${k % 500}`, 13, `${k}-abcdef`, 'MeterValues', raw, null]);
run('raw only', `CREATE TABLE m (id INTEGER PRIMARY KEY, raw TEXT NOT NULL);`, 'INSERT INTO m (raw) VALUES (?)', () => [raw]);
}
