// Mutated OCPP frames from a fixed seed: every charge-point action, valid to start with, then broken the
// ways a hostile or broken charger breaks them (deep nesting, huge and odd numbers, unicode, wrong types,
// missing and unknown fields, long strings, broken framing). The same seed gives the same frames.
// The oracle of validity is independent: ocpp-rpc's validator of the official OCPP 1.6 JSON schemas (ajv).
import { createValidator } from 'ocpp-rpc';
import schemas from 'ocpp-rpc/lib/schemas/ocpp1_6.json' with { type: 'json' };
import { errorCodes } from '../../src/shared/ocpp16';
import { seededRandom } from './random';

const now = '2026-03-01T12:00:00Z';

/** A valid request of each charge-point action. */
export const validRequests: Record<string, () => Record<string, unknown>> = {
  Authorize: () => ({ idTag: 'TAG1' }),
  BootNotification: () => ({ chargePointVendor: 'Fuzz', chargePointModel: 'F1', firmwareVersion: '1.0', chargePointSerialNumber: 'S1' }),
  DataTransfer: () => ({ vendorId: 'com.fuzz', messageId: 'm', data: 'hello' }),
  DiagnosticsStatusNotification: () => ({ status: 'Idle' }),
  FirmwareStatusNotification: () => ({ status: 'Idle' }),
  Heartbeat: () => ({}),
  MeterValues: () => ({
    connectorId: 1,
    transactionId: 1,
    meterValue: [
      {
        timestamp: now,
        sampledValue: [
          { value: '1234', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
          { value: '7000', measurand: 'Power.Active.Import', unit: 'W' },
        ],
      },
    ],
  }),
  StartTransaction: () => ({ connectorId: 1, idTag: 'TAG1', meterStart: 100, timestamp: now }),
  StatusNotification: () => ({ connectorId: 1, errorCode: 'NoError', status: 'Available', info: 'ok' }),
  StopTransaction: () => ({ meterStop: 200, timestamp: now, transactionId: 1, reason: 'Local' }),
  SecurityEventNotification: () => ({ type: 'SettingSystemTime', timestamp: now }),
  SignCertificate: () => ({ csr: '-----BEGIN CERTIFICATE REQUEST-----' }),
  SignedFirmwareStatusNotification: () => ({ status: 'Idle', requestId: 1 }),
  LogStatusNotification: () => ({ status: 'Idle', requestId: 1 }),
};
export const chargePointActions = Object.keys(validRequests);

export interface FuzzFrame {
  text: string;
  /** The message id, when the frame is a CALL whose id a receiver can read. */
  id: string | null;
  action: string;
  /** What was done to it. */
  mutations: string[];
}

type Json = unknown;
const weirdStrings = ['😀'.repeat(30), '\u202Eevil\u202C', 'a\u0000b', '\u001b[2J\u001b[H', 'é'.repeat(60), '\uFFFF', ' ', '', 'x'.repeat(10_000), '\n\r\t'];
const weirdNumbers = [1e308, -1e308, 2 ** 60, -(2 ** 53) - 2, 0.5, -0, 1e-300, 4294967296, -1];
const wrongTypes: Json[] = [null, true, 'text', 5, 1.5, [], {}, [1, 2], { a: 1 }];

/** Nested arrays `depth` deep around `inner`. */
function nested(depth: number, inner: Json = 'Available'): string {
  return `${'['.repeat(depth)}${JSON.stringify(inner)}${']'.repeat(depth)}`;
}

/** Paths to every leaf and object of a value, for picking a place to break. */
function paths(v: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function setAt(root: Json, path: Array<string | number>, value: Json | undefined): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let o = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(o)) o.splice(last as number, 1);
    else delete o[last];
  } else o[last] = value;
  return copy;
}

