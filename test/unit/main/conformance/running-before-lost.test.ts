// A run's setup stops (RemoteStopTransaction) each session running on its charger when the run starts, but
// not one its charger lost at a reboot (it booted after the session started and its connector has said
// Available since): the charger would refuse the stop, so the run leaves it as it is. One whose connector
// reports Preparing or Charging since the boot may still run: it is stopped.
import { describe, expect, it } from 'vitest';
import { runningAtRunStart } from '../../../../src/main/conformance/running-before';
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
