// serve mode's face: a local HTTP + WebSocket automation API on 127.0.0.1, every request authorised by
// the bearer token (or the browser's session cookie). The REST routes are a table of contract calls
// (rest-routes.ts); POST /api/call/<method> takes any call by name; exports and uploads stream. Errors are
// JSON with a message a person can act on and, for bad input, the field.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import { BenchError } from '../errors';
import type { Bench } from '../core/bench';
import { defineExportRoutes, downloadPaths } from './export-routes';
import { defineFileRoutes } from './file-routes';
import { defineReportRoutes } from './report-routes';
import { serveUi } from './static-ui';
import { BenchService } from '../core/bench-service';
import type { BenchEvent } from '../../shared/api/events';
import type { ApiTokenView } from '../../shared/api/views';
import { restRoutes, type RestRoute } from './rest-routes';
import { asRestError, decodeParam, readJson, refuseBody, refuseRepeatedQuery, refuseUnknownQuery, typed } from './request-input';
import { maxPhotoBytes } from '../../shared/api/commissioning';
import { JsonText } from '../json-text';
import { EVENTS_ALIVE_MS } from '../../shared/api/methods';

const MAX_BODY = 1024 * 1024;
/** A commissioning photo comes as base64 in JSON: up to maxPhotoBytes once decoded, a third more on the wire. */
const MAX_PHOTO_BODY = Math.ceil(maxPhotoBytes / 3) * 4 + 64 * 1024;
const photoPaths = /^\/api\/(call\/commissioning(:|%3A)addPhoto|commissioning\/[^/]+\/photos)$/i;
/**
 * Events queued for one /api/events client beyond which it is dropped: a stuck or slow browser tab must
 * not grow the bench's memory without bound. It reconnects and reloads its snapshot.
 */
export const MAX_EVENT_BACKLOG = 8 * 1024 * 1024;
/** How long a batched event stream gathers events into one message. */
export const EVENT_BATCH_MS = 50;

export interface ApiServerOptions {
  host?: string;
  port?: number;
  token: string;
  /** Makes and saves a new token (serve keeps it in the data directory); without it the token is fixed. */
  regenerateToken?: () => string;
  /** Where the token comes from, told to the UI in bench:status (Settings → API token). */
  tokenSource?: ApiTokenView;
  /** The built renderer (out/renderer), served at / so a browser gets the bench UI. */
  uiDir?: string;
  /** How often an event stream hears `{"type":"alive"}` (EVENTS_ALIVE_MS; tests shorten it). */
  aliveMs?: number;
}

/** The browser's session cookie: HttpOnly (no script reads it) and SameSite=Strict (no other site sends it). */
export const SESSION_COOKIE = 'chargebench_session';

type Params = Record<string, string>;
type Run = (req: IncomingMessage, params: Params, query: URLSearchParams, body: () => Promise<unknown>, res: ServerResponse) => Promise<[number, unknown]> | [number, unknown];
/**
 * `contract`: the route is a contract call, which itself waits for the record where it reads it
 * (BenchService.call). `takesBody`: the route reads a body; one that does not refuses any but none or `{}`.
 */
type Route = { method: string; pattern: RegExp; keys: string[]; run: Run; contract: boolean; takesBody: boolean };

export class ApiServer {
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private readonly routes: Route[] = [];
  private tokenBuf!: Buffer;
  /** What the session cookie holds: derived from the token, so a new token ends every session. */
  private sessionValue!: string;
  private readonly service: BenchService;

  constructor(
    private readonly bench: Bench,
    private readonly options: ApiServerOptions,
  ) {
    this.useToken(options.token);
    this.service = new BenchService(bench, 'serve', options.tokenSource ? { apiToken: options.tokenSource } : {});
    this.defineRoutes();
  }

