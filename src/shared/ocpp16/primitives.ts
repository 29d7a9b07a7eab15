// Primitive types of the OCPP 1.6 JSON schemas, as zod: date-time (RFC 3339 with an offset), integer,
// decimal, URI. They follow the JSON schemas exactly, not JavaScript's habits: an integer is any JSON
// number without a fraction (2^60 included), and RFC 3339 lets "T" and "Z" be written in lower case.
import { z } from 'zod';

/** The CALLERROR code a custom check maps to (read by errorForIssues from the issue's params). */
export type OcppIssueCode = 'TypeConstraintViolation' | 'PropertyConstraintViolation';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** True for a real RFC 3339 date-time with an offset: the calendar date exists and the fields are in range. */
export function isRfc3339(s: string): boolean {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [, y, mo, d, h, mi, sec, , , oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > days || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 60) return false;
  return oh === undefined || (Number(oh) <= 23 && Number(om) <= 59);
}

export const DateTime = z.string().check(z.refine(isRfc3339, { message: 'must be an RFC 3339 date-time with an offset, e.g. 2024-05-01T12:00:00Z', params: { ocpp: 'PropertyConstraintViolation' } }));
export const Integer = z.number().check(z.refine(Number.isInteger, { message: 'expected an integer, got a number with a fraction', params: { ocpp: 'TypeConstraintViolation' } }));
export const Decimal = z.number();
export const Uri = z.url();
