// GET /api/charger-events (chargerEvents:list) filtered by action, by the bench's warning note and by when
// received, in the store: a stray StopTransaction the bench noted long ago is found however many other
// events the charger sent since (the unfiltered newest 1,000 do not reach it); a bad filter is a 400
// naming the field.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBench, type TestBench } from '../helpers/bench';
import { seedRecord } from '../helpers/seeded-record';
import { databaseFile } from '../../src/main/store/database';

const stray = {
  warning: 'StopTransaction for transaction 1003, which the bench never started: not applied',
  request: { transactionId: 1003, meterStop: 5000, timestamp: '2030-01-01T10:30:00.000Z' },
  unknownTransaction: true,
};
let tb: TestBench;
const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-events-filter-'));

beforeAll(async () => {
  seedRecord(dataDir, (db) => {
    const add = db.prepare('INSERT INTO charger_events (charger_id, ts, action, data) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      add.run('CP1', '2030-01-01T09:00:00.000Z', 'StopTransaction', JSON.stringify({ ...stray, request: { ...stray.request, transactionId: 999 } }));
      add.run('CP1', '2030-01-01T10:30:00.000Z', 'StopTransaction', JSON.stringify(stray));
      add.run('CP2', '2030-01-01T10:31:00.000Z', 'StopTransaction', JSON.stringify(stray));
      // A MeterValues warning, and 1,200 events without one since.
      add.run('CP1', '2030-01-01T10:32:00.000Z', 'MeterValues', JSON.stringify({ warning: 'MeterValues for transaction 7, which is not the charger\u2019s own', request: {} }));
      for (let i = 0; i < 1200; i++) add.run('CP1', '2030-01-01T11:00:00.000Z', 'DataTransfer', JSON.stringify({ vendorId: 'V', data: String(i) }));
    })();
  });
  tb = await startTestBench({ dataDir });
});
afterAll(async () => {
  await tb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (query: string) => tb.request('GET', `/api/charger-events?${query}`);
const ids = (body: any[]) => body.map((e) => `${e.chargerId}:${e.action}:${e.data?.request?.transactionId ?? ''}`);

describe('the charger events filtered in the store', () => {
  it('finds an older stray StopTransaction beyond the newest 1,000 other events', async () => {
    const newest = await get('chargerId=CP1&limit=1000');
    expect(newest.status).toBe(200);
    expect((newest.body as any[]).some((e) => e.action === 'StopTransaction')).toBe(false);

    const stops = await get('chargerId=CP1&action=StopTransaction&limit=1000');
    expect(stops.status).toBe(200);
    expect(ids(stops.body)).toEqual(['CP1:StopTransaction:1003', 'CP1:StopTransaction:999']);
    expect(stops.body[0]).toMatchObject({ ts: '2030-01-01T10:30:00.000Z', data: stray });

    // Every charger's, and from a time on (the bench's clock; any offset).
    expect(ids((await get('action=StopTransaction')).body)).toEqual(['CP2:StopTransaction:1003', 'CP1:StopTransaction:1003', 'CP1:StopTransaction:999']);
    expect(ids((await get(`chargerId=CP1&action=StopTransaction&from=${encodeURIComponent('2030-01-01T11:00:00+01:00')}`)).body)).toEqual(['CP1:StopTransaction:1003']);
  });

  it('with warning=true, only those holding the bench\u2019s warning note; false, the others', async () => {
    const noted = await get('chargerId=CP1&warning=true');
    expect(noted.body.map((e: any) => e.action)).toEqual(['MeterValues', 'StopTransaction', 'StopTransaction']);
    const others = await get('chargerId=CP1&warning=false&limit=10000');
    expect(others.body).toHaveLength(1200);
    expect(others.body.every((e: any) => e.action === 'DataTransfer')).toBe(true);
  });

  it('answers 400 naming the field for a bad filter', async () => {
    for (const [query, field] of [
      ['warning=maybe', 'warning'],
      ['from=yesterday', 'from'],
      ['action=', 'action'],
      ['actions=StopTransaction', 'actions'],
    ] as const) {
      const r = await get(query);
      expect(r.status, query).toBe(400);
      expect(r.body.field, query).toBe(field);
      expect(r.body.error, query).toContain(`"${field}"`);
    }
  });

  it('reads one action through an index, with or without the charger', () => {
    const db = new Database(databaseFile(dataDir), { readonly: true });
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan('SELECT * FROM charger_events WHERE action = ? ORDER BY id DESC LIMIT 10', 'StopTransaction')).toMatch(/USING INDEX charger_events_by_action/);
    expect(plan('SELECT * FROM charger_events WHERE charger_id = ? AND action = ? ORDER BY id DESC LIMIT 10', 'CP1', 'StopTransaction')).toMatch(/USING INDEX charger_events_by_charger_action/);
    db.close();
  });
});
