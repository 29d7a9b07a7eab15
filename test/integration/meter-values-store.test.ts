// Meter values stored compactly (a row per reading, shapes by id): every sampled value is still there,
// with the same values and defaults, by charger, connector and transaction, across a restart; rows of
// the per-sample schema and a journal of an earlier version are read the same way.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';
import { segmentFile } from '../../src/main/store/journal';
import type { MeterValue } from '../../src/shared/ocpp16';
import { expandMeterReadings } from '../../src/shared/api/meter-readings';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'chargebench-meter-'));
  dirs.push(d);
  return d;
};

const readings: MeterValue[] = [
  {
    timestamp: '2026-03-01T10:00:00.000Z',
    sampledValue: [
      { value: '1234' },
      { value: '7200', measurand: 'Power.Active.Import', unit: 'W' },
      { value: '16.0', measurand: 'Current.Import', unit: 'A', phase: 'L1' },
      { value: '0x1f', measurand: 'Voltage', unit: 'V', phase: 'L1-N', context: 'Trigger', location: 'Outlet', format: 'SignedData' },
    ],
  },
  // A timestamp with an offset is kept as sent, not as UTC.
  { timestamp: '2026-03-01T12:00:10+02:00', sampledValue: [{ value: '1240.5', measurand: 'Energy.Active.Import.Register', unit: 'kWh' }, { value: 'a "quoted", odd value' }] },
];

