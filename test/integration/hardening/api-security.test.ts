// The automation API on the operator's machine, where any web page can send it requests: the token
// counts only in the Authorization header (or the HttpOnly session cookie a browser trades it for), never
// in a URL but for export downloads; another Host (DNS rebinding) and another site's Origin are refused.
import { describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { useTestBench } from '../../helpers/bench';

const tb = useTestBench();

/** A raw HTTP request, so Host and Cookie can be set as a browser (or an attacker) would. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: tb.apiPort, method, path, headers: { Host: `127.0.0.1:${tb.apiPort}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the API token', () => {
  it('counts only in the Authorization header, whatever the case of the scheme', async () => {
    expect((await raw('GET', `/api/settings?token=${tb.token}`)).status).toBe(401);
    expect((await raw('PATCH', `/api/settings?token=${tb.token}`, { 'Content-Type': 'application/json' }, '{"heartbeatInterval": 5}')).status).toBe(401);
    expect((await raw('GET', '/api/settings', { Authorization: `bearer ${tb.token}` })).status).toBe(200);
    expect((await raw('GET', '/api/settings', { Authorization: `BEARER ${tb.token}` })).status).toBe(200);
    expect((await raw('GET', '/api/settings', { Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('is traded for an HttpOnly, SameSite=Strict session cookie by the link serve prints, and leaves the URL', async () => {
    const res = await raw('GET', `/?token=${tb.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^chargebench_session=[\w-]+; HttpOnly; SameSite=Strict; Path=\//);
    expect(cookie).not.toContain(tb.token);
    const session = cookie.split(';')[0];
    expect((await raw('GET', '/api/settings', { Cookie: session })).status).toBe(200);
    // The event stream takes the cookie too (a browser's WebSocket cannot send a header).
    const ws = new WebSocket(`ws://127.0.0.1:${tb.apiPort}/api/events`, { headers: { Cookie: session } });
    const hello = await new Promise<string>((resolve, reject) => {
      ws.once('message', (d) => resolve(String(d)));
      ws.once('error', reject);
    });
    expect(JSON.parse(hello).type).toBe('hello');
    ws.close();
    // A wrong token gets no cookie; a forged cookie opens nothing.
    expect((await raw('GET', '/?token=wrong')).headers['set-cookie']).toBeUndefined();
    expect((await raw('GET', '/api/settings', { Cookie: 'chargebench_session=forged' })).status).toBe(401);
    // Signing in from the page (POST /api/session with the header) gives the same cookie; DELETE ends it.
    const signIn = await raw('POST', '/api/session', { Authorization: `Bearer ${tb.token}` });
    expect(signIn.status).toBe(204);
    expect(String(signIn.headers['set-cookie']).split(';')[0]).toBe(session);
    expect(String((await raw('DELETE', '/api/session')).headers['set-cookie'])).toContain('Max-Age=0');
  });

  it('may come as ?token= for an export download only', async () => {
    expect((await raw('GET', `/api/messages/export?format=csv&token=${tb.token}`)).status).toBe(200);
  });
});

describe('requests from elsewhere', () => {
  it("refuses a Host that is not the bench's own loopback name (DNS rebinding)", async () => {
    const res = await raw('GET', '/api/settings', { Host: `evil.example:${tb.apiPort}`, Authorization: `Bearer ${tb.token}` });
    expect(res.status).toBe(421);
    expect(JSON.parse(res.body).error).toContain('DNS rebinding');
    expect((await raw('GET', '/', { Host: 'evil.example' })).status).toBe(421);
    expect((await raw('GET', '/api/settings', { Host: `localhost:${tb.apiPort}`, Authorization: `Bearer ${tb.token}` })).status).toBe(200);
  });

  it("refuses another site's page, even with the session cookie", async () => {
    const session = String((await raw('GET', `/?token=${tb.token}`)).headers['set-cookie']).split(';')[0];
    const res = await raw('PATCH', '/api/settings', { Cookie: session, Origin: 'http://evil.example', 'Content-Type': 'application/json' }, '{"heartbeatInterval": 5}');
    expect(res.status).toBe(403);
    expect((await tb.request('GET', '/api/settings')).body.heartbeatInterval).not.toBe(5);
    const ws = new WebSocket(`ws://127.0.0.1:${tb.apiPort}/api/events`, { headers: { Cookie: session, Origin: 'http://evil.example' } });
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_r, res2) => resolve(res2.statusCode ?? 0)));
    expect(status).toBe(403);
  });
});
