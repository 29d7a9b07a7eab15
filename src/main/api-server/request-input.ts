// What a request to the automation API brings (its path parameters, its query, its body) read and
// checked before any route acts on it; a bad one is a 400 naming where it is wrong (the path parameter,
// the query field, the body field), never something the bench quietly ignores.
import type { IncomingMessage } from 'node:http';
import { BenchError } from '../errors';
import type { FieldType, RestRoute } from './rest-routes';

/** The body as text (trimmed); more than `max` bytes is a 413. */
async function readText(req: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BenchError(413, `Request body is larger than ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** The body as JSON; none is undefined, text that is not JSON a 400. */
export async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const text = await readText(req, max);
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BenchError(400, `Request body is not valid JSON: ${(e as Error).message}`, { field: 'body' });
  }
}

/**
 * For a route that takes no body: none, or `{}` (what a client that always sends JSON sends), is fine;
 * anything else is refused before the route does anything, saying what came.
 */
export async function refuseBody(req: IncomingMessage, max: number): Promise<void> {
  const text = await readText(req, max);
  if (!text || isEmptyObject(text)) return;
  const shown = text.replace(/\s+/g, ' ');
  const got = shown.length > 80 ? `${shown.slice(0, 80)}… (${Buffer.byteLength(text)} bytes)` : shown;
  throw new BenchError(400, `This request takes no body (send none, or {}); got ${got}`, { field: 'body' });
}

function isEmptyObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
  } catch {
    return false;
  }
}

/** A query field the endpoint does not take is refused, naming it and what it takes (never ignored: a misspelt filter would export everything). */
export function refuseUnknownQuery(name: string, takes: readonly string[]): never {
  throw new BenchError(400, `Unknown query field "${name}"${takes.length ? ` (this endpoint takes ${takes.join(', ')})` : ' (this endpoint takes none)'}`, { field: name });
}

/** A query field given more than once is ambiguous (which one counts?): a 400 naming it. */
export function refuseRepeatedQuery(query: URLSearchParams): void {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (seen.has(name)) throw new BenchError(400, `Invalid query field "${name}": ${name} is given twice (give it once; a list is comma-separated)`, { field: name });
    seen.add(name);
  }
}

/** Where a text field of a request comes from, as its errors name it. */
export type TextSource = 'query field' | 'path parameter';

/** A path parameter or query field as its route reads it; a bad one is a 400 naming it. */
export function typed(text: string, type: FieldType, name: string, source: TextSource): unknown {
  if (type === 'string') return text;
  if (type === 'list')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (type === 'int') {
    if (!/^-?\d+$/.test(text.trim())) throw new BenchError(400, `Invalid ${source} "${name}": must be a whole number`, { field: name });
    return Number(text);
  }
  if (text !== 'true' && text !== 'false') throw new BenchError(400, `Invalid ${source} "${name}": must be true or false`, { field: name });
  return text === 'true';
}

/** A route parameter from the URL path, %-decoded; a malformed escape is the caller's mistake, not a 500. */
export function decodeParam(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BenchError(400, `The ${name} in the URL, "${raw}", has a malformed %-escape: write % itself as %25`, { field: name });
  }
}

/**
 * A refused argument as the REST caller sees it: named where they wrote it. A path parameter is named
 * as the path names it ("id" of /api/transactions/{id}), a query field as the query does ("actions.1" of
 * ?actions=a,b); a field inside the body as in the body ("0.idTag", not "entries.0.idTag"), the body
 * as a whole "body".
 */
export function asRestError(e: unknown, r: RestRoute): unknown {
  if (!(e instanceof BenchError) || typeof e.extra.field !== 'string') return e;
  const whole = `${r.call} argument`;
  const said = `Invalid ${whole} field "${e.extra.field}"`;
  let field = e.extra.field;
  const top = field.split('.')[0];
  // Only the contract's own refusal of what came is renamed: a 404 or 409 about the thing keeps its field.
  const refused = e.message.startsWith(said);
  const inPath = Object.entries(r.params ?? {}).find(([, to]) => (typeof to === 'string' ? to : to[0]) === top)?.[0];
  if (refused && inPath !== undefined) {
    field = inPath + field.slice(top.length);
    return new BenchError(e.status, e.message.replace(said, `Invalid path parameter "${field}"`), { ...e.extra, field });
  }
  const asked = Object.entries(r.query ?? {}).find(([name, to]) => (typeof to === 'string' ? name : to[0]) === top)?.[0];
  if (asked !== undefined) {
    field = asked + field.slice(top.length);
    return new BenchError(e.status, e.message.replace(said, `Invalid query field "${field}"`), { ...e.extra, field });
  }
  if (field === whole || (typeof r.body === 'string' && field === r.body)) field = 'body';
  else if (typeof r.body === 'string' && field.startsWith(`${r.body}.`)) field = field.slice(r.body.length + 1);
  const message = e.message.replace(said, `Invalid body field "${field}"`).replace(`Invalid ${whole}`, 'Invalid body');
  return new BenchError(e.status, message, { ...e.extra, field });
}
