// A HeartbeatInterval of 0 the charger accepted (ChangeConfiguration), reported (GetConfiguration) or was
// given by an accepted boot answer is the interval it was given, like any other: OCPP 1.6 gives
// HeartbeatInterval no other meaning for 0 than "send a Heartbeat after 0 s of inactivity", i.e. none
// asked for. Dropping it left an older interval (60 s) standing, and a healthy charger said "heartbeat
// overdue". The record keeps 0 and reads it back as 0, never as "not known".
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrations } from '../../../src/main/store/migrations';
import { bootAnswerInterval, configuredInterval } from '../../../src/main/central-system/heartbeat-given';
import { ChargersRepository, chargerWrites } from '../../../src/main/store/repositories/chargers';
import type { Store } from '../../../src/main/store/repository';
import type { SecretCodec } from '../../../src/main/store/secrets';

const at = '2026-01-01T10:00:00.000Z';

describe('a heartbeat interval of 0 given to a charger', () => {
  it('is kept from an accepted ChangeConfiguration and from a GetConfiguration read', () => {
    expect(configuredInterval('ChangeConfiguration', { key: 'HeartbeatInterval', value: '0' }, { status: 'Accepted' }, at)).toEqual({ seconds: 0, how: 'set', at });
    expect(configuredInterval('GetConfiguration', {}, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '0' }] }, at)).toEqual({ seconds: 0, how: 'read', at });
    // Still not from a refused change, nor one needing a reboot, nor a value that is no whole number of seconds.
    expect(configuredInterval('ChangeConfiguration', { key: 'HeartbeatInterval', value: '0' }, { status: 'Rejected' }, at)).toBeNull();
    expect(configuredInterval('ChangeConfiguration', { key: 'HeartbeatInterval', value: '0' }, { status: 'RebootRequired' }, at)).toBeNull();
    expect(configuredInterval('ChangeConfiguration', { key: 'HeartbeatInterval', value: '-1' }, { status: 'Accepted' }, at)).toBeNull();
    expect(configuredInterval('GetConfiguration', {}, { configurationKey: [{ key: 'HeartbeatInterval', value: 'off' }] }, at)).toBeNull();
  });

  it("is kept from a boot answer that accepted the charger (a Pending or Rejected one's 0 is a retry wait)", () => {
    expect(bootAnswerInterval(JSON.stringify([3, 'b1', { status: 'Accepted', currentTime: at, interval: 0 }]))).toBe(0);
    expect(bootAnswerInterval(JSON.stringify([3, 'b1', { status: 'Pending', currentTime: at, interval: 0 }]))).toBeNull();
    expect(bootAnswerInterval(JSON.stringify([3, 'b1', { status: 'Accepted', currentTime: at, interval: -5 }]))).toBeNull();
  });

  it('is stored and read back as 0, over the 60 s given before', () => {
    const db = new Database(':memory:');
    for (const m of migrations) db.exec(m);
    const store = {
      db,
      clock: { now: () => Date.parse(at) },
      write: (name: string, params: unknown[]) => void db.prepare(chargerWrites[name as keyof typeof chargerWrites]).run(...params),
      settled: async () => undefined,
      mustBeWritable: () => undefined,
    } as unknown as Store;
    const chargers = new ChargersRepository(store, {} as SecretCodec);
    chargers.seenNow('CP-ZERO', at);
    chargers.heartbeatGiven('CP-ZERO', { seconds: 60, how: 'set', at });
    expect(chargers.get('CP-ZERO')?.heartbeatGiven).toEqual({ seconds: 60, how: 'set', at });
    const later = '2026-01-01T10:01:00.000Z';
    chargers.heartbeatGiven('CP-ZERO', { seconds: 0, how: 'set', at: later });
    expect(db.prepare('SELECT heartbeat_interval FROM chargers WHERE id = ?').pluck().get('CP-ZERO')).toBe(0);
    expect(chargers.get('CP-ZERO')?.heartbeatGiven).toEqual({ seconds: 0, how: 'set', at: later });
    expect(chargers.list().find((c) => c.id === 'CP-ZERO')?.heartbeatGiven).toEqual({ seconds: 0, how: 'set', at: later });
    // A negative number is still no interval given.
    chargers.heartbeatGiven('CP-ZERO', { seconds: -1, how: 'set', at: '2026-01-01T10:02:00.000Z' });
    expect(chargers.get('CP-ZERO')?.heartbeatGiven).toEqual({ seconds: 0, how: 'set', at: later });
  });
});
