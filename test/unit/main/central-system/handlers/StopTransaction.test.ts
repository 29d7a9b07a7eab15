// StopTransaction: only the charger's own running transaction is stopped; the first stop is kept.
import { describe, expect, it } from 'vitest';
import { StartTransaction } from '../../../../../src/main/central-system/handlers/StartTransaction';
import { StopTransaction } from '../../../../../src/main/central-system/handlers/StopTransaction';
import { fakeContext } from './fake-context';

const at = '2026-03-01T12:00:00Z';

describe('StopTransaction', () => {
  it("stops the charger's own transaction once; a second stop and another charger's are warnings", () => {
    const f = fakeContext('CP1');
    const { transactionId } = StartTransaction(f.ctx, { connectorId: 1, idTag: 'T', meterStart: 100, timestamp: at });
    expect(StopTransaction(f.as('CP2'), { transactionId, meterStop: 0, timestamp: at })).toEqual({});
    expect(f.transactions.get(transactionId)!.active).toBe(true);
    StopTransaction(f.ctx, { transactionId, meterStop: 300, timestamp: at, reason: 'Local' });
    StopTransaction(f.ctx, { transactionId, meterStop: 900, timestamp: at, reason: 'Remote' });
    expect(f.transactions.get(transactionId)).toMatchObject({ active: false, meterStop: 300, stopReason: 'Local', energyWh: 200 });
    expect(f.events.map((e) => e.data.warning)).toEqual([expect.stringContaining('belongs to charger CP1'), expect.stringContaining('the first stop is kept')]);
  });

  it("answers with the idTag's status when the stop carries one", () => {
    const f = fakeContext('CP1');
    const { transactionId } = StartTransaction(f.ctx, { connectorId: 1, idTag: 'T', meterStart: 0, timestamp: at });
    expect(StopTransaction(f.ctx, { transactionId, meterStop: 1, timestamp: at, idTag: 'T' })).toEqual({ idTagInfo: { status: 'Accepted' } });
  });
});
