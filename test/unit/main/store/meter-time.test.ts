// A sampled value's time is stored as epoch milliseconds only when that reads back as the very text the
// charger sent; anything else (an offset, no milliseconds, a date that does not exist) is kept as sent.
// And the date-time check of the schemas knows the calendar for every year.
import { describe, expect, it } from 'vitest';
import { packTime } from '../../../../src/main/store/repositories/meter-values';
import { unpackTime } from '../../../../src/shared/api/meter-readings';
import { canonicalIsoMillis, isRfc3339 } from '../../../../src/shared/ocpp16/primitives';

/** What the time packing did before its fast path: a parse and a round trip. */
const slowPack = (t: string): number | string => {
  const ms = Date.parse(t);
  return Number.isFinite(ms) && new Date(ms).toISOString() === t ? ms : t;
};

describe('a sampled value time, packed', () => {
  it('reads back as exactly the text sent, whatever the text', () => {
    const texts = [
      '2026-03-01T10:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '0050-06-01T12:00:00.000Z',
      '0000-02-29T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2026-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-03-01T24:00:00.000Z',
      '2026-03-01T10:60:00.000Z',
      '2026-03-01T10:00:60.000Z',
      '2026-03-01T10:00:00Z',
      '2026-03-01T10:00:00.000+00:00',
      '2026-03-01t10:00:00.000z',
      '2026-03-01T10:00:00.0000Z',
      '2026-13-01T10:00:00.000Z',
      '2026-00-10T10:00:00.000Z',
      '2026-03-00T10:00:00.000Z',
      '+02026-03-01T10:00:00.000Z',
      '2026-03-01T1a:00:00.000Z',
      'not a time at all, 24 ch',
    ];
    for (const t of texts) {
      const packed = packTime(t);
      expect(unpackTime(packed), t).toBe(t);
      expect(packed, t).toEqual(slowPack(t));
    }
  });

  it('packs the same as a parse and a round trip, across many times', () => {
    for (let ms = Date.UTC(1999, 11, 31, 23, 59, 59, 990); ms < Date.UTC(2100, 0, 1); ms += 86_399_977) {
      const t = new Date(ms).toISOString();
      expect(canonicalIsoMillis(t)).toBe(ms);
    }
  });
});

describe('the schemas date-time check', () => {
  it('knows leap years the Gregorian way, also for years before 100', () => {
    expect(isRfc3339('2024-02-29T00:00:00Z')).toBe(true);
    expect(isRfc3339('2026-02-29T00:00:00Z')).toBe(false);
    expect(isRfc3339('1900-02-29T00:00:00Z')).toBe(false);
    expect(isRfc3339('2000-02-29T00:00:00Z')).toBe(true);
    expect(isRfc3339('0000-02-29T00:00:00Z')).toBe(true);
    expect(isRfc3339('0004-02-29T00:00:00Z')).toBe(true);
    expect(isRfc3339('2026-04-31T00:00:00Z')).toBe(false);
    expect(isRfc3339('2026-12-31T23:59:60+01:00')).toBe(true);
  });

  it('gives the same verdict for times in the usual form (checked without the regex) as the full check', () => {
    // The full check alone: what isRfc3339 did before it took the usual form's shortcut.
    const full = (s: string): boolean => {
      const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(s);
      if (!m) return false;
      const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
      const days = mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
      return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h <= 23 && mi <= 59 && sec <= 60;
    };
    const texts = ['2026-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z', '2026-04-31T10:00:00.000Z', '2026-03-01T24:00:00.000Z', '2026-03-01T23:60:00.000Z'];
    texts.push('2026-03-01T23:59:60.000Z', '2026-00-01T10:00:00.000Z', '2026-03-00T10:00:00.000Z', '0050-06-01T12:00:00.000Z', '2026-03-01T1a:00:00.000Z');
    for (const t of texts) expect(isRfc3339(t), t).toBe(full(t));
  });
});
