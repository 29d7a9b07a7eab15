// Primitive types of the OCPP 1.6 JSON schemas, as zod: date-time (RFC 3339 with an offset), integer,
// decimal, URI. They follow the JSON schemas exactly, not JavaScript's habits: an integer is any JSON
// number without a fraction (2^60 included), and RFC 3339 lets "T" and "Z" be written in lower case.
import { z } from 'zod';

/** The CALLERROR code a custom check maps to (read by errorForIssues from the issue's params). */
export type OcppIssueCode = 'TypeConstraintViolation' | 'PropertyConstraintViolation';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** True for a real RFC 3339 date-time with an offset: the calendar date exists and the fields are in range. */
export function isRfc3339(s: string): boolean {
  // The usual form (what toISOString gives) needs no regex and none of its captured strings.
  if (canonicalIsoMillis(s) !== null) return true;
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [, y, mo, d, h, mi, sec, , , oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > daysInMonth(Number(y), month) || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 60) return false;
  return oh === undefined || (Number(oh) <= 23 && Number(om) <= 59);
}

/** The days of a month (1-12) in the Gregorian calendar, for any year (0000 and 1900 alike). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Epoch milliseconds of a time written exactly as toISOString writes it (2026-03-01T10:00:00.000Z) with
 * every field in range, or null for any other text: it then reads back as the very same text.
 * Read field by field (a sampled value's time, thousands a second: a parse and a round trip cost 4×).
 */
export function canonicalIsoMillis(t: string): number | null {
  if (t.length !== 24 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 84 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return null;
  if (t.charCodeAt(19) !== 46 || t.charCodeAt(23) !== 90) return null;
  const y = digits(t, 0, 4);
  const mo = digits(t, 5, 7);
  const d = digits(t, 8, 10);
  const h = digits(t, 11, 13);
  const mi = digits(t, 14, 16);
  const s = digits(t, 17, 19);
  const ms = digits(t, 20, 23);
  // Years below 100 are left to the slow path: Date.UTC reads them as 19xx.
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** The number written in t[from, to) in decimal digits, or -1. */
function digits(t: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export const DateTime = z.string().check(z.refine(isRfc3339, { message: 'must be an RFC 3339 date-time with an offset, e.g. 2024-05-01T12:00:00Z', params: { ocpp: 'PropertyConstraintViolation' } }));
export const Integer = z.number().check(z.refine(Number.isInteger, { message: 'expected an integer, got a number with a fraction', params: { ocpp: 'TypeConstraintViolation' } }));
export const Decimal = z.number();

/** The largest OCPP 1.6 integer: 32-bit, signed (the schemas set no bound: the bench's rules for what it sends do). */
export const MAX_OCPP_INTEGER = 2147483647;
/** The smallest OCPP 1.6 integer. */
export const MIN_OCPP_INTEGER = -2147483648;
export const Uri = z.url();
