// Charger passwords stay secret: an AuthorizationKey set with ChangeConfiguration is not in the message
// log, the operations list, the events or an export (a marker says a value was set), and with a keyring
// (the desktop app's safeStorage) the stored password is encrypted while chargers still connect with it.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { startTestBench, strictCharger, useTestBench, waitFor } from '../../helpers/bench';
import { keyringSecrets } from '../../../src/main/store/secrets';
import { databaseFile } from '../../../src/main/store/database';
import { redactFrameText, REDACTED } from '../../../src/shared/ocpp16';

const tb = useTestBench();
const SECRET = 'correct-horse-battery-staple-42';

describe('AuthorizationKey values', () => {
  it('never appear where frames are shown or exported, and a marker says one was set', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'KEYED');
    cp.client.handle('ChangeConfiguration', () => ({ status: 'Accepted' }));
    // A bad charger that returns the key in GetConfiguration.
    cp.client.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'AuthorizationKey', readonly: false, value: SECRET }] }));
    await cp.connect();
    const events = new WebSocket(`ws://127.0.0.1:${tb.apiPort}/api/events`, { headers: { Authorization: `Bearer ${tb.token}` } });
    const pushed: string[] = [];
    events.on('message', (d) => pushed.push(String(d)));
    await new Promise((r) => events.once('message', r));

    const set = await tb.request('POST', '/api/chargers/KEYED/operations/ChangeConfiguration', { key: 'AuthorizationKey', value: SECRET });
    expect(set.body.outcome).toBe('completed');
    const got = await tb.request('POST', '/api/chargers/KEYED/operations/GetConfiguration', {});
    expect(JSON.stringify(got.body)).not.toContain(SECRET);

    const everywhere = [
      JSON.stringify((await tb.request('GET', '/api/messages?chargerId=KEYED')).body),
      JSON.stringify((await tb.request('GET', '/api/operations?chargerId=KEYED')).body),
      JSON.stringify((await tb.request('POST', '/api/call/messages:page', { chargerId: 'KEYED' })).body),
      await (
        await fetch(`http://127.0.0.1:${tb.apiPort}/api/messages/export?format=json&filter=${encodeURIComponent('{"chargerId":"KEYED"}')}`, { headers: { Authorization: `Bearer ${tb.token}` } })
      ).text(),
      pushed.join('\n'),
    ];
    for (const text of everywhere) {
      expect(text).not.toContain(SECRET);
      expect(text).toContain(REDACTED);
    }
    events.close();
    await cp.client.close();
  });

  it('are redacted in frames that are not even valid JSON', () => {
    expect(redactFrameText(`[2,"1","ChangeConfiguration",{"key":"AuthorizationKey","value":"${SECRET}"`)).not.toContain(SECRET);
    expect(redactFrameText(`[2,"1","ChangeConfiguration",{"value":"${SECRET}","key":"AuthorizationKey"}`)).not.toContain(SECRET);
    expect(redactFrameText('[2,"1","ChangeConfiguration",{"key":"HeartbeatInterval","value":"60"}]')).toBe('[2,"1","ChangeConfiguration",{"key":"HeartbeatInterval","value":"60"}]');
  });
});

describe('charger passwords with a keyring', () => {
  it('are stored encrypted, and the charger still connects with its password', async () => {
    // A stand-in for safeStorage: reversible, and plainly not the password.
    const cipher = { encrypt: (s: string) => Buffer.from(s, 'utf8').reverse(), decrypt: (b: Buffer) => Buffer.from(b).reverse().toString('utf8') };
    const bench = await startTestBench({ secrets: keyringSecrets(cipher) });
    try {
      expect((await bench.request('POST', '/api/chargers', { id: 'SAFE1', password: SECRET })).status).toBe(201);
      await bench.bench.record.settled();
      const db = new Database(databaseFile(bench.dataDir), { readonly: true });
      const stored = (db.prepare("SELECT password FROM chargers WHERE id = 'SAFE1'").get() as { password: string }).password;
      db.close();
      expect(stored).toMatch(/^enc:v1:/);
      expect(stored).not.toContain(SECRET);
      const cp = await strictCharger(bench.wsUrl(), 'SAFE1', { password: SECRET });
      await cp.connect();
      await cp.client.close();
    } finally {
      await bench.stop();
    }
  });

  it("keeps built-in virtual chargers' passwords and AuthorizationKeys encrypted too, and encrypts what was stored before", async () => {
    const cipher = { encrypt: (s: string) => Buffer.from(s, 'utf8').reverse(), decrypt: (b: Buffer) => Buffer.from(b).reverse().toString('utf8') };
    const stored = (dataDir: string) => {
      const db = new Database(databaseFile(dataDir), { readonly: true });
      try {
        return {
          chargers: (db.prepare('SELECT password FROM chargers WHERE password IS NOT NULL').all() as Array<{ password: string }>).map((r) => r.password),
          virtual: (db.prepare('SELECT definition, state FROM virtual_chargers').all() as Array<{ definition: string; state: string | null }>).map((r) => `${r.definition} ${r.state}`),
        };
      } finally {
        db.close();
      }
    };
    // Stored plain, as a bench without a keyring (or an older version) left it.
    const before = await startTestBench();
    const dataDir = before.dataDir;
    try {
      expect((await before.request('POST', '/api/chargers', { id: 'OLD1', password: SECRET })).status).toBe(201);
      expect((await before.request('POST', '/api/virtual-chargers', { id: 'VSAFE', password: SECRET, autoStart: true })).status).toBe(201);
      await waitFor(async () => (await before.request('GET', '/api/virtual-chargers/VSAFE')).body.connection === 'connected' || null, 10_000);
      await before.bench.record.settled();
      expect(JSON.stringify(stored(dataDir))).toContain(SECRET);
    } finally {
      await before.api.stop();
      await before.bench.stop();
    }
    // The same data directory with a keyring: nothing is left plain, and both chargers still get in.
    const after = await startTestBench({ dataDir, secrets: keyringSecrets(cipher) });
    try {
      await waitFor(async () => (await after.request('GET', '/api/virtual-chargers/VSAFE')).body.connection === 'connected' || null, 10_000);
      await after.bench.record.settled();
      const now = stored(dataDir);
      expect(JSON.stringify(now)).not.toContain(SECRET);
      expect(now.chargers).toEqual([expect.stringMatching(/^enc:v1:/), expect.stringMatching(/^enc:v1:/)]);
      expect(now.virtual.join(' ')).toMatch(/"password":"enc:v1:[^"]+".*"AuthorizationKey":"enc:v1:/);
      const cp = await strictCharger(after.wsUrl(), 'OLD1', { password: SECRET });
      await cp.connect();
      await cp.client.close();
    } finally {
      await after.stop();
    }
  });
});
