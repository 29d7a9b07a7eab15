// OCPP-J framing: CALL / CALLRESULT / CALLERROR, the error codes of the spec, and a parser that says
// exactly what is wrong with a frame and which CALLERROR code answers it.
import type { z } from 'zod';

export const MessageType = { CALL: 2, CALLRESULT: 3, CALLERROR: 4 } as const;
export type FrameKind = 'CALL' | 'CALLRESULT' | 'CALLERROR';

export const errorCodes = [
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormationViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
] as const;
export type OcppErrorCode = (typeof errorCodes)[number];

/** Peers sometimes spell it correctly; the wire spelling of OCPP 1.6 is "Occurence". */
export function normalizeErrorCode(code: string): string {
  return code === 'OccurrenceConstraintViolation' ? 'OccurenceConstraintViolation' : code;
}

/** The longest unique message id OCPP-J allows. */
export const MAX_MESSAGE_ID_LENGTH = 36;

export type JsonObject = Record<string, unknown>;
export type CallFrame = [2, string, string, JsonObject];
export type CallResultFrame = [3, string, JsonObject];
export type CallErrorFrame = [4, string, string, string, JsonObject];
export type Frame = CallFrame | CallResultFrame | CallErrorFrame;

export interface OcppErrorInfo {
  code: OcppErrorCode;
  description: string;
  details?: JsonObject;
}

/** An error that is answered to the peer as a CALLERROR with this code. */
export class OcppError extends Error {
  constructor(
    readonly code: OcppErrorCode,
    message: string,
    readonly details: JsonObject = {},
  ) {
    super(message);
    this.name = 'OcppError';
  }
  toInfo(): OcppErrorInfo {
    return { code: this.code, description: this.message, details: this.details };
  }
}

export type ParsedFrame =
  | { ok: true; kind: 'CALL'; messageId: string; action: string; payload: JsonObject }
  | { ok: true; kind: 'CALLRESULT'; messageId: string; payload: JsonObject }
  | { ok: true; kind: 'CALLERROR'; messageId: string; error: { code: string; description: string; details: JsonObject } }
  /** `reply` is false where the spec says to ignore the frame (results, errors, unknown message types). */
  | { ok: false; kind?: FrameKind; messageId?: string; action?: string; error: OcppErrorInfo; reply: boolean };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const kindOf = (t: unknown): FrameKind | undefined => (t === 2 ? 'CALL' : t === 3 ? 'CALLRESULT' : t === 4 ? 'CALLERROR' : undefined);

/** Frames at least this long are scanned for nesting before they are parsed (small ones cannot be deep enough to cost). */
export const SCAN_BEFORE_PARSE_BYTES = 16 * 1024;

