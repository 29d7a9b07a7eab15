// A charger the bench refuses on purpose (bench behaviour: offline for a while) retries every few seconds.
// Its refusals are one line of the connection attempts (identical refusals in a row are grouped), so the
// reason stored holds no countdown; the seconds left go to the charger in the Retry-After header.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Bench } from '../../src/main/core/bench';
import { FakeClock } from '../../src/main/clock';

let bench: Bench;
let dataDir: string;
const clock = new FakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-offline-refusals-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock, face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One connection attempt: the HTTP status and the Retry-After header of the refusal. */
const attempt = (id: string) =>
  new Promise<{ status: number; retryAfter: string | undefined }>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bench.centralSystem.address().port}/ocpp/${id}`, ['ocpp1.6']);
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined });
      res.resume();
    });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, retryAfter: undefined });
    });
    ws.once('error', () => undefined);
  });

it('groups the retries of a charger refused on purpose a second apart into one line, the seconds left in Retry-After', async () => {
  bench.centralSystem.goOffline('OFF-1', 60);
  expect(await attempt('OFF-1')).toEqual({ status: 503, retryAfter: '60' });
  await clock.advance(1000);
  expect(await attempt('OFF-1')).toEqual({ status: 503, retryAfter: '59' });
  await bench.record.settled();
  const lines = bench.record.connectionAttempts.list(10).filter((a) => a.chargerId === 'OFF-1');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ outcome: 'refused', count: 2, reason: expect.stringMatching(/^Bench offline on purpose: the bench refuses OFF-1 /) });
  expect(lines[0]!.reason).not.toMatch(/\d+ (more )?s\b/);
}, 30_000);
