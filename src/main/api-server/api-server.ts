// serve mode's face: a local HTTP + WebSocket automation API on 127.0.0.1, every request authorised by
// a bearer token. Errors are JSON with a message a person can act on and, for bad input, the field.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import { z } from 'zod';
import { BenchError, parse } from '../errors';
import type { Bench } from '../bench';
import { defineVirtualChargerRoutes } from './virtual-charger-routes';
import { defineExportRoutes } from './export-routes';
import { defineFileRoutes } from './file-routes';
import { serveUi } from './static-ui';
import { BenchService } from '../bench-service';
import type { BenchMethod } from '../../shared/api/contract';
import { ChargerPatch, ChargerRegistration, IdTagEntrySchema, IdTagList, ListQuery, MessagesQuery, MeterValuesQuery, SettingsPatch, TransactionsQuery } from '../../shared/api/commands';

const MAX_BODY = 1024 * 1024;
/**
 * Events queued for one /api/events client beyond which it is dropped: a stuck or slow browser tab must
 * not grow the bench's memory without bound. It reconnects and reloads its snapshot.
 */
export const MAX_EVENT_BACKLOG = 8 * 1024 * 1024;

export interface ApiServerOptions {
  host?: string;
  port?: number;
  token: string;
  /** The built renderer (out/renderer), served at / so a browser gets the bench UI. */
  uiDir?: string;
}

/** The browser's session cookie: HttpOnly (no script reads it) and SameSite=Strict (no other site sends it). */
export const SESSION_COOKIE = 'chargebench_session';

type Params = Record<string, string>;
type Route = { method: string; pattern: RegExp; keys: string[]; run: (req: IncomingMessage, params: Params, query: URLSearchParams, body: () => Promise<unknown>, res: ServerResponse) => Promise<[number, unknown]> | [number, unknown] };

export class ApiServer {
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private readonly routes: Route[] = [];
  private readonly tokenBuf: Buffer;
  /** What the session cookie holds: derived from the token, so a new token ends every session. */
  private readonly sessionValue: string;
  private readonly service: BenchService;

  constructor(
    private readonly bench: Bench,
    private readonly options: ApiServerOptions,
  ) {
    this.tokenBuf = Buffer.from(options.token);
    this.sessionValue = createHmac('sha256', options.token).update('chargebench browser session v1').digest('base64url');
    this.service = new BenchService(bench, 'serve');
    this.defineRoutes();
  }

