// The message log as exported: one frame as a CSV row or a JSON object, oldest first. Pure, so the
// record's reader thread formats an export where it reads it, off the bench's event loop.
import type { MessageRecord } from '../records';
import { framePayload } from './frame-payload';

export const csvColumns = ['id', 'time', 'charger', 'direction', 'kind', 'messageId', 'action', 'error', 'raw'] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field a spreadsheet
 * would run as a formula (a charger may name itself "=HYPERLINK(...)") is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(m: MessageRecord): string {
  return [m.id, m.ts, m.chargerId, m.direction, m.kind, m.messageId, m.action, m.error, m.raw].map(csvField).join(',');
}

/** A frame as exported to JSON: the log's view of it with its payload read. */
export function jsonRow(m: MessageRecord): string {
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

export type ExportFormat = 'csv' | 'json';

/** The text of one batch of an export: `before` frames were written ahead of it. */
export function exportText(format: ExportFormat, batch: MessageRecord[], before: number): string {
  return format === 'csv' ? batch.map((m) => `${csvRow(m)}\r\n`).join('') : batch.map((m, i) => `${before + i ? ',' : ''}\n${jsonRow(m)}`).join('');
}
