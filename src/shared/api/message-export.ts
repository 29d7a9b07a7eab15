// The message log as exported: one frame as a CSV row or a JSON object, oldest first. Pure, so the
// record's reader thread formats an export where it reads it, off the bench's event loop.
import type { MessageRecord } from '../records';
import { framePayload } from './frame-payload';

export const csvColumns = ['id', 'time', 'charger', 'direction', 'kind', 'messageId', 'action', 'error', 'raw'] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text a spreadsheet would
 * run as a formula (it starts with = + - @, a tab or a CR, and is not a plain number such as -1 or +3.5: a
 * charger may name itself "=HYPERLINK(...)") is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return csvExact(typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s);
}

/** A number as a spreadsheet reads it, not a formula: -1, +3.5, -.5, 1e-3. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A CSV field's text quoted when it must be (a comma, quote or line break in it). */
function csvExact(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A frame as a CSV row. Every charger-given text is guarded against formulas (csvField), the frame's text
 * (`raw`) and message id included: a well-formed frame begins with `[` and an id is rarely formula-like, so
 * those are exactly as recorded, as in the JSON export; only a malformed frame or an id such as
 * `=HYPERLINK(…)` gets the apostrophe (the JSON export is byte-exact).
 */
export function csvRow(m: MessageRecord): string {
  return [m.id, m.ts, m.chargerId, m.direction, m.kind, m.messageId, m.action, m.error, m.raw].map(csvField).join(',');
}

/** A frame as exported to JSON: the log's view of it with its payload read. */
export function jsonRow(m: MessageRecord): string {
  const payload = wholePayloadText(m);
  if (payload === null) return slowJsonRow(m);
  // The same object as slowJsonRow's, key for key, with the payload as the charger wrote it (a million
  // frames' payloads are not parsed and written again).
  const q = (s: string | null) => (s === null ? 'null' : JSON.stringify(s));
  return `{"id":${m.id},"ts":${q(m.ts)},"chargerId":${q(m.chargerId)},"direction":${q(m.direction)},"kind":${q(m.kind)},"messageId":${q(m.messageId)},"action":${q(m.action)},"error":null,"payload":${payload},"raw":${q(m.raw)}}`;
}

function slowJsonRow(m: MessageRecord): string {
  return JSON.stringify({
    id: m.id,
    ts: m.ts,
    chargerId: m.chargerId,
    direction: m.direction,
    kind: m.kind,
    messageId: m.messageId,
    action: m.action,
    error: m.error,
    payload: framePayload(m),
    raw: m.raw,
  });
}

/** After the spaces and tabs from `i`. */
function skipSpace(t: string, i: number): number {
  for (let c = t.charCodeAt(i); c === 32 || c === 9; c = t.charCodeAt(++i));
  return i;
}

/** Where the spaces and tabs that end t[from, end) begin. */
function spaceBefore(t: string, from: number, end: number): number {
  while (end > from && (t.charCodeAt(end - 1) === 32 || t.charCodeAt(end - 1) === 9)) end--;
  return end;
}

/** After the JSON string that starts at `i` (its opening quote); -1 when there is none. */
function skipString(t: string, i: number): number {
  if (t.charCodeAt(i) !== 34) return -1;
  for (i++; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

/**
 * The payload of a CALL or CALLRESULT as it stands in the frame's text, when the frame was recorded
 * whole (the bench records a frame it took or sent without an error whole, and it parsed as exactly that
 * array) and on one line; otherwise null, and the frame is read the slow way. A frame with a line break
 * in it goes the slow way too, so an export keeps a frame to a line.
 */
function wholePayloadText(m: MessageRecord): string | null {
  const t = m.raw;
  if (m.error !== null || (m.kind !== 'CALL' && m.kind !== 'CALLRESULT') || t.includes('\n') || t.includes('\r')) return null;
  let i = skipSpace(t, 0);
  if (t.charCodeAt(i) !== 91) return null;
  i = skipSpace(t, i + 1);
  if (t.charCodeAt(i) !== (m.kind === 'CALL' ? 50 : 51)) return null;
  // The id, and a CALL's action: strings, each followed by a comma.
  i++;
  for (let strings = m.kind === 'CALL' ? 2 : 1; strings > 0; strings--) {
    i = skipSpace(t, i);
    if (t.charCodeAt(i) !== 44) return null;
    i = skipString(t, skipSpace(t, i + 1));
    if (i < 0) return null;
  }
  i = skipSpace(t, i);
  if (t.charCodeAt(i) !== 44) return null;
  const start = skipSpace(t, i + 1);
  const close = spaceBefore(t, start, t.length) - 1;
  if (t.charCodeAt(close) !== 93) return null;
  const end = spaceBefore(t, start, close);
  return t.charCodeAt(start) === 123 && t.charCodeAt(end - 1) === 125 ? t.slice(start, end) : null;
}

export type ExportFormat = 'csv' | 'json';

/** One frame of an export as its text: `index` frames were written ahead of it. */
export function exportRow(format: ExportFormat, m: MessageRecord, index: number): string {
  return format === 'csv' ? `${csvRow(m)}\r\n` : `${index ? ',' : ''}\n${jsonRow(m)}`;
}

/**
 * The payload of a CALL or CALLRESULT exactly as it stands in the frame's text (spaces, `1.0`, a key given
 * twice and all), when it can be read without parsing (see wholePayloadText); otherwise null.
 */
export function payloadTextAsSent(m: MessageRecord): string | null {
  return wholePayloadText(m);
}

/**
 * Frames as a JSON export file holds them, byte for byte as the filter export writes them (the same row
 * per frame, oldest first, the same brackets): what the log screen's picked frames copy and download.
 */
export function jsonExportText(frames: readonly MessageRecord[]): string {
  const rows = [...frames].sort((a, b) => a.id - b.id).map((m, i) => exportRow('json', m, i));
  return `[${rows.join('')}${rows.length ? '\n]\n' : ']\n'}`;
}
