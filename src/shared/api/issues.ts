// A zod error in plain words, one message per field ({ field: message }): the one way every form says
// what is wrong with an input. Options choose how a field is keyed and named; the operation forms'
// flavour (whole numbers, date-times, "Use steps of 0.1") reads what was typed and the schema.
import type { z } from 'zod';
import { DateTime, Integer } from '../ocpp16/primitives';

/** Field (as keyed by the options) to message. */
export type FieldMessages = Record<string, string>;

export interface IssueWordsOptions {
  /** Which part of an issue's path is its field: the whole path joined with dots (the default), its first segment or its last. */
  key?: 'path' | 'first' | 'last';
  /** The field of an issue about the input as a whole (an empty path); '' by default. */
  whole?: string;
  /** Names the field before its message ("Heartbeat interval must be at least 1 second"); a field without a label is named by its key. */
  labels?: Record<string, string>;
  /** Words to use instead of zod's for a field (an enum's or a date's own words are not for people). */
  messages?: Record<string, string>;
  /** Capitalised and ended with a full stop: "must be at least 16 characters" reads "Must be at least 16 characters." */
  sentence?: boolean;
  /**
   * Words for people who type into a form, from what was typed and the schema it was checked with:
   * "Required", "Enter a whole number", "At most 20 characters (this one has 23)", "Use steps of 0.1".
   */
  plain?: { input: unknown; schema: z.ZodType };
}

/** The first problem of each field, in words. */
export function issueWords(error: { issues: readonly z.core.$ZodIssue[] }, options: IssueWordsOptions = {}): FieldMessages {
  const out: FieldMessages = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path, options);
    if (field in out) continue;
    let message = options.messages?.[field] ?? (options.plain ? plainWords(issue, valueAt(options.plain.input, issue.path), leafAt(options.plain.schema, issue.path)) : issue.message);
    if (options.labels) message = `${options.labels[field] ?? field} ${message}`;
    out[field] = options.sentence ? sentence(message) : message;
  }
  return out;
}

/** The first problem of the input, as its field (keyed as in issueWords) and its words: for a face that answers one error. */
export function firstIssue(error: { issues: readonly z.core.$ZodIssue[] }, options: IssueWordsOptions = {}): { field: string; message: string } {
  const [field, message] = Object.entries(issueWords({ issues: error.issues.slice(0, 1) }, options))[0] ?? ['', 'is not valid'];
  return { field, message };
}

function fieldOf(path: readonly PropertyKey[], { key = 'path', whole = '' }: IssueWordsOptions): string {
  if (!path.length) return whole;
  if (key === 'first') return String(path[0]);
  if (key === 'last') return String(path[path.length - 1]);
  return path.map(String).join('.');
}

const sentence = (m: string) => `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?)]$/.test(m) ? '' : '.'}`;

/** One issue in words an installer understands. */
function plainWords(issue: z.core.$ZodIssue, value: unknown, leaf: unknown): string {
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
      // A bound no person set (a whole number's safe range) is not a limit to show as digits.
      if (Number(issue.maximum) >= Number.MAX_SAFE_INTEGER) return 'Too large: enter a smaller number';
      return `At most ${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'Required' : `At least ${String(issue.minimum)} characters`;
      if (issue.origin === 'array') return `Add at least ${String(issue.minimum)}`;
      if (Number(issue.minimum) <= Number.MIN_SAFE_INTEGER) return 'Too small: enter a larger number';
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

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
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

/** The schema itself under optional, default and nullable wrappers. */
function unwrap(s: unknown): unknown {
  let d = defOf(s);
  while (d && (d.type === 'optional' || d.type === 'default' || d.type === 'nullable')) {
    s = d.innerType;
    d = defOf(s);
  }
  return s;
}

/** The schema at a path, to tell a whole-number field from a decimal one when the input is not a number. */
function leafAt(schema: unknown, path: readonly PropertyKey[]): unknown {
  let s = schema;
  for (const k of path) {
    const d = defOf(unwrap(s));
    if (d?.type === 'object' && d.shape) s = d.shape[String(k)];
    else if (d?.type === 'array') s = d.element;
    else return undefined;
  }
  return unwrap(s);
}

const isIntSchema = (s: unknown) => s === Integer || (s as { isInt?: boolean } | undefined)?.isInt === true;
