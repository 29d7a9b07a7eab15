// The record on disk: WAL, schema version, everything kept across a restart, and a clear refusal of a
// database written by a newer ChargeBench.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { databaseFile, openDatabase, PAGE_SIZE, schemaVersion } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';
import { rawCharger, startTestBench, strictCharger } from '../helpers/bench';

describe('the record', () => {
  it('keeps chargers, transactions, settings and the log across a restart, and continues transaction ids', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-restart-'));
    try {
      let tb = await startTestBench({ dataDir });
      let cp = await strictCharger(tb.wsUrl(), 'CP-KEEP');
      await cp.connect();
      await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
      const first = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'KEEP', meterStart: 5, timestamp: new Date().toISOString() });
      await tb.request('PATCH', '/api/settings', { heartbeatInterval: 42 });
      await tb.request('PATCH', '/api/chargers/CP-KEEP', { bootPolicy: 'Pending' });
      await cp.client.close();
      await tb.stop();

      tb = await startTestBench({ dataDir });
      const charger = (await tb.request('GET', '/api/chargers/CP-KEEP')).body;
      expect(charger).toMatchObject({ connected: false, bootPolicy: 'Pending', boot: { chargePointVendor: 'V' } });
      expect((await tb.request('GET', '/api/messages?chargerId=CP-KEEP')).body.length).toBe(4);
      cp = await strictCharger(tb.wsUrl(), 'CP-KEEP');
      await cp.connect();
      const boot = await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
      expect(boot).toMatchObject({ status: 'Pending', interval: 42 });
      // The transaction from before the restart is still running: its tag is busy, and ids continue.
      const second = await cp.client.call('StartTransaction', { connectorId: 2, idTag: 'KEEP', meterStart: 0, timestamp: new Date().toISOString() });
      expect(second).toMatchObject({ transactionId: first.transactionId + 1, idTagInfo: { status: 'ConcurrentTx' } });
      await cp.client.close();
      await tb.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("shows a charger's last heartbeat at once and keeps the latest across a restart (written every few seconds, not per Heartbeat)", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-heartbeat-'));
    try {
      let tb = await startTestBench({ dataDir });
      const cp = await strictCharger(tb.wsUrl(), 'CP-BEAT');
      await cp.connect();
      await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
      const before = new Date().toISOString();
      await cp.client.call('Heartbeat', {});
      const first = (await tb.request('GET', '/api/chargers/CP-BEAT')).body.lastHeartbeat;
      expect(first >= before).toBe(true);
      await new Promise((r) => setTimeout(r, 5));
      await cp.client.call('Heartbeat', {});
      const latest = (await tb.request('GET', '/api/chargers/CP-BEAT')).body.lastHeartbeat;
      expect(latest > first).toBe(true);
      expect((await tb.request('GET', '/api/chargers')).body.find((c: { id: string }) => c.id === 'CP-BEAT').lastHeartbeat).toBe(latest);
      await cp.client.close();
      await tb.stop();

      tb = await startTestBench({ dataDir });
      try {
        expect((await tb.request('GET', '/api/chargers/CP-BEAT')).body.lastHeartbeat).toBe(latest);
      } finally {
        await tb.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("finds one charger's frames and one transaction's meter values among many, page by page", async () => {
    const tb = await startTestBench();
    try {
      const a = await strictCharger(tb.wsUrl(), 'CP-A');
      const b = await strictCharger(tb.wsUrl(), 'CP-B');
      await Promise.all([a.connect(), b.connect()]);
      const { transactionId } = await a.client.call('StartTransaction', { connectorId: 2, idTag: 'MV', meterStart: 0, timestamp: new Date().toISOString() });
      for (let i = 0; i < 30; i++) {
        const mv = (v: number, connectorId: number, tx?: number) => ({
          connectorId,
          ...(tx ? { transactionId: tx } : {}),
          meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: String(v) }] }],
        });
        await Promise.all([a.client.call('MeterValues', mv(i, 2, transactionId)), b.client.call('MeterValues', mv(1000 + i, 1)), b.client.call('Heartbeat', {})]);
        // Let some rounds land in separate writer batches.
        if (i % 7 === 0) await tb.request('GET', '/api/chargers');
      }
      const page1 = (await tb.request('GET', '/api/messages?chargerId=CP-A&limit=25')).body as any[];
      const page2 = (await tb.request('GET', `/api/messages?chargerId=CP-A&limit=100&beforeId=${page1[24].id}`)).body as any[];
      const all = [...page1, ...page2];
      expect(all).toHaveLength(62); // 31 calls, each a CALL and a CALLRESULT
      expect(all.every((m) => m.chargerId === 'CP-A')).toBe(true);
      expect(all.map((m) => m.id)).toEqual([...all.map((m) => m.id)].sort((x, y) => y - x));
      expect((await tb.request('GET', '/api/messages?chargerId=CP-B&action=Heartbeat&limit=1000')).body).toHaveLength(60);
      const tx = (await tb.request('GET', `/api/transactions/${transactionId}`)).body;
      expect(tx.meterValues.map((m: any) => m.value)).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
      const bValues = (await tb.request('GET', '/api/chargers/CP-B/meter-values?connectorId=1&limit=5')).body as any[];
      expect(bValues.map((m) => m.value)).toEqual(['1029', '1028', '1027', '1026', '1025']);
      expect((await tb.request('GET', '/api/chargers/CP-A/meter-values?connectorId=1')).body).toEqual([]);
      await Promise.all([a.client.close(), b.client.close()]);
    } finally {
      await tb.stop();
    }
  });

  it('keeps the journal small: segments are deleted once their frames are in SQLite', async () => {
    const tb = await startTestBench({ journalSegmentBytes: 4096 });
    try {
      const cp = await rawCharger(tb.wsUrl('CP-SEG'));
      for (let i = 0; i < 300; i++) {
        cp.send([2, `h${i}`, 'Heartbeat', {}]);
        await cp.reply(`h${i}`);
      }
      const journal = () => readdirSync(tb.dataDir).filter((f) => f.endsWith('.journal'));
      expect((await tb.request('GET', '/api/messages?chargerId=CP-SEG&limit=1000')).body).toHaveLength(600);
      // One more write after ingestion lets the writer drop every closed segment.
      cp.send([2, 'last', 'Heartbeat', {}]);
      await cp.reply('last');
      await tb.request('GET', '/api/chargers');
      expect(journal().length).toBeLessThanOrEqual(2);
      cp.close();
    } finally {
      await tb.stop();
    }
  });

  it('uses WAL with a schema version, and refuses a record from a newer version with advice', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-schema-'));
    try {
      const db = openDatabase(dataDir);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(schemaVersion(db)).toBe(migrations.length);
      db.pragma(`user_version = ${migrations.length + 1}`);
      db.close();
      expect(() => openDatabase(dataDir)).toThrow(/newer ChargeBench.*--data-dir/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('makes a new record with 16 KiB pages, and keeps an older record of 4 KiB pages working as it is', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'chargebench-pages-'));
    const older = mkdtempSync(join(tmpdir(), 'chargebench-pages-old-'));
    try {
      const db = openDatabase(fresh);
      expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
      expect(PAGE_SIZE).toBe(16384);
      db.close();
      // A record an earlier version made: 4 KiB pages, already in WAL mode.
      const made = new Database(databaseFile(older));
      made.pragma('page_size = 4096');
      made.pragma('journal_mode = WAL');
      made.close();
      const tb = await startTestBench({ dataDir: older });
      try {
        const cp = await strictCharger(tb.wsUrl(), 'CP-OLD-PAGES');
        await cp.connect();
        await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
        await cp.client.close();
        expect((await tb.request('GET', '/api/messages?chargerId=CP-OLD-PAGES')).body.length).toBe(2);
      } finally {
        await tb.stop();
      }
      const reopened = openDatabase(older);
      expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
      reopened.close();
    } finally {
      rmSync(fresh, { recursive: true, force: true });
      rmSync(older, { recursive: true, force: true });
    }
  });
});
