// Errors the faces turn into answers: an HTTP status and a message a person can act on.
import type { z } from 'zod';
import { firstIssue } from '../shared/api/issues';

/** An error with the HTTP status a face should answer with. */
export class BenchError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BenchError';
  }
}

/** Checks input against a schema; a failure is a 400 naming the first field at fault (an unknown key by its own name). */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { field: named, message: zodMessage } = firstIssue(r.error);
  const issue = r.error.issues[0];
  // A field left out is said to be required (with its choices), not "Invalid option: expected one of…".
  const missing = issue && issue.path.length > 0 && (issue.code === 'invalid_value' || issue.code === 'invalid_type') && valueAt(value, issue.path) === undefined;
  const message = missing ? `is required${issue.code === 'invalid_value' ? ` (one of ${issue.values.map(String).join(', ')})` : ''}` : zodMessage;
  const field = issue?.code === 'unrecognized_keys' && issue.keys.length ? [...issue.path, issue.keys[0]].map(String).join('.') : named;
  throw new BenchError(400, `Invalid ${where}${field ? ` field "${field}"` : ''}: ${message}`, { field: field || where });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}
