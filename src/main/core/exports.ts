// Exports of the message log under a filter, as CSV or JSON, oldest frame first: written batch by batch
// to a file or an HTTP response, waiting when the reader is slow, so a million frames never sit in
// memory at once. The log is pinned when the export starts: frames logged meanwhile are not in it.
import type { Writable } from 'node:stream';
import type { BenchRecord } from '../store/record';
import type { MessageExportQuery } from '../../shared/api/contract';
import type { MessageView } from '../../shared/api/views';
import { framePayload } from '../../shared/api/frame-payload';

export const exportContentTypes = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

export const csvColumns = ['id', 'time', 'charger', 'direction', 'kind', 'messageId', 'action', 'error', 'raw'] as const;

/** e.g. chargebench-log-CP-1-20260301-081500.csv; the charger's id only in letters the file system takes. */
export function exportFileName(q: MessageExportQuery, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const charger = q.filter.chargerId ? `-${q.filter.chargerId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}` : '';
  return `chargebench-log${charger}-${stamp}.${q.format}`;
}

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

export function csvRow(m: MessageView): string {
  return [m.id, m.ts, m.chargerId, m.direction, m.kind, m.messageId, m.action, m.error, m.raw].map(csvField).join(',');
}

/** A frame as exported to JSON: the log's view of it with its payload read. */
export function jsonRow(m: MessageView): string {
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

/** Waits until `out` wants more; rejects if it closes or fails first (the reader went away). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('The export was closed before it was complete'));
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', done);
  });
}

/** Writes the frames matching `q.filter` to `out` (not ended here); resolves with how many were written. */
export async function writeMessages(record: BenchRecord, q: MessageExportQuery, out: Writable): Promise<{ frames: number }> {
  let frames = 0;
  const write = async (text: string) => {
    if (out.destroyed) throw new Error('The export was closed before it was complete');
    if (!out.write(text)) await drained(out);
  };
  if (q.format === 'csv') await write(`${csvColumns.join(',')}\r\n`);
  else await write('[');
  for await (const batch of record.messages.batches(q.filter)) {
    const text = q.format === 'csv' ? batch.map((m) => `${csvRow(m)}\r\n`).join('') : batch.map((m, i) => `${frames + i ? ',' : ''}\n${jsonRow(m)}`).join('');
    frames += batch.length;
    await write(text);
  }
  if (q.format === 'json') await write(frames ? '\n]\n' : ']\n');
  return { frames };
}
