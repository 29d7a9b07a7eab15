// A connector -1 recorded before the bench refused it (handlers/StatusNotification.ts answers a
// PropertyConstraintViolation now) is not listed as one of the charger's connectors, in the list or on
// its own: OCPP 1.6 numbers connectors from 0 (the charger itself).
import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';

const dirs: string[] = [];
const records: BenchRecord[] = [];
afterEach(async () => {
  for (const r of records.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('leaves a stored connector -1 out of the charger views', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chargebench-connector-negative-'));
  dirs.push(dir);
  const db = new Database(databaseFile(dir));
  db.pragma('journal_mode = WAL');
  for (const m of migrations) db.exec(m);
  db.pragma(`user_version = ${migrations.length}`);
  const at = '2026-01-01T00:00:00.000Z';
  db.prepare('INSERT INTO chargers (id, first_seen, last_seen, registered) VALUES (?, ?, ?, ?)').run('RAW6', at, at, 0);
  const connector = db.prepare("INSERT INTO connectors (charger_id, connector_id, status, error_code, updated_at) VALUES ('RAW6', ?, 'Available', 'NoError', ?)");
  for (const id of [-1, 0, 1]) connector.run(id, at);
  db.close();

  const record = await BenchRecord.open(dir);
  records.push(record);
  expect(
    record.chargers
      .list()
      .find((c) => c.id === 'RAW6')
      ?.connectors.map((c) => c.connectorId),
  ).toEqual([0, 1]);
  expect(record.chargers.get('RAW6')?.connectors.map((c) => c.connectorId)).toEqual([0, 1]);
});
