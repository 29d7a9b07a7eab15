// The StopTransactions the bench noted a warning on, read for the chargers the transactions export asks
// about, each from its own time on: no other charger's, no other event, none from before.
import { describe, expect, it } from 'vitest';
import { useTempRecords } from '../../../helpers/seeded-record';

const records = useTempRecords('stop-warnings');

describe('charger events: stopWarningsSince', () => {
  it("gives only the asked chargers' StopTransactions with a warning, received at or after each one's time", async () => {
    const record = await records.open(records.tempDir());
    const stray = (id: number) => ({
      warning: `StopTransaction for transaction ${id}, which the bench never started`,
      request: { transactionId: id, meterStop: 0, timestamp: '2040-01-01T00:00:00.000Z' },
      unknownTransaction: true,
    });
    record.events.add('CP-A', 'StopTransaction', stray(1), '2040-01-01T08:00:00.000Z'); // before CP-A's time
    record.events.add('CP-A', 'StopTransaction', stray(2), '2040-01-01T09:00:00.000Z');
    record.events.add('CP-A', 'StopTransaction', { request: { transactionId: 3 } }, '2040-01-01T09:30:00.000Z'); // no warning
    record.events.add('CP-A', 'DataTransfer', { warning: 'odd' }, '2040-01-01T09:40:00.000Z'); // another action
    record.events.add('CP-B', 'StopTransaction', stray(4), '2040-01-01T09:00:00.000Z'); // a charger not asked about
    record.events.add('CP-C', 'StopTransaction', stray(5), '2040-01-01T10:00:00.000Z');
    await record.settled();
    const found = record.events.stopWarningsSince(
      new Map([
        ['CP-A', '2040-01-01T10:30:00+02:00'],
        ['CP-C', '2040-01-01T10:00:00.000Z'],
      ]),
    );
    expect(found.map((e) => [e.chargerId, (e.data as { request: { transactionId: number } }).request.transactionId])).toEqual([
      ['CP-A', 2],
      ['CP-C', 5],
    ]);
    expect(record.events.stopWarningsSince(new Map())).toEqual([]);
  });
});
