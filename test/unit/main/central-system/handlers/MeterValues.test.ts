// MeterValues: the values are kept for the charger's own transaction; values naming another charger's
// transaction (or one the bench never gave out) are kept as the charger's own readings, with a warning.
import { describe, expect, it } from 'vitest';
import { MeterValues } from '../../../../../src/main/central-system/handlers/MeterValues';
import { StartTransaction } from '../../../../../src/main/central-system/handlers/StartTransaction';
import { fakeContext } from './fake-context';

const sample = (value: string) => [{ timestamp: '2026-03-01T12:00:00Z', sampledValue: [{ value }] }];

describe('MeterValues', () => {
  it("ties the values to the charger's own transaction and publishes them", () => {
    const f = fakeContext('CP1');
    const { transactionId } = StartTransaction(f.ctx, { connectorId: 1, idTag: 'T', meterStart: 0, timestamp: '2026-03-01T12:00:00Z' });
    expect(MeterValues(f.ctx, { connectorId: 1, transactionId, meterValue: sample('10') })).toEqual({});
    expect(f.meterValues).toEqual([expect.objectContaining({ chargerId: 'CP1', transactionId, value: '10' })]);
    expect(f.published.at(-1)).toMatchObject({ type: 'meterValues', chargerId: 'CP1', transactionId });
    expect(f.events).toEqual([]);
  });

  it("keeps another charger's transaction out of it, with a warning naming the owner", () => {
    const f = fakeContext('CP1');
    const { transactionId } = StartTransaction(f.ctx, { connectorId: 1, idTag: 'T', meterStart: 0, timestamp: '2026-03-01T12:00:00Z' });
    MeterValues(f.as('CP2'), { connectorId: 1, transactionId, meterValue: sample('999') });
    expect(f.meterValues).toEqual([expect.objectContaining({ chargerId: 'CP2', transactionId: null, value: '999' })]);
    expect(f.events).toEqual([{ chargerId: 'CP2', action: 'MeterValues', data: expect.objectContaining({ warning: expect.stringContaining('belongs to charger CP1') }) }]);
  });

  it('warns about a transaction the bench never gave out', () => {
    const f = fakeContext('CP1');
    MeterValues(f.ctx, { connectorId: 1, transactionId: 42, meterValue: sample('1') });
    expect(f.meterValues[0].transactionId).toBeNull();
    expect(f.events[0].data.warning).toContain('never started');
  });
});
