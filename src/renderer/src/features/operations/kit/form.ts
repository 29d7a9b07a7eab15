// Form checks for the operation panels: the payload is checked with the core's own zod schema
// (actions[Action].request) and the bench's own rules for what a person sends (shared/api/bench-rules:
// the same the bench refuses with a 400), each problem said in plain words on the field it belongs to;
// and the form text to payload values.
import type { z } from 'zod';
import { actions, type RequestOf } from '../../../../../shared/ocpp16';
import { issueWords } from '../../../../../shared/api/issues';
import { benchRuleErrors } from '../../../../../shared/api/bench-rules';
import type { OperationAction } from './actions';
import { benchNow } from '../../../components/benchClock';

/** Field path as the core names it ("idTag", "chargingProfile.chargingSchedule.chargingSchedulePeriod.0.limit") to message. */
export type FieldErrors = Record<string, string>;

export type Checked<A extends OperationAction> = { ok: true; payload: RequestOf<A>; errors: FieldErrors } | { ok: false; errors: FieldErrors };

/** What the bench's rules need besides the payload: the time now, and the charger's stack level limit when the UI knows it. */
export interface CheckContext {
  now?: number;
  maxStackLevel?: number | null;
}

export function checkPayload<A extends OperationAction>(action: A, payload: unknown, context: CheckContext = {}): Checked<A> {
  const schema = actions[action].request as z.ZodType;
  const parsed = schema.safeParse(payload);
  const rules = benchRuleErrors(action, payload, { now: context.now ?? benchNow(), maxStackLevel: context.maxStackLevel });
  if (parsed.success && Object.keys(rules).length === 0) return { ok: true, payload: parsed.data as RequestOf<A>, errors: {} };
  // The schema's word on a field comes first; the bench's rules name what the schema lets through.
  const schemaErrors = parsed.success ? {} : issueWords(parsed.error, { whole: 'payload', plain: { input: payload, schema } });
  return { ok: false, errors: { ...rules, ...schemaErrors } };
}

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
