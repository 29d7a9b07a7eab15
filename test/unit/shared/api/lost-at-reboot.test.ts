// THE rule of which sessions a run leaves as it is (session-state's lostAtReboot), read alike by the runner
// (main/conformance/running-before) and the confirmations (the renderer's leftByRuns, tested beside the
// renderer's): one its charger booted after it started whose connector has said Available since that boot,
// a newer session open on the same connector (superseded) or not: the charger lost both at the reboot.
import { describe, expect, it } from 'vitest';
import { lostAtReboot } from '../../../../src/shared/api/session-state';
import { runningAtRunStart, sessionsAtRunStart } from '../../../../src/main/conformance/running-before';
import type { TransactionRecord } from '../../../../src/shared/records';
import { aConnectorRecord, aTransactionRecord } from '../../../helpers/records';

const at = (min: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + min * 60_000).toISOString();
const tx = (transactionId: number, startedMin: number): TransactionRecord =>
  aTransactionRecord({ transactionId, chargerId: 'CP001', connectorId: 1, idTag: `TAG-${transactionId}`, startTime: at(startedMin), receivedAt: at(startedMin) });
/** Tx 5 then tx 6 started on connector 1, then the charger rebooted (at 5 min) and connector 1 said Available (at 5.5 min). */
const charger = { id: 'CP001', lastBoot: at(5), connectors: [aConnectorRecord({ connectorId: 1, status: 'Available', updatedAt: at(5.5) })] };
const seen = { connector: charger.connectors[0], lastBoot: charger.lastBoot };

describe('the sessions a run leaves as it is (lost at a reboot)', () => {
  it('both tx 5 and the newer tx 6 on the same connector, once it says Available since the reboot', () => {
    expect(lostAtReboot(tx(5, 0), seen)).toBe(true);
    expect(lostAtReboot(tx(6, 1), seen)).toBe(true);
    expect(runningAtRunStart([tx(5, 0), tx(6, 1)], charger)).toEqual([]);
    const found = sessionsAtRunStart([tx(5, 0), tx(6, 1)], charger);
    expect(found.held).toEqual([5, 6]);
    expect(found.left).toEqual([
      expect.stringMatching(/^transaction 5 \(connector 1, idTag TAG-5\): left as it is, not sent a RemoteStopTransaction: CP001 has booted since it started/),
      expect.stringMatching(/^transaction 6 /),
    ]);
  });

  it('not one started after the boot, nor one whose connector says Charging since it, nor one by a stray stop alone', () => {
    expect(lostAtReboot(tx(7, 6), seen)).toBe(false);
    expect(lostAtReboot(tx(5, 0), { connector: { status: 'Charging', updatedAt: at(5.5) }, lastBoot: at(5) })).toBe(false);
    expect(lostAtReboot(tx(5, 0), { connector: { status: 'Available', updatedAt: at(4) }, lastBoot: at(5) })).toBe(false);
    expect(lostAtReboot({ ...tx(5, 0), active: false }, seen)).toBe(false);
  });
});
