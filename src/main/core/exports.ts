// Exports of the message log under a filter, as CSV or JSON, oldest frame first: written batch by batch
// to a file or an HTTP response, waiting when the reader is slow, so a million frames never sit in
// memory at once. The log is pinned when the export starts: frames logged meanwhile are not in it.
import type { Writable } from 'node:stream';
import type { BenchRecord } from '../store/record';
import type { MessageExportQuery } from '../../shared/api/contract';
import { csvColumns } from '../../shared/api/message-export';

export { csvColumns, csvField, csvRow, jsonRow } from '../../shared/api/message-export';

export const exportContentTypes = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

/** e.g. chargebench-log-CP-1-20260301-081500.csv; the charger's id only in letters the file system takes. */
export function exportFileName(q: MessageExportQuery, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const charger = q.filter.chargerId ? `-${q.filter.chargerId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}` : '';
  return `chargebench-log${charger}-${stamp}.${q.format}`;
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
  const write = async (text: string | Uint8Array) => {
    if (out.destroyed) throw new Error('The export was closed before it was complete');
    if (!out.write(text)) await drained(out);
  };
  if (q.format === 'csv') await write(`${csvColumns.join(',')}\r\n`);
  else await write('[');
  // Read and formatted on the record's reader thread; here only written out.
  for await (const chunk of record.messages.exportText(q.filter, q.format)) {
    frames += chunk.frames;
    await write(chunk.bytes);
  }
  if (q.format === 'json') await write(frames ? '\n]\n' : ']\n');
  return { frames };
}
