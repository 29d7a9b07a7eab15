// When the bench last changed how a charger is let in (its view's `admissionChange`: a password set after a
// refusal) is kept in the record, so a restart of the bench does not forget it: the refused charger's page
// still says the password was changed and the bench waits for its next attempt, instead of the old refusal's
// advice as if nothing had been done. The charger's next attempt, refused again, is then the last word.
import type { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBench, strictCharger, type TestBench } from '../helpers/bench';

const PASSWORD = 'correct-horse-battery-staple';
const OTHER = 'Tr0ub4dor&3-Tr0ub4dor&3';
const THIRD = 'a-third-password-entirely';

const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-admission-restart-'));
let tb: TestBench | null = null;
afterAll(async () => {
  await tb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const view = async (id: string) => (await tb!.request('GET', `/api/chargers/${id}`)).body;
const listed = async (id: string) => ((await tb!.request('GET', '/api/chargers')).body as any[]).find((c) => c.id === id);

/** Tries to connect with `password` and is refused; the time of the charger's newest refusal as the record has it. */
async function refusedWith(id: string, password: string): Promise<string> {
  const cp = await strictCharger(tb!.wsUrl(), id, { password });
  const err = await cp.connect().then(
    async () => {
      await cp.client.close({ force: true });
      throw new Error(`${id} was let in`);
    },
    (e: { code?: number; response?: IncomingMessage }) => e,
  );
  err.response?.resume();
  expect(err.code).toBe(401);
  await tb!.bench.record.settled();
  const attempts = (await tb!.request('GET', '/api/connection-attempts')).body as Array<{ chargerId: string; outcome: string; ts: string }>;
  return attempts.filter((a) => a.chargerId === id && a.outcome === 'refused').sort((a, b) => Date.parse(b.ts) - Date.parse(a.ts))[0]!.ts;
}

describe('a password changed after a refusal, across a restart of the bench', () => {
  it('is still in the view and the list after the restart, and the next refusal comes after it', async () => {
    tb = await startTestBench({ dataDir });
    expect((await tb.request('POST', '/api/chargers', { id: 'SITE-R', password: PASSWORD })).status).toBe(201);
    const refusedAt = await refusedWith('SITE-R', OTHER);
    await new Promise((r) => setTimeout(r, 5));
    expect((await tb.request('PATCH', '/api/chargers/SITE-R', { password: OTHER })).status).toBe(200);
    const change = (await view('SITE-R')).admissionChange;
    expect(change).toEqual({ what: 'password', at: expect.any(String) });
    expect(Date.parse(change.at)).toBeGreaterThan(Date.parse(refusedAt));

    await tb.stop();
    tb = await startTestBench({ dataDir });
    // The same change, after the refusal the restarted bench still lists: the charger's next attempt meets it.
    expect((await view('SITE-R')).admissionChange).toEqual(change);
    expect((await listed('SITE-R')).admissionChange).toEqual(change);

    // Its next attempt, refused again: that refusal is newer than the change, the last word now.
    await new Promise((r) => setTimeout(r, 5));
    const again = await refusedWith('SITE-R', THIRD);
    expect(Date.parse(again)).toBeGreaterThan(Date.parse(change.at));
    expect((await view('SITE-R')).admissionChange).toEqual(change);
  });

  it('says a password cleared and a registration after a restart too; a charger removed and seen again has none', async () => {
    await tb!.request('PATCH', '/api/chargers/SITE-R', { password: null });
    await tb!.request('POST', '/api/chargers', { id: 'SITE-S' });
    const cleared = (await view('SITE-R')).admissionChange;
    const registered = (await view('SITE-S')).admissionChange;
    expect(cleared).toMatchObject({ what: 'passwordCleared' });
    expect(registered).toMatchObject({ what: 'registered' });
    await tb!.stop();
    tb = await startTestBench({ dataDir });
    expect((await view('SITE-R')).admissionChange).toEqual(cleared);
    expect((await listed('SITE-S')).admissionChange).toEqual(registered);

    expect((await tb!.request('DELETE', '/api/chargers/SITE-S')).status).toBeLessThan(300);
    const cp = await strictCharger(tb!.wsUrl(), 'SITE-S');
    await cp.connect();
    await cp.client.close();
    await tb!.bench.record.settled();
    expect((await view('SITE-S')).admissionChange).toBeNull();
  });
});
