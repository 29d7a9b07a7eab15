// OCPP 1.6 integers are 32-bit and signed: a charger overflows on a larger one. The JSON schemas (and so the
// bench's zod schemas, which follow them exactly) set no bound, so the bench's rules add it, for every
// integer field of every action's request at once: the fields are found in the action's own schema (each
// one the Integer primitive), not listed by hand, so a field cannot be left out. Said in the words the
// operation forms use for the field ("A reservation id is at most 2147483647 (OCPP 1.6 integers are 32-bit)").
import { z } from 'zod';
import { actions, type CentralSystemAction } from '../ocpp16/actions';
import { Integer, MAX_OCPP_INTEGER, MIN_OCPP_INTEGER } from '../ocpp16/primitives';

/** The words for an integer field, by its name (the last part of its path), as the forms' labels say it. */
const FIELD_WORDS: Record<string, string> = {
  connectorId: 'A connector number',
  transactionId: 'A transaction id',
  reservationId: 'A reservation id',
  listVersion: 'A list version',
  chargingProfileId: 'A charging profile id',
  id: 'A charging profile id',
  stackLevel: 'A stack level',
  duration: 'A duration (s)',
  startPeriod: "A period's start (s)",
  numberPhases: 'A number of phases',
  retries: 'The number of retries',
  retryInterval: 'The retry interval (s)',
  requestId: 'A request id',
};

/** A field's words: its own, or its name. */
export const integerFieldWords = (path: string): string => {
  const name = path.slice(path.lastIndexOf('.') + 1);
  return FIELD_WORDS[name] ?? name;
};

/** What is wrong with a whole number for an OCPP integer field at `path`, in words naming the field and the limit; null when it fits 32 bits. */
export function int32Problem(path: string, v: number): string | null {
  if (v > MAX_OCPP_INTEGER) return `${integerFieldWords(path)} is at most ${MAX_OCPP_INTEGER} (OCPP 1.6 integers are 32-bit)`;
  if (v < MIN_OCPP_INTEGER) return `${integerFieldWords(path)} is at least ${MIN_OCPP_INTEGER} (OCPP 1.6 integers are 32-bit)`;
  return null;
}

/** Each whole number of `value` that `schema` reads as an OCPP integer, with its path ("chargingProfile.chargingSchedule.chargingSchedulePeriod.0.startPeriod"). */
function* integersIn(schema: z.ZodType, value: unknown, path: string): Generator<[string, number]> {
  if (schema === Integer) {
    if (typeof value === 'number' && Number.isInteger(value)) yield [path, value];
    return;
  }
  if (value === undefined || value === null) return;
  if (schema instanceof z.ZodOptional) {
    yield* integersIn(schema.unwrap() as z.ZodType, value, path);
  } else if (schema instanceof z.ZodObject) {
    if (typeof value !== 'object' || Array.isArray(value)) return;
    const shape = schema.shape as Record<string, z.ZodType>;
    for (const [key, field] of Object.entries(shape)) yield* integersIn(field, (value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
  } else if (schema instanceof z.ZodArray) {
    if (!Array.isArray(value)) return;
    const element = schema.element as z.ZodType;
    for (let i = 0; i < value.length; i++) yield* integersIn(element, value[i], `${path}.${i}`);
  }
}

/** Every integer field of `action`'s request `payload` outside 32 bits, by its path, in words (the first of each path only). */
export function int32Errors(action: CentralSystemAction, payload: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, v] of integersIn(actions[action].request as z.ZodType, payload, '')) {
    const problem = int32Problem(path, v);
    if (problem) errors[path] ??= problem;
  }
  return errors;
}