describe('meter values, stored compactly', () => {
  it('gives back every sampled value as stored, newest first, by charger, connector and transaction, also after a restart', async () => {
    const dataDir = tempDir();
    let record = await BenchRecord.open(dataDir);
    const stored = record.meterValues.add('CP-1', 1, 7, readings, '2026-03-01T10:00:01.000Z');
    record.meterValues.add('CP-2', 2, null, readings.slice(0, 1), '2026-03-01T10:00:02.000Z');
    record.meterValues.add('CP-1', 2, null, readings.slice(1), '2026-03-01T10:00:03.000Z');
    await record.settled();
    const strip = <T extends { id: number }>(rows: T[]): Array<Omit<T, 'id'>> => rows.map(({ id: _id, ...rest }) => rest);

    const ofTx = record.meterValues.of({ transactionId: 7 });
    expect(strip(ofTx)).toEqual([...stored].reverse());
    expect(ofTx[2]).toMatchObject({ measurand: 'Voltage', phase: 'L1-N', context: 'Trigger', location: 'Outlet', format: 'SignedData', value: '0x1f' });
    expect(ofTx.find((m) => m.value === '1234')).toMatchObject({ measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic', format: 'Raw', phase: null });
    expect(new Set(ofTx.map((m) => m.id)).size).toBe(ofTx.length);
    expect(ofTx.map((m) => m.id)).toEqual([...ofTx.map((m) => m.id)].sort((a, b) => b - a));
    expect(record.meterValues.of({ chargerId: 'CP-1' })).toHaveLength(8);
    expect(record.meterValues.of({ chargerId: 'CP-1', connectorId: 2 }).map((m) => m.value)).toEqual(['a "quoted", odd value', '1240.5']);
    expect(record.meterValues.of({ chargerId: 'CP-2' })).toHaveLength(4);
    expect(record.meterValues.of({ transactionId: 7, limit: 3 }).map((m) => m.value)).toEqual(['a "quoted", odd value', '1240.5', '0x1f']);
    expect(record.meterValues.of({ limit: 100 })).toHaveLength(12);
    // Asked for, each says when the bench received its reading (its own clock, whatever the charger's says).
    expect((await record.meterValues.read({ transactionId: 7, withReceivedAt: true })).map((m) => [m.value, m.receivedAt])).toEqual([
      ['a "quoted", odd value', '2026-03-01T10:00:01.000Z'],
      ['1240.5', '2026-03-01T10:00:01.000Z'],
      ['0x1f', '2026-03-01T10:00:01.000Z'],
      ['16.0', '2026-03-01T10:00:01.000Z'],
      ['7200', '2026-03-01T10:00:01.000Z'],
      ['1234', '2026-03-01T10:00:01.000Z'],
    ]);
    // The compact form the transaction page reads gives the same values, ids, times as sent and odd text included.
    const compact = (transactionId: number, limit: number) => record.meterValues.readingsJson(transactionId, limit).then((j) => j.value());
    expect(expandMeterReadings(await compact(7, 1000), 'CP-1', 7)).toEqual([...ofTx].reverse());
    const newest3 = await compact(7, 3);
    expect(newest3.capped).toBe(true);
    expect(expandMeterReadings(newest3, 'CP-1', 7)).toEqual(record.meterValues.of({ transactionId: 7, limit: 3 }).reverse());
    expect(await compact(8, 1000)).toEqual({ capped: false, shapes: {}, readings: [] });
    // Four shapes of the first reading and one more of the second (its other is the first's default): each written once.
    expect((record.db.prepare('SELECT count(*) AS n FROM meter_shapes').get() as { n: number }).n).toBe(5);
    // One row per reading.
    expect((record.db.prepare('SELECT count(*) AS n FROM meter_values').get() as { n: number }).n).toBe(4);
    await record.close();

    record = await BenchRecord.open(dataDir);
    try {
      expect(strip(record.meterValues.of({ transactionId: 7 }))).toEqual([...stored].reverse());
      // Shapes continue after a restart: a known one is not written again, a new one gets a new id.
      record.meterValues.add(
        'CP-3',
        1,
        null,
        [{ timestamp: '2026-03-02T00:00:00Z', sampledValue: [{ value: '1', measurand: 'Temperature', unit: 'Celsius' }, { value: '2' }] }],
        '2026-03-02T00:00:01.000Z',
      );
      await record.settled();
      expect(record.meterValues.of({ chargerId: 'CP-3' }).map((m) => [m.measurand, m.unit, m.timestamp])).toEqual([
        ['Energy.Active.Import.Register', 'Wh', '2026-03-02T00:00:00Z'],
        ['Temperature', 'Celsius', '2026-03-02T00:00:00Z'],
      ]);
      expect((record.db.prepare('SELECT count(*) AS n FROM meter_shapes').get() as { n: number }).n).toBe(6);
    } finally {
      await record.close();
    }
  });

  it('writes each shape once and reads every value with its own, also when a charger sends many shapes of one measurand', async () => {
    const record = await BenchRecord.open(tempDir());
    try {
      const phases = ['L1', 'L2', 'L3', 'N', 'L1-N', 'L2-N', 'L3-N', 'L1-L2', 'L2-L3', 'L3-L1'] as const;
      const locations = ['Body', 'Cable', 'EV', 'Inlet', 'Outlet'] as const;
      // 50 shapes of Voltage (more than are compared field by field), sent twice over, plus one default.
      const voltages = phases.flatMap((phase) => locations.map((location) => ({ value: `${phase}/${location}`, measurand: 'Voltage' as const, unit: 'V' as const, phase, location })));
      const reading = (n: number): MeterValue => ({ timestamp: `2026-03-01T10:00:0${n}.000Z`, sampledValue: [...voltages, { value: `default ${n}` }] });
      record.meterValues.add('CP-9', 1, null, [reading(1)], '2026-03-01T10:00:01.000Z');
      record.meterValues.add('CP-9', 1, null, [reading(2)], '2026-03-01T10:00:02.000Z');
      await record.settled();
      expect((record.db.prepare('SELECT count(*) AS n FROM meter_shapes').get() as { n: number }).n).toBe(51);
      const values = record.meterValues.of({ chargerId: 'CP-9' });
      expect(values).toHaveLength(102);
      for (const v of values) {
        if (v.value.startsWith('default')) expect(v).toMatchObject({ measurand: 'Energy.Active.Import.Register', phase: null, location: null, unit: 'Wh' });
        else expect(`${v.phase}/${v.location}`).toBe(v.value);
      }
    } finally {
      await record.close();
    }
  });

  it('reads meter values recorded a row per sampled value (before the compact schema), and a journal of that version', async () => {
    const dataDir = tempDir();
    const file = databaseFile(dataDir);
    const db = new Database(file);
    const before = migrations.findIndex((m) => m.includes('CREATE TABLE meter_shapes'));
    db.pragma('journal_mode = WAL');
    for (let v = 0; v < before; v++) db.exec(migrations[v]);
    db.pragma(`user_version = ${before}`);
    const insert = db.prepare(
      'INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, value, measurand, phase, unit, context, location, format, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('CP-OLD', 1, 3, '2026-01-01T00:00:00Z', '10', 'Energy.Active.Import.Register', null, 'Wh', 'Sample.Periodic', null, 'Raw', '2026-01-01T00:00:01.000Z');
    insert.run('CP-OLD', 1, 3, '2026-01-01T00:00:00Z', '230', 'Voltage', 'L1', 'V', 'Sample.Periodic', null, 'Raw', '2026-01-01T00:00:01.000Z');
    db.prepare("INSERT INTO chunks (kind, key, first_id, last_id, rows) VALUES ('meter/transaction', '3', 1, 2, 2), ('meter/charger', 'CP-OLD', 1, 2, 2)").run();
    db.close();
    // A killed older bench left one sampled value in its journal, its write named by position (9).
    const legacy = [9, ['CP-OLD', 1, 3, '2026-01-01T00:01:00Z', '20', 'Energy.Active.Import.Register', null, 'Wh', 'Sample.Clock', null, 'Raw', '2026-01-01T00:01:01.000Z']];
    writeFileSync(segmentFile(dataDir, 1), `1\t${JSON.stringify(legacy)}\n`);

    const record = await BenchRecord.open(dataDir);
    try {
      expect(record.meterValues.of({ transactionId: 3 }).map((m) => [m.value, m.measurand, m.phase, m.context, m.timestamp])).toEqual([
        ['20', 'Energy.Active.Import.Register', null, 'Sample.Clock', '2026-01-01T00:01:00Z'],
        ['230', 'Voltage', 'L1', 'Sample.Periodic', '2026-01-01T00:00:00Z'],
        ['10', 'Energy.Active.Import.Register', null, 'Sample.Periodic', '2026-01-01T00:00:00Z'],
      ]);
      expect(record.meterValues.of({ chargerId: 'CP-OLD' })).toHaveLength(3);
      // Their shapes are inline: the compact form gives them as they are.
      const compact = (await record.meterValues.readingsJson(3, 1000)).value();
      expect(expandMeterReadings(compact, 'CP-OLD', 3)).toEqual(record.meterValues.of({ transactionId: 3 }).reverse());
    } finally {
      await record.close();
    }
  });
});