  private useToken(token: string): void {
    this.tokenBuf = Buffer.from(token);
    this.sessionValue = createHmac('sha256', token).update('chargebench browser session v1').digest('base64url');
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
      wss.handleUpgrade(req, socket, head, (ws) => this.onEventsClient(ws, url.searchParams.has('batched')));
    });
    this.server = server;
    this.wss = wss;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new Error(`API port ${this.options.port} is already in use. Pick another with --api-port.`) : e));
      server.listen(this.options.port ?? 8180, this.options.host ?? '127.0.0.1', () => resolve());
    });
    // A port setting may not take the API's port.
    this.service.apiPort = this.address().port;
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

  /**
   * One event per message, or with `?batched` (the bench's own UI) a JSON array of the events of up to
   * EVENT_BATCH_MS per message, in order: at 20,000 frames a second a browser then handles 20 messages a
   * second, not 20,000.
   */
  private onEventsClient(ws: WebSocket, batched: boolean): void {
    const send = (events: BenchEvent | BenchEvent[]) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > MAX_EVENT_BACKLOG) {
        off();
        // 1013 "try again later"; ws destroys the socket if the client never answers the close.
        return ws.close(1013, 'Too far behind on events: reconnect and reload');
      }
      ws.send(JSON.stringify(events));
    };
    const unsubscribe = batched ? this.bench.bus.subscribeBatched(send, EVENT_BATCH_MS) : this.bench.bus.subscribe(send);
    // The bench's time, on the clock that stamps its events: a browser on another machine, whose clock may
    // be off it, judges every "ago" by it.
    const now = () => new Date(this.bench.clock.now()).toISOString();
    // However quiet the chargers, the stream carries something every few seconds: a window that hears
    // nothing for longer knows the bench has stopped answering (paused, hung), though the socket stays open.
    const alive = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'alive', ts: now() }));
    }, this.options.aliveMs ?? EVENTS_ALIVE_MS);
    const off = () => {
      unsubscribe();
      clearInterval(alive);
    };
    ws.on('close', off);
    ws.on('error', off);
    ws.send(JSON.stringify({ type: 'hello', chargers: this.bench.connectedChargers(), now: now() }));
    this.bench.uiOpened();
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
      if (url.pathname === '/api/session/token') return this.newToken(req, res);
      if (!this.sameOrigin(req)) throw new BenchError(403, 'A page of another site may not call the bench');
      const queryToken = req.method === 'GET' && downloadPaths.has(url.pathname) ? url.searchParams.get('token') : null;
      if (!this.authorised(req, queryToken)) throw new BenchError(401, 'Missing or wrong API token: send "Authorization: Bearer <token>" (serve prints the token at start)');
      let matchedPath = false;
      for (const route of this.routes) {
        const m = route.pattern.exec(url.pathname);
        if (!m) continue;
        matchedPath = true;
        if (route.method !== req.method) continue;
        const params: Params = {};
        route.keys.forEach((k, i) => (params[k] = decodeParam(k, m[i + 1])));
        // What the route would not read is refused before it acts, not ignored.
        refuseRepeatedQuery(url.searchParams);
        const maxBody = photoPaths.test(url.pathname) ? MAX_PHOTO_BODY : MAX_BODY;
        if (!route.takesBody) await refuseBody(req, maxBody);
        // Reads see every write the bench queued before this request (a contract call waits itself, and
        // not at all when it answers from memory, e.g. the settings).
        if (!route.contract) await this.bench.settled();
        const [status, body] = await route.run(req, params, url.searchParams, () => readJson(req, maxBody), res);
        // A route that streams its answer (an export) has written it itself.
        if (res.headersSent) return;
        // A page the reader thread made: once sent, its memory goes back to that thread.
        return send(res, status, body, (bytes) => this.bench.released(bytes));
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

  /**
   * POST /api/session/token (signed in): a new token, saved where serve keeps it; this browser gets a new
   * session cookie, every other session, saved link and event stream made with the old token ends.
   */
  private newToken(req: IncomingMessage, res: ServerResponse): void {
    if (!this.sameOrigin(req)) throw new BenchError(403, "A page of another site may not change the bench's token");
    if (req.method !== 'POST') throw new BenchError(405, `${req.method} is not allowed on /api/session/token`);
    if (!this.authorised(req)) throw new BenchError(401, 'Missing or wrong API token');
    if (!this.options.regenerateToken) throw new BenchError(409, 'This bench was started with --api-token: its token is fixed for this run');
    this.useToken(this.options.regenerateToken());
    for (const ws of this.wss?.clients ?? []) ws.close(4001, 'The API token was regenerated: sign in again');
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Set-Cookie': this.sessionCookie() }).end(JSON.stringify({ token: this.tokenBuf.toString() }));
  }

  private route(method: string, path: string, run: Route['run'], { contract = false, takesBody }: { contract?: boolean; takesBody: boolean }): void {
    const keys: string[] = [];
    const pattern = new RegExp(`^${path.replace(/\{(\w+)\}/g, (_, k) => (keys.push(k), '([^/]+)'))}$`);
    this.routes.push({ method, pattern, keys, run, contract, takesBody });
  }

  private defineRoutes(): void {
    // The exports, files and reports read a body only to take an upload (POST /api/files); their GETs take none.
    const other = (method: string, path: string, run: Run) => this.route(method, path, run, { takesBody: method !== 'GET' });
    // First, so /api/transactions/export is the export, not the transaction "export".
    defineExportRoutes(other, this.bench);
    for (const r of restRoutes) this.route(r.method, r.path, (_req, params, query, body) => this.runRoute(r, params, query, body), { contract: true, takesBody: r.body !== undefined });
    // The UI's door: every call of the bench contract, the same ones the desktop app makes over IPC.
    this.route(
      'POST',
      '/api/call/{method}',
      async (_r, p, _q, body) => {
        if (!this.service.isMethod(p.method)) throw new BenchError(404, `No bench call "${p.method}"`);
        return [200, await this.service.serve(p.method, await body())];
      },
      { contract: true, takesBody: true },
    );
    defineFileRoutes(other, this.bench);
    defineReportRoutes(other, this.bench);
  }

  /** One REST route: its contract call's argument object from the path, the query and the body; its status and answer from the result. */
  private async runRoute(r: RestRoute, params: Params, query: URLSearchParams, body: () => Promise<unknown>): Promise<[number, unknown]> {
    const args: Record<string, unknown> = {};
    for (const [name, to] of Object.entries(r.params ?? {})) {
      const [field, type] = typeof to === 'string' ? [to, 'string' as const] : to;
      args[field] = typed(params[name], type, name, 'path parameter');
    }
    for (const [name, value] of query) {
      const to = r.query?.[name];
      if (to === undefined) refuseUnknownQuery(name, Object.keys(r.query ?? {}));
      const [field, type] = typeof to === 'string' ? [name, to] : to;
      args[field] = typed(value, type, name, 'query field');
    }
    if (r.body !== undefined) {
      const given = await body();
      if (r.body === true) {
        if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) throw new BenchError(400, 'The request body must be a JSON object', { field: 'body' });
        Object.assign(args, given);
      } else if (given !== undefined) args[r.body] = given;
      // The path names what is acted on: a body cannot point elsewhere.
      for (const [name, to] of Object.entries(r.params ?? {})) {
        const [field, type] = typeof to === 'string' ? [to, 'string' as const] : to;
        args[field] = typed(params[name], type, name, 'path parameter');
      }
    }
    try {
      return await r.reply((method, callArgs) => this.service.serve(method, callArgs), args);
    } catch (e) {
      throw asRestError(e, r);
    }
  }
}

/** Sends a JSON answer; `sent` gets the bytes of a JsonText once they are written out. */
function send(res: ServerResponse, status: number, body: unknown, sent?: (bytes: Uint8Array) => void): void {
  if (status === 204) return void res.writeHead(204).end();
  const head = res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  if (body instanceof JsonText) head.end(body.bytes, () => sent?.(body.bytes));
  else head.end(JSON.stringify(body));
}

const hostError = "This is the bench's local API: it answers only requests addressed to 127.0.0.1, localhost or [::1] with its port (another Host header is refused, against DNS rebinding)";

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
