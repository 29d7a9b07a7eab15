// Form checks for the operation panels: the payload is checked with the core's own zod schema
// (actions[Action].request) and each problem is said in plain words on the field it belongs to.
import type { z } from 'zod';
import { actions, DateTime, Integer, type RequestOf } from '../../../../shared/ocpp16';
import type { OperationAction } from './meanings';

/** Field path as the core names it ("idTag", "chargingProfile.chargingSchedule.chargingSchedulePeriod.0.limit") to message. */
export type FieldErrors = Record<string, string>;

export type Checked<A extends OperationAction> = { ok: true; payload: RequestOf<A>; errors: FieldErrors } | { ok: false; errors: FieldErrors };

export function checkPayload<A extends OperationAction>(action: A, payload: unknown): Checked<A> {
  const schema = actions[action].request as z.ZodType;
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, payload: parsed.data as RequestOf<A>, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || 'payload';
    errors[path] ??= plainIssue(issue, valueAt(payload, issue.path), leafAt(schema, issue.path));
  }
  return { ok: false, errors };
}

/** One zod issue in words an installer understands. */
export function plainIssue(issue: z.core.$ZodIssue, value: unknown, leaf?: unknown): string {
  if (value === undefined && issue.code !== 'unrecognized_keys') return issue.code === 'too_small' && issue.origin === 'array' ? `Add at least ${String(issue.minimum)}` : 'Required';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int' || isIntSchema(leaf)) return 'Enter a whole number';
      if (issue.expected === 'number') return 'Enter a number';
      if (issue.expected === 'string') return 'Enter text';
      return `Expected ${issue.expected}`;
    case 'too_big':
      if (issue.origin === 'string') return `At most ${String(issue.maximum)} characters (this one has ${typeof value === 'string' ? value.length : '?'})`;
      if (issue.origin === 'array') return `At most ${String(issue.maximum)} entries`;
      return `At most ${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'Required' : `At least ${String(issue.minimum)} characters`;
      if (issue.origin === 'array') return `Add at least ${String(issue.minimum)}`;
      return `At least ${String(issue.minimum)}`;
    case 'invalid_format':
      if (issue.format === 'datetime') return 'Enter a date and time';
      if (issue.format === 'url') return 'Enter a full URL, e.g. ftp://host/path or https://host/file.bin';
      return `Not a valid ${issue.format}`;
    case 'invalid_value':
      return `Choose one of: ${issue.values.map(String).join(', ')}`;
    case 'not_multiple_of':
      return `Use steps of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `Not an OCPP field: ${issue.keys.join(', ')}`;
    case 'custom':
      // The OCPP primitives' own checks (an integer with a fraction, a date-time that is not RFC 3339).
      if (leaf === Integer) return 'Enter a whole number';
      if (leaf === DateTime) return 'Enter a date and time';
      return issue.message;
    default:
      return issue.message;
  }
}

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let v = payload;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

interface SchemaDef {
  type?: string;
  innerType?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
}
const defOf = (s: unknown): SchemaDef | undefined => (s as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

/** The schema at a path, to tell a whole-number field from a decimal one when the input is not a number. */
function leafAt(schema: unknown, path: readonly PropertyKey[]): unknown {
  let s = schema;
  for (const k of path) {
    let d = defOf(s);
    while (d && (d.type === 'optional' || d.type === 'default' || d.type === 'nullable')) {
      s = d.innerType;
      d = defOf(s);
    }
    if (d?.type === 'object' && d.shape) s = d.shape[String(k)];
    else if (d?.type === 'array') s = d.element;
    else return undefined;
  }
  let d = defOf(s);
  while (d && (d.type === 'optional' || d.type === 'default' || d.type === 'nullable')) {
    s = d.innerType;
    d = defOf(s);
  }
  return s;
}

const isIntSchema = (s: unknown) => s === Integer || (s as { isInt?: boolean } | undefined)?.isInt === true;

// ---- from form text to payload values -------------------------------------------------------------

/** Form text to a number for the payload: blank is absent; text that is not a number stays text, so the schema names it. */
export function numberOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : t;
}

/** A datetime-local input's value (local time) to the RFC 3339 time OCPP wants; blank is absent. */
export function dateOrText(local: string): string | undefined {
  const t = local.trim();
  if (t === '') return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? t : d.toISOString();
}

/** A time as a datetime-local input shows it (local, to the minute). */
export function toLocalInput(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** Text to the payload: blank is absent (for optional string fields). */
export const textOrAbsent = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

/** Drops keys whose value is undefined, so optional fields are left out of the JSON rather than null. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** TextField props for a field: the error (if any) in place of the helper text. */
export function fieldState(errors: FieldErrors, path: string, helper?: string): { error: boolean; helperText?: string } {
  const message = errors[path];
  return message ? { error: true, helperText: message } : { error: false, helperText: helper };
}
