// What the chargers list shows of each charger's firmware and diagnostics status (the time it arrived) and
// heartbeat interval (what "heartbeat overdue" is judged against) is on the chargers row: the list reads no
// events or operations per charger (it is asked every 10 s per window, on the thread that answers the
// chargers). A record written by an earlier version gets them when opened, from its events and operations;
// an older bench's journal replayed after the upgrade still goes in.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { databaseFile } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';
import { segmentFile } from '../../src/main/store/journal';
import { statementsRun } from '../helpers/statements';
import { seedRecord, useTempRecords } from '../helpers/seeded-record';

const { tempDir, open } = useTempRecords('charger-times');

/** The schema before migration 16 (the one that adds the heartbeat interval to the chargers row). */
const BEFORE = migrations.findIndex((m) => m.includes('ADD COLUMN heartbeat_interval '));

const t = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

/** A record as the version before migration 16 left it, filled by `fill`. */
const oldRecord = (dir: string, fill: (db: Database.Database) => void): void => seedRecord(dir, fill, BEFORE);

function addCharger(db: Database.Database, id: string, row: { lastBoot?: string; firmware?: string; diagnostics?: string } = {}): void {
  db.prepare('INSERT INTO chargers (id, first_seen, last_seen, registration_status, last_boot, vendor, model, firmware_status, diagnostics_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    t(0),
    t(59),
    row.lastBoot ? 'Accepted' : null,
    row.lastBoot ?? null,
    row.lastBoot ? 'V' : null,
    row.lastBoot ? 'M' : null,
    row.firmware ?? null,
    row.diagnostics ?? null,
  );
}

const addEvent = (db: Database.Database, chargerId: string, action: string, data: unknown, ts: string) =>
  db.prepare('INSERT INTO charger_events (charger_id, ts, action, data) VALUES (?, ?, ?, ?)').run(chargerId, ts, action, JSON.stringify(data));

/** An operation as the bench recorded it (request and response as JSON text, or as given when a string is wanted raw). */
function addOperation(db: Database.Database, chargerId: string, action: string, request: unknown, response: unknown, finishedAt: string, outcome = 'completed'): void {
  const text = (v: unknown) => (v === null ? null : typeof v === 'string' && v.startsWith('raw:') ? v.slice(4) : JSON.stringify(v));
  db.prepare('INSERT INTO operations (charger_id, action, request, sent_at, finished_at, outcome, response) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    chargerId,
    action,
    text(request),
    finishedAt,
    finishedAt,
    outcome,
    text(response),
  );
}
const change = (value: unknown, key = 'HeartbeatInterval') => ({ key, value });
const readOf = (keys: Array<{ key: string; value?: unknown }>) => ({ configurationKey: keys.map((k) => ({ readonly: false, ...k })) });