/** The frames of one fuzz run: `count` frames over every action, `idPrefix` making ids unique per sender. */
export function fuzzFrames(seed: number, count: number, idPrefix: string): FuzzFrame[] {
  const r = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
  const frames: FuzzFrame[] = [];
  for (let n = 0; n < count; n++) {
    const action = chargePointActions[n % chargePointActions.length];
    const id = `${idPrefix}-${n}`;
    let payload: Json = validRequests[action]();
    const mutations: string[] = [];
    let deepAt: string | null = null;
    const times = 1 + Math.floor(r() * 2);
    for (let m = 0; m < times; m++) {
      const all = paths(payload).filter((p) => p.length > 0);
      const where = all.length ? pick(all) : [];
      const kind = r();
      if (kind < 0.16) {
        // Deep nesting somewhere in the payload: spliced into the text below, as a value no parser-and-
        // stringify round trip could carry.
        deepAt = where.length ? where.join('.') : 'payload';
        mutations.push(`deep nesting at ${deepAt}`);
      } else if (kind < 0.3 && where.length) {
        payload = setAt(payload, where, pick(weirdNumbers));
        mutations.push(`number at ${where.join('.')}`);
      } else if (kind < 0.44 && where.length) {
        payload = setAt(payload, where, pick(weirdStrings));
        mutations.push(`string at ${where.join('.')}`);
      } else if (kind < 0.6 && where.length) {
        payload = setAt(payload, where, pick(wrongTypes));
        mutations.push(`wrong type at ${where.join('.')}`);
      } else if (kind < 0.7 && where.length) {
        payload = setAt(payload, where, undefined);
        mutations.push(`removed ${where.join('.')}`);
      } else if (kind < 0.8) {
        payload = setAt(payload, [`unexpected${m}`], 'x');
        mutations.push('unknown field');
      } else {
        mutations.push('valid value');
      }
    }
    let text = JSON.stringify([2, id, action, payload]);
    if (deepAt !== null) {
      const depth = pick([40, 500, 4_300, 20_000]);
      const inner = JSON.stringify(payload);
      // Replace the payload (or one of its values) with the nested arrays, textually.
      const key = deepAt.split('.').pop()!;
      const at = inner.indexOf(`"${key}":`);
      const spliced = at >= 0 && deepAt !== 'payload' ? `${inner.slice(0, at)}"${key}":${nested(depth)}${skipValue(inner, at + key.length + 3)}` : `{"deep":${nested(depth)}}`;
      text = `[2,${JSON.stringify(id)},${JSON.stringify(action)},${spliced}]`;
    }
    let readable: string | null = id;
    const framing = r();
    if (framing < 0.04) {
      text = text.slice(0, Math.max(1, Math.floor(text.length * r())));
      readable = null;
      mutations.push('truncated text');
    } else if (framing < 0.06) {
      text = `[2,${JSON.stringify(id)},${JSON.stringify(action)}]`;
      mutations.push('no payload');
    } else if (framing < 0.08) {
      text = text.replace(/^\[2,/, '[7,');
      readable = null;
      mutations.push('unknown message type');
    } else if (framing < 0.1) {
      text = text.replace(JSON.stringify(action), JSON.stringify(pick(['MakeCoffee', 'Reset', '', 'ÿ'])));
      mutations.push('wrong action');
    } else if (framing < 0.11) {
      text = text.replace(JSON.stringify(id), String(n));
      readable = null;
      mutations.push('numeric id');
    }
    frames.push({ text, id: readable, action, mutations });
  }
  return frames;
}

/** The rest of a JSON text after the value starting at `from` (a scalar, string, array or object). */
function skipValue(text: string, from: number): string {
  let i = from;
  let depth = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (depth === 0) return text.slice(i);
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(i);
  }
  return text.slice(i);
}

/** OCPP-J's CALLERROR codes (either spelling of the occurrence one). */
export const specErrorCodes = new Set<string>([...errorCodes, 'OccurrenceConstraintViolation']);

const validator = createValidator('ocpp1.6', schemas);

/**
 * Whether ocpp-rpc finds the CALL valid: JSON, the right shape, a known action and a payload its schema
 * takes. One documented difference: the bench holds meterValue, sampledValue and chargingSchedulePeriod to
 * the spec's 1..* (the JSON schemas leave it out), so an empty one is invalid here too.
 */
export function validPerSchema(text: string): boolean {
  try {
    const frame = JSON.parse(text) as unknown[];
    if (!Array.isArray(frame) || frame.length !== 4 || frame[0] !== 2 || typeof frame[2] !== 'string') return false;
    validator.validate(`urn:${frame[2]}.req`, frame[3]);
    // The specification's field table is stricter than the JSON schema for a StatusNotification's
    // connectorId (>= 0, 0 the charger itself): the bench answers a negative one PropertyConstraintViolation.
    const payload = frame[3] as { connectorId?: unknown };
    if (frame[2] === 'StatusNotification' && typeof payload.connectorId === 'number' && payload.connectorId < 0) return false;
    return !/"(meterValue|sampledValue|chargingSchedulePeriod)":\[\]/.test(text);
  } catch {
    return false;
  }
}
