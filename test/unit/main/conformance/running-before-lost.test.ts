// A run's setup stops (RemoteStopTransaction) each session running on its charger when the run starts, but
// not one its charger lost at a reboot (it booted after the session started and its connector has said
// Available since): the charger would refuse the stop, so the run leaves it as it is. One whose connector
// reports Preparing or Charging since the boot may still run: it is stopped.
import { describe, expect, it } from 'vitest';
import { leftOf, runningAtRunStart, sessionsAtRunStart } from '../../../../src/main/conformance/running-before';
import { leftAsItIs } from '../../../../src/shared/api/left-notes';
import { formatDateTimeWithZone } from '../../../../src/shared/format/time';
import type { ConnectorRecord, TransactionRecord } from '../../../../src/shared/records';
import { aConnectorRecord, aTransactionRecord } from '../../../helpers/records';

const at = (min: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + min * 60_000).toISOString();
const tx = (transactionId: number, connectorId: number, startedMin: number): TransactionRecord =>
  aTransactionRecord({ transactionId, chargerId: 'VCP1', connectorId, idTag: `TAG-${transactionId}`, startTime: at(startedMin) });
const connector = (connectorId: number, status: ConnectorRecord['status'], min: number): ConnectorRecord => aConnectorRecord({ connectorId, status, updatedAt: at(min) });

describe('the sessions a run takes as running when it starts', () => {
  it('leaves out one lost at a reboot (connector Available since the boot), keeps one running since', () => {
    const open = [tx(1, 1, 0), tx(3, 2, 6)];
    const charger = { lastBoot: at(5), connectors: [connector(1, 'Available', 5.5), connector(2, 'Charging', 6.5)] };
    expect(runningAtRunStart(open, charger).map((t) => t.transactionId)).toEqual([3]);
  });

  it('keeps one whose connector reports Preparing or Charging since the boot (it may still run), and all without a reboot since', () => {
    const open = [tx(1, 1, 0), tx(2, 2, 0)];
    expect(runningAtRunStart(open, { lastBoot: at(5), connectors: [connector(1, 'Preparing', 5.5), connector(2, 'Charging', 5.5)] }).map((t) => t.transactionId)).toEqual([1, 2]);
    expect(runningAtRunStart(open, { lastBoot: null, connectors: [connector(1, 'Charging', 5.5)] }).map((t) => t.transactionId)).toEqual([1, 2]);
    expect(runningAtRunStart(open, undefined)).toHaveLength(2);
  });
});

describe('the words for one left as it is, not running by the rule (no reboot)', () => {
  // Started at 10:00 (received then); connector 1 said Available at 10:04, with no reboot since.
  const open = [aTransactionRecord({ transactionId: 7, chargerId: 'VCP1', connectorId: 1, idTag: 'GONE', startTime: at(0), receivedAt: at(0) })];
  const charger = { id: 'VCP1', lastBoot: at(-60), connectors: [connector(1, 'Available', 4)] };

  it('say when the connector reported and when the session started, each as what it is, and read back as left on purpose', () => {
    const note = sessionsAtRunStart(open, charger).left[0]!;
    const [reported, started] = [formatDateTimeWithZone(at(4)), formatDateTimeWithZone(at(0))];
    expect(note).toBe(
      `transaction 7 (connector 1, idTag GONE): left as it is, not sent a RemoteStopTransaction: not running: connector 1 reported Available at ${reported}, after it started at ${started} (the charger would refuse to stop it); close it in the record`,
    );
    expect(note).not.toContain('since it started');
    expect(leftOf(note)).toEqual({ transactionId: 7, cause: `connector 1 reported Available at ${reported}, after it started at ${started}`, left: 'notRunning' });
    // The run screen shows it apart from what could not be put right, without saying "left as it is" twice.
    expect(leftAsItIs([note, 'connector 2 is Finishing: the next case may fail'])).toEqual({
      left: [
        `transaction 7 (connector 1, idTag GONE): not running: connector 1 reported Available at ${reported}, after it started at ${started} (the charger would refuse to stop it); close it in the record`,
      ],
      problems: ['connector 2 is Finishing: the next case may fail'],
    });
  });
});
