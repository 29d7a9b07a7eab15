// A charger's view says when the bench last changed how it is let in (its password set or cleared, its
// registration), so a screen can tell a refusal from before the change (the charger's next attempt meets
// it) from one after it. A boot policy alone does not change whether a charger is let in.
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBench, strictCharger, type TestBench } from '../helpers/bench';

const PASSWORD = 'correct-horse-battery-staple';
const OTHER = 'Tr0ub4dor&3-Tr0ub4dor&3';

let tb: TestBench;
beforeAll(async () => {
  tb = await startTestBench();
});
afterAll(async () => {
  await tb.stop();
});

const view = async (id: string) => (await tb.request('GET', `/api/chargers/${id}`)).body;
const listed = async (id: string) => ((await tb.request('GET', '/api/chargers')).body as any[]).find((c) => c.id === id);

/** Tries to connect with `password`; the refusal's status (the charger is not let in). */
async function refusedWith(id: string, password: string): Promise<number | undefined> {
  const cp = await strictCharger(tb.wsUrl(), id, { password });
  const err = await cp.connect().then(
    async () => {
      await cp.client.close({ force: true });
      throw new Error(`${id} was let in`);
    },
    (e: { code?: number; response?: IncomingMessage }) => e,
  );
  err.response?.resume();
  return err.code;
}

describe('when the bench last changed how a charger is let in', () => {
  it('is the password change after its refusals, in the view and the list', async () => {
    const reg = await tb.request('POST', '/api/chargers', { id: 'SITE-B', password: PASSWORD });
    expect(reg.body.admissionChange).toMatchObject({ what: 'password' });
    expect(await refusedWith('SITE-B', OTHER)).toBe(401);
    await tb.bench.record.settled();
    const attempts = (await tb.request('GET', '/api/connection-attempts')).body as Array<{ chargerId: string; outcome: string; ts: string }>;
    const refusedAt = attempts.find((a) => a.chargerId === 'SITE-B' && a.outcome === 'refused')!.ts;
    expect(Date.parse((await view('SITE-B')).admissionChange.at)).toBeLessThanOrEqual(Date.parse(refusedAt));

    await new Promise((r) => setTimeout(r, 5));
    const patched = await tb.request('PATCH', '/api/chargers/SITE-B', { password: OTHER });
    expect(patched.status).toBe(200);
    const change = (await view('SITE-B')).admissionChange;
    expect(change).toEqual({ what: 'password', at: expect.any(String) });
    expect(Date.parse(change.at)).toBeGreaterThan(Date.parse(refusedAt));
    expect((await listed('SITE-B')).admissionChange).toEqual(change);
    // The password itself is never in a view.
    expect(JSON.stringify(await view('SITE-B'))).not.toContain(OTHER);
  });

  it('says a password cleared, and a registration of a charger not registered before', async () => {
    await tb.request('PATCH', '/api/chargers/SITE-B', { password: null });
    expect((await view('SITE-B')).admissionChange).toMatchObject({ what: 'passwordCleared' });
    await tb.request('POST', '/api/chargers', { id: 'SITE-C' });
    expect((await view('SITE-C')).admissionChange).toMatchObject({ what: 'registered' });
  });

  it('is not moved by a boot policy alone, nor by registering a charger registered already', async () => {
    const before = (await view('SITE-C')).admissionChange;
    await new Promise((r) => setTimeout(r, 5));
    await tb.request('PATCH', '/api/chargers/SITE-C', { bootPolicy: 'Pending' });
    await tb.request('POST', '/api/chargers', { id: 'SITE-C' });
    expect((await view('SITE-C')).admissionChange).toEqual(before);
  });

  it('is none for a charger the bench has not changed', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-PLAIN');
    await cp.connect();
    await cp.client.close();
    await tb.bench.record.settled();
    expect((await view('CP-PLAIN')).admissionChange).toBeNull();
  });
});
