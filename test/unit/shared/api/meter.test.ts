// The one energy rule every screen and the record use: a register reading minus meterStart, with a
// reading below meterStart flagged rather than shown as 0 kWh; and readings grouped into samples.
import { describe, expect, it } from 'vitest';
import { deliveredWh, energyReadingSoFar, energySoFar, finalEnergy, toSamples, type MeterSample, type MeterValueRow } from '../../../../src/shared/api/meter';

const tx = { transactionId: 7, startTime: '2026-03-01T10:00:00.000Z', meterStart: 1000 };
const at = (iso: string) => Date.parse(iso);

describe('finalEnergy', () => {
  it('is the reading minus meterStart, zero included', () => {
    expect(finalEnergy(1000, 4500)).toEqual({ wh: 3500, warning: null });
    expect(finalEnergy(1000, 1000)).toEqual({ wh: 0, warning: null });
  });

  it('gives no energy for a reading below meterStart, and says why in words naming both readings', () => {
    const e = finalEnergy(1000, 400, 'meterStop');
    expect(e.wh).toBeNull();
    expect(e.warning).toBe('meterStop (400 Wh) is below meterStart (1000 Wh): the meter went backwards or was replaced, so no energy is given');
  });

  it('deliveredWh follows it: null for an impossible reading, never 0 or negative', () => {
    expect(deliveredWh(1500, 1000)).toBe(500);
    expect(deliveredWh(999, 1000)).toBeNull();
  });
});

describe('energySoFar', () => {
  const sample = (t: string, energyWh: number | undefined, transactionId: number | null = 7): MeterSample => ({ t: at(t), energyWh, transactionId });

  it("reads the newest energy reading of the transaction's own samples", () => {
    const samples = [
      sample('2026-03-01T10:01:00Z', 1200),
      sample('2026-03-01T10:02:00Z', 1800),
      // Power only: no energy reading, so the one before counts.
      sample('2026-03-01T10:03:00Z', undefined),
      // Another transaction's reading on the same connector does not count.
      sample('2026-03-01T10:04:00Z', 9000, 8),
    ];
    expect(energySoFar(tx, samples)).toBe(800);
  });

  it('counts a reading without a transactionId only from the start of the transaction on', () => {
    expect(energySoFar(tx, [sample('2026-03-01T09:59:59Z', 5000, null)])).toBeNull();
    expect(energySoFar(tx, [sample('2026-03-01T10:00:30Z', 1250, null)])).toBe(250);
  });

  it('is null before any reading, and null with the warning for a reading below meterStart (not 0 kWh)', () => {
    expect(energySoFar(tx, undefined)).toBeNull();
    expect(energySoFar(tx, [sample('2026-03-01T10:01:00Z', undefined)])).toBeNull();
    const backwards = [sample('2026-03-01T10:01:00Z', 1300), sample('2026-03-01T10:02:00Z', 900)];
    expect(energySoFar(tx, backwards)).toBeNull();
    expect(energyReadingSoFar(tx, backwards)).toEqual({ wh: null, warning: expect.stringContaining('(900 Wh) is below meterStart (1000 Wh)') });
  });
});

describe('toSamples', () => {
  // Its own row: the renderer tests' aMeterValue lives in the web project, which this one cannot import.
  const base = { chargerId: 'CP', connectorId: 1, transactionId: 7, phase: null, context: 'Sample.Periodic', location: null, format: 'Raw' };
  const row = (over: Partial<MeterValueRow>): MeterValueRow => ({ ...base, timestamp: '2026-03-01T10:01:00.000Z', value: '0', measurand: 'Energy.Active.Import.Register', unit: 'Wh', ...over });

  it('reads kWh as Wh, prefers a total over phases, sums L1..L3 without one, and sorts by time', () => {
    const samples = toSamples([
      row({ timestamp: '2026-03-01T10:02:00.000Z', value: '1.5', unit: 'kWh' }),
      row({ timestamp: '2026-03-01T10:02:00.000Z', measurand: 'Power.Active.Import', unit: 'W', phase: 'L1', value: '1000' }),
      row({ timestamp: '2026-03-01T10:02:00.000Z', measurand: 'Power.Active.Import', unit: 'W', phase: 'L2', value: '1100' }),
      row({ timestamp: '2026-03-01T10:01:00.000Z', value: '1200' }),
      row({ timestamp: '2026-03-01T10:01:00.000Z', value: '9999', phase: 'L1' }),
    ]);
    expect(samples.map((s) => [new Date(s.t).toISOString(), s.energyWh, s.powerW])).toEqual([
      ['2026-03-01T10:01:00.000Z', 1200, undefined],
      ['2026-03-01T10:02:00.000Z', 1500, 2100],
    ]);
  });
});
