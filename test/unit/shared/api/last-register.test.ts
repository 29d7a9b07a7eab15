// A session's last energy register reading (lastRegisterOf): the one rule the Transaction screen and the bench's
// own words (the commissioning's connectors step, via strayStopOf) read it by, so a stray stop whose meterStop
// is below it is "most likely not its stop" in both. Read from stored meter values as toSamples reads them.
import { describe, expect, it } from 'vitest';
import { lastRegisterOf } from '../../../../src/shared/api/stray-stop';
import { toSamples, type MeterValueRow } from '../../../../src/shared/api/meter';

const tx = { transactionId: 7, startTime: '2030-01-01T10:00:00.000Z', meterStart: 1000 };
const row = (timestamp: string, value: string, patch: Partial<MeterValueRow> = {}): MeterValueRow => ({
  chargerId: 'CP1',
  connectorId: 1,
  transactionId: 7,
  timestamp,
  value,
  measurand: 'Energy.Active.Import.Register',
  phase: null,
  unit: 'Wh',
  context: 'Sample.Periodic',
  location: null,
  format: 'Raw',
  ...patch,
});
const t = (iso: string) => Date.parse(iso);

describe('lastRegisterOf', () => {
  it('gives the newest register reading of the session, in Wh (kWh converted), with when it was taken', () => {
    const samples = toSamples([
      row('2030-01-01T10:05:00.000Z', '1200'),
      row('2030-01-01T10:06:00.000Z', '1.45', { unit: 'kWh' }),
      row('2030-01-01T10:07:00.000Z', '7400', { measurand: 'Power.Active.Import', unit: 'W' }),
    ]);
    expect(lastRegisterOf(tx, samples)).toEqual({ wh: 1450, at: t('2030-01-01T10:06:00.000Z') });
  });

  it('sums the phases when no total came, and leaves out an inlet register and other sessions’ readings', () => {
    const at = '2030-01-01T10:05:00.000Z';
    const samples = toSamples([
      row(at, '400', { phase: 'L1' }),
      row(at, '500', { phase: 'L2' }),
      row(at, '600', { phase: 'L3' }),
      row('2030-01-01T10:06:00.000Z', '9000', { location: 'Inlet' }),
      row('2030-01-01T10:07:00.000Z', '9000', { transactionId: 8 }),
      // One naming no transaction before the session's start is not its own.
      row('2030-01-01T09:59:00.000Z', '9000', { transactionId: null }),
    ]);
    expect(lastRegisterOf(tx, samples)).toEqual({ wh: 1500, at: t(at) });
  });

  it('passes over a reading taken at a time that cannot be read, and gives null with none', () => {
    const samples = toSamples([row('2030-01-01T10:05:00.000Z', '1200'), row('not a time', '1500')]);
    expect(lastRegisterOf(tx, samples)).toEqual({ wh: 1200, at: t('2030-01-01T10:05:00.000Z') });
    expect(lastRegisterOf(tx, toSamples([row('2030-01-01T10:05:00.000Z', '7400', { measurand: 'Power.Active.Import', unit: 'W' })]))).toBeNull();
  });
});
