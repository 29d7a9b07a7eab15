// One time format for the UI, the console and the CLI: the locale decides 12 or 24 hours and the order;
// milliseconds for frames in the message log.
import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatDateTime } from '../../../../src/shared/format/time';

const t = '2026-12-02T15:04:05.678Z';
const utc = { timeZone: 'UTC' };

describe('time format', () => {
  it('writes 24-hour time where the locale does, 12-hour where it does, with seconds unless told not to', () => {
    expect(formatClock(t, { ...utc, locale: 'en-GB' })).toBe('15:04:05');
    expect(formatClock(t, { ...utc, locale: 'de-DE', seconds: false })).toBe('15:04');
    expect(formatClock(t, { ...utc, locale: 'en-US' }).replace(/\s/g, ' ')).toBe('03:04:05 PM');
  });

  it('writes dates in the locale’s order and leaves text that is not a time as it is', () => {
    expect(formatDateTime(t, { ...utc, locale: 'en-GB' })).toBe('2 Dec 2026, 15:04:05');
    expect(formatDate(Date.parse(t), { ...utc, locale: 'de-DE' })).toBe('2. Dez. 2026');
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  it('adds milliseconds when asked, where the order within a second matters', () => {
    expect(formatDateTime(t, { ...utc, locale: 'en-GB', milliseconds: true })).toBe('2 Dec 2026, 15:04:05.678');
    expect(formatClock(t, { ...utc, locale: 'en-GB', seconds: false, milliseconds: true })).toBe('15:04:05.678');
  });
});
