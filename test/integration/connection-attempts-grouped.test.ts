// A charger retrying with a wrong password every second must not flood the connection attempts: identical
// refusals in a row (same charger id, remote address and reason) are one line with how many and from when
// to when, so the other attempts stay in the lists, which read only the newest lines.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchRecord } from '../../src/main/store/record';
import { startTestBench, strictCharger, waitFor } from '../helpers/bench';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'chargebench-attempts-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const at = (s: number) => new Date(Date.UTC(2025, 5, 1, 12, 0, s)).toISOString();
const wrongPassword = "Wrong password: the charger's AuthorizationKey does not match the password set for CP-7 on this bench (security profile 1)";

describe('identical refusals in a row', () => {
  it('are one line with the count, the first and the newest time, and push no other attempt out', async () => {
    const record = await BenchRecord.open(tempDir());
    try {
      record.connectionAttempts.add(at(0), 'CP-OLD', '10.0.0.9', 'accepted', null);
      for (let i = 1; i <= 50; i++) record.connectionAttempts.add(at(i), 'CP-7', '::ffff:10.0.0.7', 'refused', wrongPassword);
      record.connectionAttempts.add(at(51), 'CP-8', '::ffff:10.0.0.8', 'refused', 'Unknown charger: CP-8 is not registered on this bench');
      await record.settled();
      const lines = record.connectionAttempts.list(3);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatchObject({ chargerId: 'CP-8', count: 1, ts: at(51), firstTs: at(51) });
      expect(lines[1]).toMatchObject({ chargerId: 'CP-7', outcome: 'refused', reason: wrongPassword, count: 50, firstTs: at(1), ts: at(50) });
      // The old, different attempt is still among the newest three lines.
      expect(lines[2]).toMatchObject({ chargerId: 'CP-OLD', outcome: 'accepted', count: 1 });
    } finally {
      await record.close();
    }
  });

  it('start a new line when the charger was let in between, or came from another address, or for another reason', async () => {
    const record = await BenchRecord.open(tempDir());
    try {
      const add = (s: number, address: string, outcome: 'accepted' | 'refused' | 'closed', reason: string | null) => record.connectionAttempts.add(at(s), 'CP-7', address, outcome, reason);
      add(1, '10.0.0.7', 'refused', wrongPassword);
      add(2, '10.0.0.7', 'refused', wrongPassword);
      add(3, '10.0.0.7', 'accepted', null);
      add(4, '10.0.0.7', 'closed', 'Connection closed (1000, normal close)');
      add(5, '10.0.0.7', 'refused', wrongPassword);
      add(6, '10.0.0.70', 'refused', wrongPassword);
      add(7, '10.0.0.70', 'refused', 'Password missing: CP-7 sent no password');
      // Attempts of other chargers in between do not split a run.
      record.connectionAttempts.add(at(8), 'CP-9', '10.0.0.9', 'accepted', null);
      add(9, '10.0.0.70', 'refused', 'Password missing: CP-7 sent no password');
      await record.settled();
      expect(record.connectionAttempts.list(20).map((a) => [a.chargerId, a.outcome, a.count, a.firstTs, a.ts])).toEqual([
        ['CP-7', 'refused', 2, at(7), at(9)],
        ['CP-9', 'accepted', 1, at(8), at(8)],
        ['CP-7', 'refused', 1, at(6), at(6)],
        ['CP-7', 'refused', 1, at(5), at(5)],
        ['CP-7', 'closed', 1, at(4), at(4)],
        ['CP-7', 'accepted', 1, at(3), at(3)],
        ['CP-7', 'refused', 2, at(1), at(2)],
      ]);
    } finally {
      await record.close();
    }
  });

  it('are counted on one line as a charger retries a wrong password against the running bench', async () => {
    const tb = await startTestBench({ dataDir: tempDir() });
    try {
      await tb.request('POST', '/api/chargers', { id: 'CP-RETRY', password: 'correct-horse-battery-staple' });
      for (let i = 0; i < 4; i++) {
        const cp = await strictCharger(tb.wsUrl(), 'CP-RETRY', { password: 'Tr0ub4dor&3-Tr0ub4dor&3' });
        await expect(cp.connect()).rejects.toMatchObject({ code: 401 });
      }
      const lines = await waitFor(async () => {
        const all = (await tb.request('GET', '/api/connection-attempts')).body as Array<{ chargerId: string; count: number }>;
        const mine = all.filter((a) => a.chargerId === 'CP-RETRY');
        return mine[0]?.count === 4 ? mine : null;
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/^Wrong password/), count: 4 });
    } finally {
      await tb.stop();
    }
  });
});
