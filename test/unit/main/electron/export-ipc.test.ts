// The desktop's export of the transactions (src/main/electron/export-ipc.ts) with a fake 'electron': only
// our renderer is answered, every transaction matching is paged out of the record into the file the user
// chose in the save dialog (past one batch), and a cancelled dialog writes nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TransactionRecord } from '../../../../src/shared/records';
import { aTransactionRecord } from '../../../helpers/records';

vi.mock('electron', () => import('../../../helpers/fake-electron'));

import { fake, from, invoke as invokeChannel, OWN } from '../../../helpers/fake-electron';
import { registerExportIpc } from '../../../../src/main/electron/export-ipc';
import type { Bench } from '../../../../src/main/core/bench';
import { writeTransactions } from '../../../../src/main/core/exports';
import type { BenchRecord } from '../../../../src/main/store/record';
import type { TransactionExportQuery } from '../../../../src/shared/api/contract';
import type { Writable } from 'node:stream';

const invoke = (event: unknown, args: unknown) => invokeChannel('desktop:exportTransactions', event, args);

/** 1,200 finished transactions of CP-1 (ids 1..1200) and one of CP-2, as the record lists them: newest first, paged by beforeId. */
const stored: TransactionRecord[] = Array.from({ length: 1201 }, (_, i) =>
  aTransactionRecord({
    transactionId: i + 1,
    chargerId: i === 1200 ? 'CP-2' : 'CP-1',
    idTag: `TAG-${i + 1}`,
    meterStop: 10,
    stopTime: '2026-01-01T09:00:00.000Z',
    stopReason: 'Local',
    energyWh: 10,
    active: false,
  }),
);
const record = {
  transactions: {
    list: (q: { chargerId?: string; active?: boolean; limit?: number; beforeId?: number }) =>
      stored
        .filter((t) => (!q.chargerId || t.chargerId === q.chargerId) && (q.active === undefined || t.active === q.active) && (q.beforeId === undefined || t.transactionId < q.beforeId))
        .reverse()
        .slice(0, q.limit ?? 500),
  },
  meterValues: { read: async () => [] },
  // The chargers each session is read against (what the screen says of it): none known here.
  chargers: { list: () => [], get: () => null },
};

let dir: string;
let dispose: () => void;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chargebench-export-ipc-'));
  const bench = { clock: { now: () => Date.now() }, exportTransactions: (q: TransactionExportQuery, out: Writable) => writeTransactions(record as unknown as BenchRecord, q, out) };
  dispose = registerExportIpc(bench as unknown as Bench, (url) => url === OWN);
});

afterEach(() => {
  dispose();
  fake.saveDialog.mockReset();
  rmSync(dir, { recursive: true, force: true });
});

describe('desktop:exportTransactions', () => {
  it('writes every transaction matching to the file chosen, and nothing when cancelled', async () => {
    const target = join(dir, 'tx.csv');
    fake.saveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await invoke(from(OWN), { chargerId: 'CP-1', active: false })).toEqual({ ok: true, value: { saved: true, where: target } });
    expect(fake.saveDialog.mock.calls[0][1]).toMatchObject({ defaultPath: expect.stringMatching(/^chargebench-transactions-CP-1-finished-\d{8}-\d{6}Z\.csv$/), filters: [{ extensions: ['csv'] }] });
    const lines = readFileSync(target, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^ID,Charger,Connector,idTag,/);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 1200 }, (_, i) => 1200 - i));

    const cancelled = join(dir, 'never.csv');
    fake.saveDialog.mockResolvedValueOnce({ canceled: true, filePath: cancelled });
    expect(await invoke(from(OWN), {})).toEqual({ ok: true, value: { saved: false } });
    expect(existsSync(cancelled)).toBe(false);
  });

  it('refuses another page and a bad filter, without a dialog', async () => {
    expect(await invoke(from('https://evil.example/'), {})).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await invoke(from(OWN), { active: 'yes' })).toMatchObject({ ok: false, error: { status: 400, field: 'active' } });
    expect(fake.saveDialog).not.toHaveBeenCalled();
  });
});
