// OCPP 1.6 security profile 1 on the central system: HTTP Basic auth on the WebSocket upgrade (user =
// charge point identity, password = its AuthorizationKey), the requirePassword and unknownChargers
// settings, refusals an installer can act on, and the password never shown back. ocpp-rpc in strict
// mode plays the charger, so the Basic auth header is built by an independent implementation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestBench, strictCharger, waitFor, type TestBench } from '../helpers/bench';

const PASSWORD = 'correct-horse-battery-staple';
const OTHER_PASSWORD = 'Tr0ub4dor&3-Tr0ub4dor&3';

let tb: TestBench;
/** Every event the bench pushed, as the API's event stream would send it. */
const pushed: string[] = [];
beforeAll(async () => {
  tb = await startTestBench();
  tb.bench.bus.subscribe((e) => pushed.push(JSON.stringify(e)));
});
afterAll(async () => {
  await tb.stop();
});
afterEach(async () => {
  await tb.request('PATCH', '/api/settings', { requirePassword: false, unknownChargers: 'accept' });
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Connects as ocpp-rpc would and expects a refusal: its HTTP status, challenge and body. */
async function refused(identity: string, options: Parameters<typeof strictCharger>[2] = {}) {
  const cp = await strictCharger(tb.wsUrl(), identity, options);
  const err = await cp.connect().then(
    async () => {
      await cp.client.close({ force: true });
      throw new Error(`${identity} was let in`);
    },
    (e: { code?: number; response?: IncomingMessage }) => e,
  );
  let body = '';
  if (err.response) for await (const chunk of err.response) body += chunk;
  return { status: err.code, challenge: err.response?.headers['www-authenticate'], body };
}

async function connects(identity: string, options: Parameters<typeof strictCharger>[2] = {}) {
  const cp = await strictCharger(tb.wsUrl(), identity, options);
  await cp.connect();
  expect(await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).toMatchObject({ status: 'Accepted' });
  return cp;
}

/** The newest recorded connection attempt of a charger (other than its connections closing). */
async function lastAttempt(chargerId: string) {
  const attempts = (await tb.request('GET', '/api/connection-attempts')).body as any[];
  return attempts.find((a) => a.chargerId === chargerId && a.outcome !== 'closed');
}

describe('security profile 1', () => {
  it('registers a charger with a password ahead of its first connection, and lets it in with that password', async () => {
    const reg = await tb.request('POST', '/api/chargers', { id: 'CP-SP1', password: PASSWORD });
    expect(reg).toMatchObject({ status: 201, body: { id: 'CP-SP1', connected: false, registered: true, hasPassword: true } });
    expect(reg.body).not.toHaveProperty('password');
    const cp = await connects('CP-SP1', { password: PASSWORD });
    expect(await lastAttempt('CP-SP1')).toMatchObject({ outcome: 'accepted', reason: null });
    expect(cp.violations).toEqual([]);
    await cp.client.close();
  });

  it('refuses a wrong password, a missing one and another user with 401, a Basic challenge and the reason recorded', async () => {
    const wrong = await refused('CP-SP1', { password: OTHER_PASSWORD });
    expect(wrong).toMatchObject({ status: 401, challenge: 'Basic realm="ChargeBench"' });
    expect(wrong.body).toContain("Wrong password: the charger's AuthorizationKey does not match the password set for CP-SP1 on this bench (security profile 1)");
    expect(await lastAttempt('CP-SP1')).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('Wrong password'), remoteAddress: expect.stringContaining('127.0.0.1') });

    const missing = await refused('CP-SP1');
    expect(missing).toMatchObject({ status: 401, challenge: expect.stringContaining('Basic realm="ChargeBench"') });
    expect(await lastAttempt('CP-SP1')).toMatchObject({
      outcome: 'refused',
      reason:
        "Password missing: CP-SP1 sent no password, but the bench has one set for it (security profile 1). Set the charger's AuthorizationKey to the bench password, and its security profile to 1",
    });

    const otherUser = await refused('CP-SP1', { headers: { authorization: basic('CP-OTHER', PASSWORD) } });
    expect(otherUser.status).toBe(401);
    expect(await lastAttempt('CP-SP1')).toMatchObject({
      outcome: 'refused',
      reason: expect.stringContaining('Wrong user: CP-SP1 sent a password for user "CP-OTHER", but the user must be the charge point identity'),
    });

    const bearer = await refused('CP-SP1', { headers: { authorization: `Bearer ${PASSWORD}` } });
    expect(bearer.status).toBe(401);
    expect(await lastAttempt('CP-SP1')).toMatchObject({ reason: expect.stringContaining('not HTTP Basic') });

    expect((await refused('CP-SP1', { headers: { authorization: 'Basic bm90LWEtcGFpcg==' } })).status).toBe(401);
    expect(await lastAttempt('CP-SP1')).toMatchObject({ reason: expect.stringContaining('malformed HTTP Basic') });

    // No refusal echoes either password, in the answer or in the record.
    const attempts = JSON.stringify((await tb.request('GET', '/api/connection-attempts')).body);
    for (const text of [wrong.body, missing.body, otherUser.body, bearer.body, attempts]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(OTHER_PASSWORD);
    }
  });

  it('accepts a password and an identity that contain ":"', async () => {
    const password = 'a:b:c:d:e:f:g:h:i:j';
    expect((await tb.request('POST', '/api/chargers', { id: 'CP:COLON', password })).status).toBe(201);
    const cp = await connects('CP:COLON', { password });
    await cp.client.close();
    expect((await refused('CP:COLON', { password: 'a:b:c:d:e:f:g:h:i:X' })).status).toBe(401);
  });

  it('lets a charger without a bench password in without auth, noting credentials it sent that were not checked', async () => {
    const plain = await connects('CP-PLAIN');
    await plain.client.close();
    expect(await lastAttempt('CP-PLAIN')).toMatchObject({ outcome: 'accepted', reason: null });
    const keyed = await connects('CP-KEYED', { password: PASSWORD });
    await keyed.client.close();
    expect(await lastAttempt('CP-KEYED')).toMatchObject({ outcome: 'accepted', reason: expect.stringContaining('the bench has no password for it') });
  });

  it("sets, changes and clears a charger's password through PATCH /api/chargers/{id}", async () => {
    expect(await tb.request('PATCH', '/api/chargers/CP-PLAIN', { password: PASSWORD, bootPolicy: 'Pending' })).toMatchObject({
      status: 200,
      body: { hasPassword: true, bootPolicy: 'Pending', registered: false },
    });
    expect((await refused('CP-PLAIN')).status).toBe(401);
    const cp = await strictCharger(tb.wsUrl(), 'CP-PLAIN', { password: PASSWORD });
    await cp.connect();
    expect(await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).toMatchObject({ status: 'Pending' });
    await cp.client.close();
    expect(await tb.request('PATCH', '/api/chargers/CP-PLAIN', { password: null, bootPolicy: null })).toMatchObject({ status: 200, body: { hasPassword: false, bootPolicy: null } });
    await (await connects('CP-PLAIN')).client.close();
  });

  it('with requirePassword, refuses a charger that has no bench password, and lets it in once it has one', async () => {
    expect(await tb.request('PATCH', '/api/settings', { requirePassword: true })).toMatchObject({ status: 200, body: { requirePassword: true, unknownChargers: 'accept' } });
    const r = await refused('CP-NOPW', { password: PASSWORD });
    expect(r).toMatchObject({ status: 401, challenge: expect.stringContaining('Basic') });
    expect(await lastAttempt('CP-NOPW')).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('No password set: CP-NOPW has no password on this bench, and the bench requires one') });
    expect(r.body).toContain('POST /api/chargers');
    // A refused charger is not in the record; registering it with the password commissions it.
    expect((await tb.request('GET', '/api/chargers/CP-NOPW')).status).toBe(404);
    expect((await tb.request('POST', '/api/chargers', { id: 'CP-NOPW', password: PASSWORD })).status).toBe(201);
    await (await connects('CP-NOPW', { password: PASSWORD })).client.close();
    // A charger with a password is still checked as before.
    expect((await refused('CP-SP1')).status).toBe(401);
    await (await connects('CP-SP1', { password: PASSWORD })).client.close();
  });

  it('with unknownChargers reject, refuses identities not registered (seen ones too) with 403 until they are', async () => {
    expect((await tb.request('PATCH', '/api/settings', { unknownChargers: 'reject' })).body).toMatchObject({ unknownChargers: 'reject' });
    const stranger = await refused('CP-STRANGER', { password: PASSWORD });
    expect(stranger.status).toBe(403);
    expect(stranger.challenge).toBeUndefined();
    expect(stranger.body).toContain('Unknown charger: CP-STRANGER is not registered on this bench, and unknown chargers are refused');
    expect(await lastAttempt('CP-STRANGER')).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('POST /api/chargers') });
    // Seen before, never registered: refused as well.
    expect((await refused('CP-KEYED')).status).toBe(403);
    // Registering is idempotent: 201 for a new charger, 200 for one already in the record.
    expect(await tb.request('POST', '/api/chargers', { id: 'CP-STRANGER' })).toMatchObject({ status: 201, body: { registered: true, hasPassword: false } });
    expect(await tb.request('POST', '/api/chargers', { id: 'CP-KEYED' })).toMatchObject({ status: 200, body: { registered: true } });
    await (await connects('CP-STRANGER')).client.close();
    await (await connects('CP-KEYED')).client.close();
    // Registered with a password: both rules apply.
    expect((await refused('CP-SP1', { password: OTHER_PASSWORD })).status).toBe(401);
  });

  it('rejects bad registrations, patches and settings with 400 and the field, without echoing a password', async () => {
    const bad = async (method: string, path: string, body: unknown, field: string) => {
      const r = await tb.request(method, path, body);
      expect(r).toMatchObject({ status: 400, body: { field, error: expect.any(String) } });
      return r.body.error as string;
    };
    await bad('POST', '/api/chargers', {}, 'id');
    await bad('POST', '/api/chargers', { id: '' }, 'id');
    expect(await bad('POST', '/api/chargers', { id: 'X'.repeat(49) }, 'id')).toContain('48');
    expect(await bad('POST', '/api/chargers', { id: 'CP-BAD', password: 'short-secret' }, 'password')).not.toContain('short-secret');
    expect(await bad('POST', '/api/chargers', { id: 'CP-BAD', password: 'x'.repeat(41) }, 'password')).toContain('40');
    expect(await bad('POST', '/api/chargers', { id: 'CP-BAD', password: 'pässwörd-pässwörd-1' }, 'password')).toContain('printable ASCII');
    await bad('POST', '/api/chargers', { id: 'CP-BAD', bootPolicy: 'Maybe' }, 'bootPolicy');
    await bad('POST', '/api/chargers', { id: 'CP-BAD', colour: 'red' }, 'colour');
    await bad('PATCH', '/api/chargers/CP-SP1', { password: 1234567890123456 }, 'password');
    await bad('PATCH', '/api/chargers/CP-SP1', { password: 'tab\there-tab-there' }, 'password');
    await bad('PATCH', '/api/settings', { requirePassword: 'yes' }, 'requirePassword');
    await bad('PATCH', '/api/settings', { unknownChargers: 'maybe' }, 'unknownChargers');
    expect((await tb.request('GET', '/api/chargers/CP-BAD')).status).toBe(404);
    expect(await tb.request('PATCH', '/api/chargers/CP-NEVER', { password: PASSWORD })).toMatchObject({ status: 404, body: { error: expect.stringContaining('POST /api/chargers') } });
  });

  it('never shows a password: not in the chargers list, one charger, the events or the log', async () => {
    const list = await tb.request('GET', '/api/chargers');
    expect(list.status).toBe(200);
    expect(list.body.find((c: any) => c.id === 'CP-SP1')).toMatchObject({ hasPassword: true, registered: true });
    for (const c of list.body) expect(Object.keys(c)).not.toContain('password');
    const texts = await Promise.all(
      ['/api/chargers', '/api/chargers/CP-SP1', '/api/chargers/CP%3ACOLON', '/api/messages?limit=1000', '/api/connection-attempts', '/api/settings'].map(async (p) =>
        JSON.stringify((await tb.request('GET', p)).body),
      ),
    );
    expect(pushed.some((e) => e.includes('connectionRefused'))).toBe(true);
    for (const t of [...texts, ...pushed]) {
      expect(t).not.toContain(PASSWORD);
      expect(t).not.toContain('a:b:c:d:e:f:g:h:i:j');
    }
  });

  it('forgets a charger that is not connected (409 while it is), password and registration included', async () => {
    const cp = await connects('CP-SP1', { password: PASSWORD });
    expect(await tb.request('DELETE', '/api/chargers/CP-SP1')).toMatchObject({ status: 409, body: { error: expect.stringContaining('disconnect it first') } });
    await cp.client.close();
    await waitFor(() => !tb.bench.centralSystem.isConnected('CP-SP1'));
    expect((await tb.request('DELETE', '/api/chargers/CP-SP1')).status).toBe(204);
    expect((await tb.request('GET', '/api/chargers/CP-SP1')).status).toBe(404);
    expect((await tb.request('DELETE', '/api/chargers/CP-SP1')).status).toBe(404);
    // Forgotten means no password: it connects without one again (unknown chargers are accepted).
    await (await connects('CP-SP1')).client.close();
    expect((await tb.request('GET', '/api/chargers/CP-SP1')).body).toMatchObject({ hasPassword: false, registered: false });
  });
});

describe('security profile 1 across a restart', () => {
  it('keeps passwords, registrations and both settings', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-sp1-'));
    try {
      let bench = await startTestBench({ dataDir });
      await bench.request('POST', '/api/chargers', { id: 'CP-KEPT', password: PASSWORD, bootPolicy: 'Pending' });
      await bench.request('PATCH', '/api/settings', { requirePassword: true, unknownChargers: 'reject' });
      await bench.stop();

      bench = await startTestBench({ dataDir });
      try {
        expect((await bench.request('GET', '/api/settings')).body).toMatchObject({ requirePassword: true, unknownChargers: 'reject' });
        expect((await bench.request('GET', '/api/chargers/CP-KEPT')).body).toMatchObject({ registered: true, hasPassword: true, bootPolicy: 'Pending', connected: false });
        const wrong = await strictCharger(bench.wsUrl(), 'CP-KEPT', { password: OTHER_PASSWORD });
        await expect(wrong.connect()).rejects.toMatchObject({ code: 401 });
        const right = await strictCharger(bench.wsUrl(), 'CP-KEPT', { password: PASSWORD });
        await right.connect();
        expect(await right.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).toMatchObject({ status: 'Pending' });
        await right.client.close();
      } finally {
        await bench.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
