// Charger passwords stay secret: an AuthorizationKey set with ChangeConfiguration is not in the message
// log, the operations list, the events or an export (a marker says a value was set), and with a keyring
// (the desktop app's safeStorage) the stored password is encrypted while chargers still connect with it.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { startTestBench, strictCharger, useTestBench } from '../../helpers/bench';
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
});
