// An export's batches are made on the reader thread and written out on the bench's; once a batch is
// written, its memory goes back to the reader thread to hold a later batch. The export must come out
// whole and in order all the same, however slowly the other end takes it, and again when the memory is
// reused.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { BenchRecord } from '../../src/main/store/record';
import { writeMessages } from '../../src/main/core/exports';
import { startTestBench } from '../helpers/bench';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A slow reader of the export: it takes each chunk a moment after it was written, as a socket would, and
 * room enough that the writer does not wait for it (so a chunk given back too early would be gone).
 */
function slowSink(): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 256 * 1024 * 1024,
    write(chunk: Buffer, _encoding, done) {
      setTimeout(() => {
        chunks.push(Buffer.from(chunk));
        done();
      }, 1);
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** The whole log exported through a slow sink: how many frames, and the text as the sink took it. */
async function exportSlowly(record: BenchRecord, format: 'csv' | 'json'): Promise<{ frames: number; text: string }> {
  const sink = slowSink();
  const { frames } = await writeMessages(record, { filter: {}, format }, sink.out);
  await new Promise<void>((resolve) => sink.out.end(resolve));
  return { frames, text: sink.text() };
}

describe('an export written out batch by batch', () => {
  it('comes out whole and in order, also when the memory of earlier batches is reused', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-export-buffers-'));
    dirs.push(dataDir);
    const record = await BenchRecord.open(dataDir);
    try {
      const frames = 12_000;
      const ts = new Date().toISOString();
      for (let i = 0; i < frames; i++) {
        const raw = JSON.stringify([2, `m${i}`, 'DataTransfer', { vendorId: 'Acme', data: `payload ${i} ${'x'.repeat(400)} é€` }]);
        record.logFrame(`CP${i % 7}`, { direction: 'in', kind: 'CALL', messageId: `m${i}`, action: 'DataTransfer', raw, error: null }, ts);
      }
      await record.settled();
      for (let round = 0; round < 3; round++) {
        const { frames: written, text } = await exportSlowly(record, 'json');
        expect(written).toBe(frames);
        const rows = JSON.parse(text) as Array<{ messageId: string; raw: string }>;
        expect(rows.map((r) => r.messageId)).toEqual(Array.from({ length: frames }, (_, i) => `m${i}`));
        expect(rows[frames - 1].raw).toContain(`payload ${frames - 1} ${'x'.repeat(400)} é€`);
      }
    } finally {
      await record.close();
    }
  });
});

describe('an export of frames longer in bytes than in characters', () => {
  it('comes out whole in JSON and in CSV when a batch outgrows the room first made for it', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-export-wide-'));
    dirs.push(dataDir);
    const record = await BenchRecord.open(dataDir);
    try {
      const ts = new Date().toISOString();
      // Short ASCII frames first, then frames of three-byte characters: the batch's room, reckoned from
      // the frames' length in characters, runs out part-way and the rows written so far move with it.
      const data = (i: number) => (i < 50 ? `plain ${i}` : `${i} ${'€'.repeat(3000)} ${i}`);
      for (let i = 0; i < 200; i++) {
        const raw = JSON.stringify([2, `w${i}`, 'DataTransfer', { vendorId: 'Acme', data: data(i) }]);
        record.logFrame('CP-WIDE', { direction: 'in', kind: 'CALL', messageId: `w${i}`, action: 'DataTransfer', raw, error: null }, ts);
      }
      await record.settled();
      const json = await exportSlowly(record, 'json');
      expect(json.frames).toBe(200);
      const rows = JSON.parse(json.text) as Array<{ messageId: string; payload: { data: string } }>;
      expect(rows.map((r) => [r.messageId, r.payload.data])).toEqual(Array.from({ length: 200 }, (_, i) => [`w${i}`, data(i)]));
      const lines = (await exportSlowly(record, 'csv')).text.split('\r\n');
      expect(lines).toHaveLength(202);
      expect(lines.slice(1, 201).map((l) => l.split(',')[5])).toEqual(Array.from({ length: 200 }, (_, i) => `w${i}`));
      expect(lines[200]).toContain(data(199).replace(/"/g, '""'));
    } finally {
      await record.close();
    }
  });
});

describe('message pages and exports through the API, over and over', () => {
  it('answers every page and export whole while their memory goes back and forth', { timeout: 60_000 }, async () => {
    const tb = await startTestBench();
    try {
      const ts = new Date().toISOString();
      for (let i = 0; i < 12_000; i++) {
        const raw = JSON.stringify([2, `p${i}`, 'DataTransfer', { vendorId: 'Acme', data: `row ${i} ${'y'.repeat(1500)}` }]);
        tb.bench.record.logFrame('CP-PAGE', { direction: 'in', kind: 'CALL', messageId: `p${i}`, action: 'DataTransfer', raw, error: null }, ts);
      }
      await tb.bench.record.settled();
      const get = async (path: string) => {
        const res = await fetch(`http://127.0.0.1:${tb.apiPort}${path}`, { headers: { authorization: `Bearer ${tb.token}` } });
        expect(res.status).toBe(200);
        return JSON.parse(await res.text()) as Array<{ messageId: string }>;
      };
      for (let round = 0; round < 3; round++) {
        // The page's body is left unread while a whole export is read: its bytes wait in the bench to be
        // sent, and must still be the page's when they go.
        const pageRes = await fetch(`http://127.0.0.1:${tb.apiPort}/api/messages?limit=10000`, { headers: { authorization: `Bearer ${tb.token}` } });
        const all = await get('/api/messages/export?format=json');
        const page = JSON.parse(await pageRes.text()) as Array<{ messageId: string }>;
        expect(page.map((r) => r.messageId)).toEqual(Array.from({ length: 10_000 }, (_, i) => `p${11_999 - i}`));
        expect(all.map((r) => r.messageId)).toEqual(Array.from({ length: 12_000 }, (_, i) => `p${i}`));
      }
    } finally {
      await tb.stop();
    }
  });
});