describe("a record written before the chargers row kept its statuses' times and the interval given", () => {
  it('gives, once opened, the times its events tell and the interval its operations tell', async () => {
    const dir = tempDir();
    oldRecord(dir, (db) => {
      // Progress long ago, then a charger chatty with DataTransfer.
      addCharger(db, 'CP-A', { lastBoot: t(1), firmware: 'Downloaded', diagnostics: 'Uploaded' });
      addEvent(db, 'CP-A', 'FirmwareStatusNotification', { status: 'Downloading' }, t(2));
      addEvent(db, 'CP-A', 'SignedFirmwareStatusNotification', { status: 'Downloaded' }, t(3));
      addEvent(db, 'CP-A', 'DiagnosticsStatusNotification', { status: 'Uploaded' }, t(4));
      for (let i = 0; i < 50; i++) addEvent(db, 'CP-A', 'DataTransfer', { vendorId: 'X' }, t(5));
      // Set to 60 s after its boot (a change it refused, a read without the key and a failed read since do not count).
      addOperation(db, 'CP-A', 'ChangeConfiguration', change('30'), { status: 'Accepted' }, t(6));
      addOperation(db, 'CP-A', 'ChangeConfiguration', change(' 60 ', 'heartbeatinterval'), { status: 'Accepted' }, t(7));
      addOperation(db, 'CP-A', 'ChangeConfiguration', change('10'), { status: 'Rejected' }, t(8));
      addOperation(db, 'CP-A', 'ChangeConfiguration', change('20'), { status: 'RebootRequired' }, t(9));
      addOperation(db, 'CP-A', 'GetConfiguration', { key: ['MeterValueSampleInterval'] }, readOf([{ key: 'MeterValueSampleInterval', value: '10' }]), t(10));
      addOperation(db, 'CP-A', 'GetConfiguration', {}, null, t(11), 'timeout');
      // Read as 900 s after a change to 60 s.
      addCharger(db, 'CP-B', { lastBoot: t(1) });
      addOperation(db, 'CP-B', 'ChangeConfiguration', change('60'), { status: 'Accepted' }, t(6));
      addOperation(
        db,
        'CP-B',
        'GetConfiguration',
        {},
        readOf([
          { key: 'AuthorizeRemoteTxRequests', value: 'true' },
          { key: 'HeartbeatInterval', value: '900' },
        ]),
        t(7),
      );
      // Set before its last boot: the boot answer's interval (not known to the record) is the one in force.
      addCharger(db, 'CP-C', { lastBoot: t(20), firmware: 'Installed' });
      addOperation(db, 'CP-C', 'ChangeConfiguration', change('60'), { status: 'Accepted' }, t(6));
      // Nothing usable but a change to 0 (no heartbeats, kept as given: migration 19): a value that is not whole
      // seconds, answers that are not JSON; its firmware event pruned.
      addCharger(db, 'CP-D', { firmware: 'Idle' });
      addOperation(db, 'CP-D', 'ChangeConfiguration', change('abc'), { status: 'Accepted' }, t(6));
      addOperation(db, 'CP-D', 'ChangeConfiguration', change('0'), { status: 'Accepted' }, t(7));
      addOperation(db, 'CP-D', 'ChangeConfiguration', change('60'), 'raw:{not json', t(8));
      addOperation(db, 'CP-D', 'GetConfiguration', {}, 'raw:[oops', t(9));
      addOperation(db, 'CP-D', 'GetConfiguration', {}, { configurationKey: ['HeartbeatInterval', { key: 'HeartbeatInterval', value: '-5' }] }, t(10));
      // Never booted, set once.
      addCharger(db, 'CP-E');
      addOperation(db, 'CP-E', 'ChangeConfiguration', change(120), { status: 'Accepted' }, t(6));
    });
    const record = await open(dir);
    const byId = Object.fromEntries(record.chargers.list().map((c) => [c.id, c]));

    expect(byId['CP-A']).toMatchObject({ firmwareStatus: 'Downloaded', firmwareStatusAt: t(3), diagnosticsStatus: 'Uploaded', diagnosticsStatusAt: t(4) });
    expect(byId['CP-A']!.heartbeatGiven).toEqual({ seconds: 60, how: 'set', at: t(7) });
    expect(byId['CP-B']!.heartbeatGiven).toEqual({ seconds: 900, how: 'read', at: t(7) });
    expect(byId['CP-B']).toMatchObject({ firmwareStatusAt: null, diagnosticsStatusAt: null });
    expect(byId['CP-C']!.heartbeatGiven).toBeNull();
    expect(byId['CP-C']).toMatchObject({ firmwareStatus: 'Installed', firmwareStatusAt: null });
    expect(byId['CP-D']!.heartbeatGiven).toEqual({ seconds: 0, how: 'set', at: t(7) });
    expect(byId['CP-D']).toMatchObject({ firmwareStatus: 'Idle', firmwareStatusAt: null });
    expect(byId['CP-E']!.heartbeatGiven).toEqual({ seconds: 120, how: 'set', at: t(6) });
    // A charger's page says the same.
    expect(record.chargers.get('CP-A')).toEqual(byId['CP-A']);
  });

  it("replays an older bench's journaled status without a time it cannot know", async () => {
    const dir = tempDir();
    oldRecord(dir, (db) => {
      addCharger(db, 'CP-J', { lastBoot: t(1), firmware: 'Downloading', diagnostics: 'Uploading' });
      addEvent(db, 'CP-J', 'FirmwareStatusNotification', { status: 'Downloading' }, t(2));
      addEvent(db, 'CP-J', 'DiagnosticsStatusNotification', { status: 'Uploading' }, t(3));
    });
    // A killed older bench left its statements by name (and the oldest ones by position: 11 firmwareStatus).
    const legacy = [
      ['firmwareStatus', ['Downloaded', 'CP-J'], 'event', ['CP-J', t(30), 'FirmwareStatusNotification', JSON.stringify({ status: 'Downloaded' })]],
      [12, ['Uploaded', 'CP-J']],
    ];
    writeFileSync(segmentFile(dir, 1), legacy.map((ops, i) => `${i + 1}\t${JSON.stringify(ops)}\n`).join(''));
    const record = await open(dir);
    expect(record.notices).toEqual([]);
    // The statuses are in; the time of each is not known (not that of the status before it).
    expect(record.chargers.get('CP-J')).toMatchObject({ firmwareStatus: 'Downloaded', firmwareStatusAt: null, diagnosticsStatus: 'Uploaded', diagnosticsStatusAt: null });
  });
});

