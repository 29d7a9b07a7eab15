// The transactions CSV says what the Transactions screen says of a session (shared/api/session-state's
// rule): Last known while its charger is offline, Not confirmed when a reboot lost it, Not running when its
// connector reports no session, with why and when its energy was read; and an export's file name says its
// zone (UTC, Z) and the one action the log was filtered by.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { exportFileName, transactionCsvColumns, transactionCsvRow, transactionStanding, type ChargersAsKnown } from '../../../../src/main/core/exports';
import { notRunningSessions, type ChargersNow } from '../../../../src/shared/api/session-state';
import type { TransactionRecord } from '../../../../src/shared/records';
import { aTransactionRecord } from '../../../helpers/records';

const tx: TransactionRecord = aTransactionRecord({ transactionId: 7, chargerId: 'GEN1', meterStart: 1000, startTime: '2026-12-06T19:40:00.000Z' });
const readAt = Date.parse('2026-12-06T19:52:28.000Z');

function known(connector: { status: string; updatedAt: string }, lastBoot: string, connected: boolean): ChargersAsKnown {
  const chargers: ChargersNow = { GEN1: { connectors: [{ connectorId: 1, ...connector }], lastBoot } };
  return { chargers, connected: () => connected, lastSeen: () => '2026-12-06T19:53:00.000Z', notRunning: notRunningSessions([tx], chargers) };
}
const charging = { status: 'Charging', updatedAt: '2026-12-06T19:40:01.000Z' };
/** A CSV row's fields, unquoted. */
const fieldsOf = (row: string): string[] => parse(row)[0];
const col = (row: string, name: (typeof transactionCsvColumns)[number]) => fieldsOf(row)[transactionCsvColumns.indexOf(name)];
const state = (row: string) => [col(row, 'State'), col(row, 'Warning')];

describe('a session held open, in the transactions CSV', () => {
  it('is Active, with no warning, while its charger is heard from and runs it', () => {
    const row = transactionCsvRow(tx, 367, transactionStanding(tx, known(charging, '2026-12-06T19:00:00.000Z', true), readAt));
    expect(state(row)).toEqual(['Active', '']);
    expect(col(row, 'Energy read at')).toBe('2026-12-06T19:52:28.000Z');
  });

  it('is Last known while its charger is offline, saying so and when its energy was read', () => {
    const row = transactionCsvRow(tx, 367, transactionStanding(tx, known(charging, '2026-12-06T19:00:00.000Z', false), readAt));
    const [s, warning] = state(row);
    expect(s).toBe('Last known');
    expect(warning).toContain('GEN1 is offline, last seen 2026-12-06T19:53:00.000Z');
    expect(warning).toContain('energy at its last reading, taken at 2026-12-06T19:52:28.000Z');
    expect(col(row, 'Energy (Wh)')).toBe('367');
  });

  it('is Not confirmed once its charger came back rebooted and its connector says Available', () => {
    const row = transactionCsvRow(tx, 367, transactionStanding(tx, known({ status: 'Available', updatedAt: '2026-12-06T19:55:00.000Z' }, '2026-12-06T19:54:00.000Z', true), readAt));
    const [s, warning] = state(row);
    expect(s).toBe('Not confirmed');
    expect(warning).toContain('most likely lost this session');
    expect(warning).toContain('taken at 2026-12-06T19:52:28.000Z');
  });

  it('is Not running when its connector reports Available since it started without a reboot', () => {
    const row = transactionCsvRow(tx, null, transactionStanding(tx, known({ status: 'Available', updatedAt: '2026-12-06T19:55:00.000Z' }, '2026-12-06T19:00:00.000Z', true), null));
    const [s, warning] = state(row);
    expect(s).toBe('Not running');
    expect(warning).toBe('Not running: record says open; connector 1 reports Available; no energy reading recorded');
  });

  // A StopTransaction for a transaction the bench never started, received after the session started (stray-stop's unknownStopDuring).
  const stray = { chargerId: 'GEN1', transactionId: 1003, connectorId: null, at: '2026-12-06T19:56:00.000Z', openThen: [7] };
  const withStop = (k: ChargersAsKnown, stop: typeof stray): ChargersAsKnown => ({ ...k, unknownStop: () => stop });

  it('is Not confirmed once its charger rebooted and a stray StopTransaction came, whatever its connector says, naming that stop in UTC', () => {
    const row = transactionCsvRow(tx, 367, transactionStanding(tx, withStop(known(charging, '2026-12-06T19:54:00.000Z', true), stray), readAt));
    const [s, warning] = state(row);
    expect(s).toBe('Not confirmed');
    expect(warning).toBe(
      "Not confirmed: GEN1 has booted (at 2026-12-06T19:54:00.000Z) since this session started and no StopTransaction with its transactionId came, but a StopTransaction for unknown transaction 1003 came at 2026-12-06T19:56:00.000Z on this charger after it started (the bench did not apply it; it may be this session's stop, sent with a wrong transactionId); connector 1 now reports Charging: the charger may no longer run this session (most likely lost or ended); energy at its last reading, taken at 2026-12-06T19:52:28.000Z",
    );
  });

  it('names the stray stop instead of "no StopTransaction came" when its connector says Available too, and every session open there then', () => {
    const available = known({ status: 'Available', updatedAt: '2026-12-06T19:55:00.000Z' }, '2026-12-06T19:54:00.000Z', true);
    const [s, warning] = state(transactionCsvRow(tx, 367, transactionStanding(tx, withStop(available, { ...stray, openThen: [7, 8] }), readAt)));
    expect(s).toBe('Not confirmed');
    expect(warning).toContain('connector 1 has reported Available since 2026-12-06T19:55:00.000Z, no StopTransaction with its transactionId came, but a StopTransaction for unknown transaction 1003');
    expect(warning).toContain('while sessions #7 and #8 were open there (the bench applied it to none of them');
    expect(warning).not.toContain('yet no StopTransaction came');
  });

  it('stays Active without a reboot since it started, naming the stray stop as the list does', () => {
    const [s, warning] = state(transactionCsvRow(tx, 367, transactionStanding(tx, withStop(known(charging, '2026-12-06T19:00:00.000Z', true), stray), readAt)));
    expect(s).toBe('Active');
    expect(warning).toBe(
      "A StopTransaction for unknown transaction 1003 came at 2026-12-06T19:56:00.000Z on this charger while the bench's session #7 was open there: not applied to #7 (the charger may have meant to end it).",
    );
  });

  it('is Finished once stopped, with its own warning', () => {
    const done = { ...tx, active: false, stopTime: '2026-12-06T20:00:00.000Z', meterStop: 2000, energyWh: 1000 };
    expect(state(transactionCsvRow(done, 1000, transactionStanding(done, known(charging, '2026-12-06T19:00:00.000Z', false), null)))).toEqual(['Finished', '']);
  });
});

describe("an export's file name", () => {
  const at = new Date('2026-12-06T19:50:20.000Z');
  it('says its time is UTC, and names the one action the log was filtered by', () => {
    expect(exportFileName({ format: 'csv', filter: { chargerId: 'GEN1', actions: ['DataTransfer'] } }, at)).toBe('chargebench-log-GEN1-DataTransfer-20261206-195020Z.csv');
    expect(exportFileName({ format: 'json', filter: { actions: ['Heartbeat', 'DataTransfer'] } }, at)).toBe('chargebench-log-20261206-195020Z.json');
  });
});