export function parseFrame(text: string): ParsedFrame {
  // A big frame nested thousands deep costs far more to parse than to refuse: it is refused unparsed.
  if (text.length >= SCAN_BEFORE_PARSE_BYTES && textNestsDeeperThan(text, MAX_NESTING)) {
    const head = /^\s*\[\s*(\d+)\s*,\s*"([^"\\]{1,36})"(?:\s*,\s*"([^"\\]{1,100})")?/.exec(text);
    const kind = head ? kindOf(Number(head[1])) : undefined;
    const parsed = bad(
      'FormationViolation',
      `Frame is nested deeper than ${MAX_NESTING} levels of arrays and objects; no OCPP 1.6 message is`,
      kind === 'CALL' || !head,
      kind,
      head?.[2],
      kind === 'CALL' ? head?.[3] : undefined,
    );
    if (!parsed.ok) parsed.error.details = { issue: 'nesting' };
    return parsed;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return bad('FormationViolation', `Frame is not valid JSON: ${(e as Error).message}`, true);
  }
  if (!Array.isArray(data)) return bad('FormationViolation', 'Frame must be a JSON array [MessageTypeId, UniqueId, ...]', true);
  if (data.length === 0) return bad('FormationViolation', 'Frame is an empty array; expected [MessageTypeId, UniqueId, ...]', true);
  const [type, messageId] = data;
  if (typeof type !== 'number') return wrongTypeId(data);
  const kind = kindOf(type);
  if (kind === undefined) {
    // OCPP-J 4.1.3: a message type number not in the list is ignored.
    return {
      ok: false,
      messageId: typeof messageId === 'string' ? messageId : undefined,
      error: { code: 'ProtocolError', description: `Unknown MessageTypeId ${JSON.stringify(type)}: expected 2 (CALL), 3 (CALLRESULT) or 4 (CALLERROR)` },
      reply: false,
    };
  }
  const reply = kind === 'CALL';
  if (typeof messageId !== 'string' || messageId.length === 0) return bad('FormationViolation', 'UniqueId (element 2) must be a non-empty string', reply, kind);
  if (messageId.length > MAX_MESSAGE_ID_LENGTH) return bad('FormationViolation', `UniqueId is ${messageId.length} characters; OCPP-J allows at most ${MAX_MESSAGE_ID_LENGTH}`, reply, kind, messageId);
  if (kind === 'CALL') {
    const [, , action, payload] = data;
    if (data.length !== 4)
      return bad('FormationViolation', `CALL must have 4 elements [2, UniqueId, Action, Payload], got ${data.length}`, true, kind, messageId, typeof action === 'string' ? action : undefined);
    if (typeof action !== 'string' || action.length === 0) return bad('FormationViolation', 'Action (element 3) must be a non-empty string', true, kind, messageId);
    if (!isObject(payload)) return bad('FormationViolation', `Payload (element 4) must be a JSON object, got ${describe(payload)}`, true, kind, messageId, action);
    return { ok: true, kind, messageId, action, payload };
  }
  if (kind === 'CALLRESULT') {
    if (data.length !== 3) return bad('FormationViolation', `CALLRESULT must have 3 elements [3, UniqueId, Payload], got ${data.length}`, false, kind, messageId);
    if (!isObject(data[2])) return bad('FormationViolation', `CALLRESULT payload must be a JSON object, got ${describe(data[2])}`, false, kind, messageId);
    return { ok: true, kind, messageId, payload: data[2] };
  }
  const [, , code, description, details] = data;
  if (data.length !== 5 && data.length !== 4)
    return bad('FormationViolation', `CALLERROR must have 5 elements [4, UniqueId, ErrorCode, ErrorDescription, ErrorDetails], got ${data.length}`, false, kind, messageId);
  if (typeof code !== 'string' || typeof description !== 'string' || (details !== undefined && !isObject(details))) {
    return bad('FormationViolation', 'CALLERROR needs a string ErrorCode, a string ErrorDescription and an object ErrorDetails', false, kind, messageId);
  }
  return { ok: true, kind, messageId, error: { code: normalizeErrorCode(code), description, details: details ?? {} } };
}

/**
 * A MessageTypeId that is not a number is a wrong element type (FormationViolation), not an unknown
 * message type (a number, ignored). The string "3" or "4" is taken for the broken answer it means (never
 * answered, as no answer is); anything else is answered, under its UniqueId when one can be read.
 */
function wrongTypeId(data: unknown[]): ParsedFrame {
  const [type, id, third] = data;
  const meant = typeof type === 'string' && /^\s*[234]\s*$/.test(type) ? kindOf(Number(type)) : undefined;
  const messageId = typeof id === 'string' && id.length > 0 ? id : undefined;
  const got = typeof type === 'string' ? `the string ${excerpt(type)}` : describe(type);
  const reply = meant !== 'CALLRESULT' && meant !== 'CALLERROR';
  const action = meant === 'CALL' && typeof third === 'string' && third.length > 0 ? third : undefined;
  return bad('FormationViolation', `MessageTypeId (element 1) must be the number 2 (CALL), 3 (CALLRESULT) or 4 (CALLERROR), got ${got}`, reply, meant, messageId, action);
}