describe('migration 16 on a record with many configuration operations', () => {
  /** Migration 16 run on a record whose charger had `before` other keys changed and read before its last boot (and its interval set after it), with SQLite's json_valid counted (each operation's JSON is looked at through it first). */
  function migrated(before: number): { given: unknown; parsed: number } {
    const dir = tempDir();
    oldRecord(dir, (db) => {
      addCharger(db, 'CP-M', { lastBoot: t(20) });
      for (let i = 0; i < before; i++) addOperation(db, 'CP-M', 'ChangeConfiguration', change('5', 'MeterValueSampleInterval'), { status: 'Accepted' }, t(1));
      for (let i = 0; i < before; i++) addOperation(db, 'CP-M', 'GetConfiguration', {}, readOf([{ key: 'MeterValueSampleInterval', value: '5' }]), t(2));
      addOperation(db, 'CP-M', 'ChangeConfiguration', change('300'), { status: 'Accepted' }, t(21));
    });
    const db = new Database(databaseFile(dir));
    try {
      let parsed = 0;
      db.function('json_valid', { deterministic: true }, (text: unknown) => {
        parsed++;
        try {
          JSON.parse(String(text));
          return 1;
        } catch {
          return 0;
        }
      });
      db.exec(migrations[BEFORE]!);
      const given = db.prepare("SELECT heartbeat_interval AS seconds, heartbeat_interval_how AS how, heartbeat_interval_at AS at FROM chargers WHERE id = 'CP-M'").get();
      return { given, parsed };
    } finally {
      db.close();
    }
  }

  it("parses no operation from before a charger's last boot (the boot is looked at first)", () => {
    const none = migrated(0);
    const many = migrated(40);
    expect(many.given).toEqual({ seconds: 300, how: 'set', at: t(21) });
    expect(none.given).toEqual(many.given);
    // As much JSON looked at with 80 operations before the boot as with none.
    expect(many.parsed).toBe(none.parsed);
  });
});

