// A time in a file that leaves the machine (the commissioning report, the site summary) says its zone, so a
// reader elsewhere (or a browser in another zone showing the same instant) can tell which instant it is.
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDateTimeWithZone } from '../../../../src/shared/format/time';

const t = '2026-12-05T15:02:05.000Z';

describe('a date and time with its zone', () => {
  it('writes the time in the given zone with its offset from UTC', () => {
    expect(formatDateTimeWithZone(t, { locale: 'en-US', timeZone: 'UTC' })).toBe('Dec 5, 2026, 03:02:05 PM UTC');
    expect(formatDateTimeWithZone(t, { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe('5. Dez. 2026, 16:02:05 UTC+01:00');
    expect(formatDateTimeWithZone(t, { locale: 'en-GB', timeZone: 'Asia/Kolkata' })).toBe('5 Dec 2026, 20:32:05 UTC+05:30');
    expect(formatDateTimeWithZone(t, { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Dec 5, 2026, 10:02:05 AM UTC-05:00');
  });

  it('follows the zone’s own offset on the day (summer time)', () => {
    expect(formatDateTimeWithZone('2026-07-01T12:00:00.000Z', { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('1 Jul 2026, 14:00:00 UTC+02:00');
  });

  it('is the machine’s zone when none is given, and the same time as formatDateTime with the zone added', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatDateTimeWithZone(t)).toBe(formatDateTimeWithZone(t, { timeZone: zone }));
    expect(formatDateTimeWithZone(t).startsWith(`${formatDateTime(t)} UTC`)).toBe(true);
  });

  it('leaves what is not a time as it is', () => {
    expect(formatDateTimeWithZone('not a time')).toBe('not a time');
  });
});