function bad(code: OcppErrorCode, description: string, reply: boolean, kind?: FrameKind, messageId?: string, action?: string): ParsedFrame {
  return { ok: false, kind, messageId, action, error: { code, description }, reply };
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/** Nesting deeper than this is refused before anything walks the value: no OCPP 1.6 message needs more than 7 levels. */
export const MAX_NESTING = 32;

/**
 * True when a parsed JSON value nests deeper than `limit` arrays and objects. Iterative, so any depth is
 * safe to ask about (JSON.parse takes any depth; a recursive walk of the result, JSON.stringify
 * included, overflows the stack at a few thousand levels).
 */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/** The same question asked of JSON text, without parsing it: brackets outside strings are counted. */
export function textNestsDeeperThan(text: string, limit = MAX_NESTING): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/** A short, safe excerpt of a bad value for an error message: never the whole value, never a deep walk. */
export function excerpt(v: unknown, max = 40): string {
  if (typeof v === 'string') return JSON.stringify(v.length > max ? `${v.slice(0, max)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) {
    const s = String(v);
    return s.length > max ? `${s.slice(0, max)}…` : s;
  }
  return describe(v);
}

/**
 * Maps a zod validation failure of a payload to the CALLERROR the spec prescribes:
 * a missing field is an occurrence violation, a wrong JSON type a type violation, a value out of its
 * range, length, enumeration or format a property violation, and an unknown field a formation violation.
 * Values are quoted as short excerpts: a bad value is never echoed whole.
 */
export function errorForIssues(issues: readonly z.core.$ZodIssue[], payload: unknown): OcppErrorInfo {
  const issue = issues[0];
  let field = issue.path.map(String).join('.');
  let code: OcppErrorCode;
  let what: string;
  if (issue.code !== 'unrecognized_keys' && issue.path.length > 0 && isMissing(payload, issue.path)) {
    code = 'OccurenceConstraintViolation';
    what = 'required field is missing';
  } else {
    switch (issue.code) {
      case 'invalid_type':
        code = 'TypeConstraintViolation';
        what = invalidTypeWords(issue.expected, valueAt(payload, issue.path));
        break;
      case 'too_big':
      case 'too_small':
        code = issue.origin === 'array' ? 'OccurenceConstraintViolation' : 'PropertyConstraintViolation';
        what = issue.message;
        break;
      case 'unrecognized_keys':
        code = 'FormationViolation';
        field = [...issue.path.map(String), issue.keys[0]].join('.');
        what = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
          .slice(0, 5)
          .map((k) => excerpt(k))
          .join(', ')}${issue.keys.length > 5 ? ', …' : ''} (not in the schema)`;
        break;
      case 'invalid_value': {
        const value = valueAt(payload, issue.path);
        // An enumeration of strings given a number (or an object): the JSON type is wrong, not the value.
        const sameType = issue.values.some((allowed) => typeof allowed === typeof value && value !== null);
        code = sameType ? 'PropertyConstraintViolation' : 'TypeConstraintViolation';
        what = sameType ? `${excerpt(value)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : `expected ${typeof issue.values[0]}, got ${describe(value)}`;
        break;
      }
      case 'invalid_format':
      case 'not_multiple_of':
        code = 'PropertyConstraintViolation';
        what = issue.message;
        break;
      case 'custom':
        code = (issue.params?.ocpp as OcppErrorCode | undefined) ?? 'PropertyConstraintViolation';
        what = issue.message;
        break;
      default:
        code = 'FormationViolation';
        what = issue.message;
    }
  }
  if (field.length > 120) field = `${field.slice(0, 120)}…`;
  return { code, description: `${field || 'payload'}: ${what}`, details: { field: field || 'payload', issue: issue.code } };
}
/** A number that overflowed when parsed (1e400 is read as Infinity) has the right JSON type but no value. */
function invalidTypeWords(expected: string, value: unknown): string {
  const overflowed = typeof value === 'number' && !Number.isFinite(value);
  if (!overflowed) return `expected ${expected}, got ${describe(value)}`;
  const read = Number.isNaN(value) ? 'NaN' : String(value);
  // A number field: the fault is the size; any other field: the type, with what the number was read as.
  return expected === 'number' || expected === 'int' ? `not a finite number (too large to represent; read as ${read})` : `expected ${expected}, got number (too large to represent; read as ${read})`;
}

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let v = payload;
  for (const k of path) v = isObject(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function isMissing(payload: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return payload === undefined;
  const parent = valueAt(payload, path.slice(0, -1));
  return isObject(parent) && !Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]);
}