describe("an older bench's journal replayed after migration 16", () => {
  it('a boot in it makes the interval changed or read before that boot no longer the one given', async () => {
    const dir = tempDir();
    oldRecord(dir, (db) => {
      // Booted at minute 1, set to 60 s at minute 6 (migration 16 fills that in); read as 900 s at minute 7.
      addCharger(db, 'CP-R', { lastBoot: t(1) });
      addOperation(db, 'CP-R', 'ChangeConfiguration', change('60'), { status: 'Accepted' }, t(6));
      addCharger(db, 'CP-S', { lastBoot: t(1) });
      addOperation(db, 'CP-S', 'GetConfiguration', {}, readOf([{ key: 'HeartbeatInterval', value: '900' }]), t(7));
      // Unchanged: booted since, but not accepted at that boot (Pending: no interval given to work to).
      addCharger(db, 'CP-T', { lastBoot: t(1) });
      addOperation(db, 'CP-T', 'ChangeConfiguration', change('120'), { status: 'Accepted' }, t(6));
    });
    // The killed older bench had journaled the chargers' next boots (minute 30), by position (4 boot).
    const boot = (id: string, status: string) => [4, [status, t(30), 'V', 'M', null, null, '1.2', null, null, null, null, id]];
    const legacy = [boot('CP-R', 'Accepted'), boot('CP-S', 'Accepted'), boot('CP-T', 'Pending')];
    writeFileSync(segmentFile(dir, 1), legacy.map((ops, i) => `${i + 1}\t${JSON.stringify(ops)}\n`).join(''));
    const record = await open(dir);
    expect(record.notices).toEqual([]);
    const byId = Object.fromEntries(record.chargers.list().map((c) => [c.id, c]));
    // Not judged against 60 s or 900 s: the boot answer gave the interval in force, which the record does not hold.
    expect(byId['CP-R']).toMatchObject({ lastBoot: t(30), registrationStatus: 'Accepted', heartbeatGiven: null });
    expect(byId['CP-S']).toMatchObject({ lastBoot: t(30), registrationStatus: 'Accepted', heartbeatGiven: null });
    expect(record.chargers.get('CP-R')!.heartbeatGiven).toBeNull();
    expect(byId['CP-T']).toMatchObject({ lastBoot: t(30), registrationStatus: 'Pending', heartbeatGiven: { seconds: 120, how: 'set', at: t(6) } });
    // The bench gives it one again at its next boot, or sets it: that is the one given.
    record.chargers.heartbeatGiven('CP-R', { seconds: 45, how: 'set', at: t(31) });
    await record.settled();
    expect(record.chargers.get('CP-R')!.heartbeatGiven).toEqual({ seconds: 45, how: 'set', at: t(31) });
  });
});

describe('the chargers list', () => {
  it('reads no events per charger: the time of each status is on its row', async () => {
    const record = await open(tempDir());
    for (let i = 0; i < 30; i++) {
      const id = `CP-${i}`;
      record.chargers.seenNow(id, t(0));
      record.chargers.firmwareStatus(id, 'Downloading', t(1));
      record.chargers.diagnosticsStatus(id, 'Uploading', t(2));
      for (let k = 0; k < 20; k++) record.events.add(id, 'DataTransfer', { vendorId: 'X' }, t(3));
    }
    await record.settled();
    const { result, count } = statementsRun(record.db, () => record.chargers.list());
    // The chargers and their connectors: the same for 30 chargers as for one.
    expect(count).toBeLessThanOrEqual(2);
    expect(result).toHaveLength(30);
    expect(result.every((c) => c.firmwareStatusAt === t(1) && c.diagnosticsStatusAt === t(2))).toBe(true);
  });

  it('gives the time a status arrived as the bench received it, whatever events the record holds', async () => {
    const record = await open(tempDir());
    record.chargers.seenNow('CP-1', t(0));
    record.chargers.firmwareStatus('CP-1', 'Installing', t(5));
    await record.settled();
    expect(record.chargers.get('CP-1')).toMatchObject({ firmwareStatus: 'Installing', firmwareStatusAt: t(5), diagnosticsStatus: null, diagnosticsStatusAt: null });
    expect(record.chargers.list()[0]).toMatchObject({ firmwareStatusAt: t(5), diagnosticsStatusAt: null });
  });
});
