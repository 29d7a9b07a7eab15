// The configuration table rebuilt from a charger's recorded configuration operations (as operations:list
// lists them, newest first): reads merged from the oldest to the newest, then the changes the charger
// accepted after them, each key with when it was read or set, all of it marked as from the record.
import { describe, expect, it } from 'vitest';
import { tableFromRecord } from '../../src/renderer/src/features/operations/panels/configurationRecord';
import { configKeyOf } from '../../src/renderer/src/components/configKey';
import type { OperationView } from '../../src/shared/api/views';

const at = (m: number) => `2030-01-01T10:${String(m).padStart(2, '0')}:00.000Z`;
let nextId = 1;
const op = (action: string, request: unknown, response: unknown, minute: number, outcome = 'completed'): OperationView => ({
  id: nextId++,
  chargerId: 'CP001',
  action,
  request,
  sentAt: at(minute),
  finishedAt: at(minute),
  outcome,
  response,
  error: null,
});
const read = (minute: number, keys: Record<string, string>, asked?: string[], unknownKey?: string[]) =>
  op('GetConfiguration', asked ? { key: asked } : {}, { configurationKey: Object.entries(keys).map(([key, value]) => ({ key, readonly: key === 'NumberOfConnectors', value })), unknownKey }, minute);
const change = (minute: number, key: string, value: string, status = 'Accepted') => op('ChangeConfiguration', { key, value }, { status }, minute);
/** As operations:list gives them: newest first. */
const listed = (...oldestFirst: OperationView[]) => [...oldestFirst].reverse();
const values = (ops: OperationView[]) => Object.fromEntries((tableFromRecord(ops)?.rows ?? []).map((r) => [r.key, `${r.value}@${r.readAt.slice(11, 16)}${r.how ? ` ${r.how}` : ''}`]));

describe('the configuration table from the record', () => {
  it('merges a read of some keys into the read of all before it, and takes the changes accepted after them', () => {
    const ops = listed(
      change(0, 'HeartbeatInterval', '30'),
      read(1, { HeartbeatInterval: '60', MeterValueSampleInterval: '60', NumberOfConnectors: '2' }),
      read(2, { HeartbeatInterval: '300' }, ['HeartbeatInterval', 'Nope'], ['Nope']),
      change(3, 'meterValueSampleInterval', '15'),
      change(4, 'HeartbeatInterval', '5', 'Rejected'),
      change(5, 'AuthorizeRemoteTxRequests', 'true'),
      op('GetConfiguration', {}, null, 6, 'timeout'),
    );
    expect(values(ops)).toEqual({
      HeartbeatInterval: '300@10:02',
      MeterValueSampleInterval: '15@10:03 set',
      NumberOfConnectors: '2@10:01',
      AuthorizeRemoteTxRequests: 'true@10:05 set',
    });
    const table = tableFromRecord(ops)!;
    expect(table.readAt).toBe(at(2));
    expect(table.unknown).toEqual(['Nope']);
    expect(table.took).toBeNull();
    expect(table.rows.every((r) => r.recorded)).toBe(true);
    expect(table.rows.find((r) => r.key === 'NumberOfConnectors')?.readonly).toBe(true);
    expect(table.rows.find((r) => r.key === 'AuthorizeRemoteTxRequests')?.readonly).toBe(false);
  });

  it('starts again from a read of every key: what was read or set before it is replaced', () => {
    const ops = listed(read(1, { A: '1', B: '2' }), change(2, 'B', '3'), read(3, { C: '4' }, ['C']), read(4, { A: '5' }));
    expect(values(ops)).toEqual({ A: '5@10:04' });
  });

  it('is none without a read the charger answered: a change alone is no table', () => {
    expect(tableFromRecord([])).toBeNull();
    expect(tableFromRecord(listed(change(1, 'A', '1'), op('GetConfiguration', {}, null, 2, 'offline')))).toBeNull();
  });

  it('leaves out what a malformed answer holds that is not a key', () => {
    const ops = listed(
      op('GetConfiguration', {}, { configurationKey: [{ key: 'A', readonly: false, value: '1' }, { value: 'x' }, null, { key: 'B', readonly: 'yes', value: 7 }], unknownKey: [3, 'Z'] }, 1),
    );
    const table = tableFromRecord(ops)!;
    expect(table.rows.map(({ key, readonly, value }) => ({ key, readonly, value }))).toEqual([
      { key: 'A', readonly: false, value: '1' },
      { key: 'B', readonly: false, value: undefined },
    ]);
    expect(table.unknown).toEqual(['Z']);
  });
});

describe('one key as the record last knew it (configKeyOf), from the same parsing', () => {
  it('is the newest read or accepted change of it', () => {
    const ops = listed(read(1, { HeartbeatInterval: '60' }), change(2, 'heartbeatinterval', '90'), change(3, 'HeartbeatInterval', '5', 'Rejected'));
    expect(configKeyOf(ops, 'HeartbeatInterval')).toEqual({ value: '90', how: 'set', at: at(2) });
    expect(configKeyOf(ops, 'HeartbeatInterval', at(1))).toEqual({ value: '60', how: 'read', at: at(1) });
    expect(configKeyOf(ops, 'ConnectionTimeOut')).toBeNull();
  });
});