  async start(): Promise<{ host: string; port: number }> {
    const server = createServer((req, res) => void this.handle(req, res));
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://api');
      const refuse = (status: string, body: string) => void socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
      if (!this.ownHost(req)) return refuse('421 Misdirected Request', JSON.stringify({ error: hostError }));
      if (url.pathname !== '/api/events') return refuse('404 Not Found', '{"error":"No such WebSocket endpoint"}');
      if (!this.sameOrigin(req)) return refuse('403 Forbidden', '{"error":"A page of another site may not open the bench\'s event stream"}');
      if (!this.authorised(req)) return refuse('401 Unauthorized', '{"error":"Missing or wrong API token"}');
      wss.handleUpgrade(req, socket, head, (ws) => this.onEventsClient(ws));
    });
    this.server = server;
    this.wss = wss;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new Error(`API port ${this.options.port} is already in use. Pick another with --api-port.`) : e));
      server.listen(this.options.port ?? 8180, this.options.host ?? '127.0.0.1', () => resolve());
    });
    return this.address();
  }

  address(): { host: string; port: number } {
    const a = this.server!.address() as AddressInfo;
    return { host: a.address, port: a.port };
  }

  async stop(): Promise<void> {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private onEventsClient(ws: WebSocket): void {
    const off = this.bench.centralSystem.onEvent((e) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > MAX_EVENT_BACKLOG) {
        off();
        // 1013 "try again later"; ws destroys the socket if the client never answers the close.
        return ws.close(1013, 'Too far behind on events: reconnect and reload');
      }
      ws.send(JSON.stringify(e));
    });
    ws.on('close', off);
    ws.on('error', off);
    ws.send(JSON.stringify({ type: 'hello', chargers: this.bench.centralSystem.connectedChargers() }));
  }

  /**
   * The token, only in the Authorization header (`Bearer`, any case), or the session cookie a browser
   * traded it for. A token in the URL leaks (history, logs, a shared link), so it counts only where a
   * browser cannot send a header: `queryToken` (export downloads by script).
   */
  private authorised(req: IncomingMessage, queryToken: string | null = null): boolean {
    const m = /^\s*bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (m) return sameSecret(m[1], this.tokenBuf);
    const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (cookie !== null) return sameSecret(cookie, Buffer.from(this.sessionValue));
    return queryToken !== null && sameSecret(queryToken, this.tokenBuf);
  }

  /**
   * DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 reaches this port with
   * Host: evil.example. Only the bench's own loopback names are answered.
   */
  private ownHost(req: IncomingMessage): boolean {
    const host = (req.headers.host ?? '').toLowerCase();
    const port = this.server ? (this.server.address() as AddressInfo).port : this.options.port;
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
  }

  /** A request a browser sends from another site carries its Origin; the bench's own page has the bench's. */
  private sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    try {
      return new URL(origin).host === (req.headers.host ?? '').toLowerCase();
    } catch {
      return false;
    }
  }

  private sessionCookie(): string {
    return `${SESSION_COOKIE}=${this.sessionValue}; HttpOnly; SameSite=Strict; Path=/`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://api');
    try {
      if (!this.ownHost(req)) throw new BenchError(421, hostError);
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new BenchError(405, `${req.method} is not allowed on ${url.pathname}`);
        // The link serve prints: the token is traded for the session cookie and leaves the address bar.
        const token = url.searchParams.get('token');
        if (token !== null) {
          const headers: Record<string, string> = { Location: '/', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
          if (sameSecret(token, this.tokenBuf)) headers['Set-Cookie'] = this.sessionCookie();
          return void res.writeHead(303, headers).end();
        }
        return await serveUi(res, this.options.uiDir, url.pathname, this.address().port);
      }
      if (url.pathname === '/api/session') return this.session(req, res);
      if (!this.sameOrigin(req)) throw new BenchError(403, 'A page of another site may not call the bench');
      const queryToken = req.method === 'GET' && url.pathname === '/api/messages/export' ? url.searchParams.get('token') : null;
      if (!this.authorised(req, queryToken)) throw new BenchError(401, 'Missing or wrong API token: send "Authorization: Bearer <token>" (serve prints the token at start)');
      let matchedPath = false;
      for (const route of this.routes) {
        const m = route.pattern.exec(url.pathname);
        if (!m) continue;
        matchedPath = true;
        if (route.method !== req.method) continue;
        const params: Params = {};
        route.keys.forEach((k, i) => (params[k] = decodeParam(k, m[i + 1])));
        // Reads see every write the bench queued before this request.
        await this.bench.record.settled();
        const [status, body] = await route.run(req, params, url.searchParams, () => readJson(req), res);
        // A route that streams its answer (an export) has written it itself.
        if (res.headersSent) return;
        return send(res, status, body);
      }
      throw new BenchError(matchedPath ? 405 : 404, matchedPath ? `${req.method} is not allowed on ${url.pathname}` : `No API endpoint ${req.method} ${url.pathname}`);
    } catch (e) {
      if (e instanceof BenchError) return send(res, e.status, { error: e.message, ...e.extra });
      console.error('chargebench api: unexpected error', e);
      return send(res, 500, { error: `Internal error: ${(e as Error).message}` });
    }
  }

  /** POST /api/session with the token in the header: the browser gets the session cookie. DELETE ends it. */
  private session(req: IncomingMessage, res: ServerResponse): void {
    if (!this.sameOrigin(req)) throw new BenchError(403, 'A page of another site may not sign in to the bench');
    if (req.method === 'DELETE') return void res.writeHead(204, { 'Set-Cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` }).end();
    if (req.method !== 'POST') throw new BenchError(405, `${req.method} is not allowed on /api/session`);
    const m = /^\s*bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m || !sameSecret(m[1], this.tokenBuf)) throw new BenchError(401, 'Missing or wrong API token: send "Authorization: Bearer <token>"');
    res.writeHead(204, { 'Set-Cookie': this.sessionCookie(), 'Cache-Control': 'no-store' }).end();
  }

  private route(method: string, path: string, run: Route['run']): void {
    const keys: string[] = [];
    const pattern = new RegExp(`^${path.replace(/\{(\w+)\}/g, (_, k) => (keys.push(k), '([^/]+)'))}$`);
    this.routes.push({ method, pattern, keys, run });
  }

  private defineRoutes(): void {
    const cs = this.bench.centralSystem;
    const record = this.bench.record;

    this.route('GET', '/api/chargers', () => [200, record.chargers().map((c) => ({ ...c, connected: cs.isConnected(c.id) }))]);
    // Registering is idempotent (201 when the charger is new, 200 when it was already seen or
    // registered), so one call commissions a charger whether or not it has connected yet.
    this.route('POST', '/api/chargers', async (_r, _p, _q, body) => {
      const { id, password, bootPolicy } = parse(ChargerRegistration, await body(), 'body');
      const { created } = await cs.registerCharger(id, { password, bootPolicy });
      return [created ? 201 : 200, this.charger(id)];
    });
    this.route('GET', '/api/chargers/{id}', (_r, p) => [200, this.charger(p.id)]);
    this.route('PATCH', '/api/chargers/{id}', async (_r, p, _q, body) => {
      const patch = parse(ChargerPatch, await body(), 'body');
      if (patch.bootPolicy !== undefined) await cs.setBootPolicy(p.id, patch.bootPolicy);
      if (patch.password !== undefined) await cs.setPassword(p.id, patch.password);
      return [200, this.charger(p.id)];
    });
    this.route('DELETE', '/api/chargers/{id}', async (_r, p) => {
      await cs.deleteCharger(p.id);
      return [204, null];
    });
    this.route('POST', '/api/chargers/{id}/disconnect', (_r, p) => {
      this.charger(p.id);
      return [200, { disconnected: cs.disconnect(p.id) }];
    });
    this.route('POST', '/api/chargers/{id}/operations/{action}', async (_r, p, q, body) => {
      const payload = await body();
      const timeout = q.get('timeout');
      const timeoutMs = timeout === null ? undefined : parse(z.coerce.number().int().min(1).max(3600), timeout, 'timeout') * 1000;
      const result = await cs.operate(p.id, p.action, payload ?? {}, { timeoutMs });
      return [result.outcome === 'offline' ? 409 : 200, result];
    });
    this.route('GET', '/api/chargers/{id}/meter-values', (_r, p, q) => {
      this.charger(p.id);
      return [200, record.meterValuesOf({ chargerId: p.id, ...parse(MeterValuesQuery, Object.fromEntries(q), 'query') })];
    });
    this.route('GET', '/api/chargers/{id}/status-history', (_r, p, q) => {
      this.charger(p.id);
      const { connectorId, limit } = parse(MeterValuesQuery.pick({ connectorId: true, limit: true }), Object.fromEntries(q), 'query');
      return [200, record.statusHistory(p.id, { connectorId, limit })];
    });
    this.route('GET', '/api/messages', (_r, _p, q) => [200, record.messages(parse(MessagesQuery, Object.fromEntries(q), 'query'))]);
    this.route('GET', '/api/transactions', (_r, _p, q) => {
      const { active, ...rest } = parse(TransactionsQuery, Object.fromEntries(q), 'query');
      return [200, record.transactions({ ...rest, active: active === undefined ? undefined : active === 'true' })];
    });
    this.route('GET', '/api/transactions/{id}', (_r, p) => {
      const id = parse(z.coerce.number().int().min(1), p.id, 'id');
      const tx = record.transaction(id);
      if (!tx) throw new BenchError(404, `No transaction ${id}`);
      return [200, { ...tx, meterValues: record.meterValuesOf({ transactionId: id, limit: 100_000 }).reverse() }];
    });
    this.route('GET', '/api/operations', (_r, _p, q) => [200, record.operations(parse(ListQuery, Object.fromEntries(q), 'query'))]);
    this.route('GET', '/api/charger-events', (_r, _p, q) => [200, record.events(parse(ListQuery, Object.fromEntries(q), 'query'))]);
    this.route('GET', '/api/connection-attempts', () => [200, record.connectionAttempts()]);
    // 503 while the bench cannot record, so a monitor sees it without reading the body.
    this.route('GET', '/api/health', () => {
      const health = this.bench.health();
      return [health.ok ? 200 : 503, health];
    });
    this.route('GET', '/api/settings', () => [200, cs.settings()]);
    this.route('PATCH', '/api/settings', async (_r, _p, _q, body) => [200, await cs.updateSettings(parse(SettingsPatch, await body(), 'body'))]);
    this.route('GET', '/api/id-tags', () => [200, record.idTags()]);
    this.route('PUT', '/api/id-tags', async (_r, _p, _q, body) => {
      await record.putIdTags(parse(IdTagList, await body(), 'body'), true);
      cs.auth.reloadTags();
      return [200, record.idTags()];
    });
    this.route('POST', '/api/id-tags', async (_r, _p, _q, body) => {
      const entry = parse(IdTagEntrySchema, await body(), 'body');
      await record.putIdTags([entry], false);
      cs.auth.reloadTags();
      return [201, record.idTag(entry.idTag)];
    });
    this.route('DELETE', '/api/id-tags/{idTag}', async (_r, p) => {
      if (!(await record.deleteIdTag(p.idTag))) throw new BenchError(404, `idTag "${p.idTag}" is not in the local list`);
      cs.auth.reloadTags();
      return [204, null];
    });
    // The UI's door: every call of the bench contract, the same ones the desktop app makes over IPC.
    this.route('POST', '/api/call/{method}', async (_r, p, _q, body) => [200, await this.service.call(p.method as BenchMethod, await body())]);
    defineVirtualChargerRoutes((method, path, run) => this.route(method, path, run as Route['run']), this.bench);
    defineExportRoutes((method, path, run) => this.route(method, path, run), this.bench);
    defineFileRoutes((method, path, run) => this.route(method, path, run), this.bench);
  }

  private charger(id: string) {
    const c = this.bench.record.charger(id);
    if (!c) throw new BenchError(404, `No charger "${id}" is known to this bench: it has never connected and is not registered (POST /api/chargers registers it)`);
    return { ...c, connected: this.bench.centralSystem.isConnected(id) };
  }
}

/** A route parameter from the URL path, %-decoded; a malformed escape is the caller's mistake, not a 500. */
function decodeParam(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BenchError(400, `The ${name} in the URL, "${raw}", has a malformed %-escape: write % itself as %25`, { field: name });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BenchError(413, `Request body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BenchError(400, `Request body is not valid JSON: ${(e as Error).message}`, { field: 'body' });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204) return void res.writeHead(204).end();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(text);
}

const hostError = 'This is the bench\'s local API: it answers only requests addressed to 127.0.0.1, localhost or [::1] with its port (another Host header is refused, against DNS rebinding)';

function sameSecret(given: string, expected: Buffer): boolean {
  const buf = Buffer.from(given);
  return buf.length === expected.length && timingSafeEqual(buf, expected);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
