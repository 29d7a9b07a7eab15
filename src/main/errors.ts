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
  const { field: named, message } = firstIssue(r.error);
  const issue = r.error.issues[0];
  const field = issue?.code === 'unrecognized_keys' && issue.keys.length ? [...issue.path, issue.keys[0]].map(String).join('.') : named;
  throw new BenchError(400, `Invalid ${where}${field ? ` field "${field}"` : ''}: ${message}`, { field: field || where });
}
