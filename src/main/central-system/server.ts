// The OCPP port: an HTTP server chargers reach with a WebSocket upgrade at ws://<host>:<port>/<path>/<id>
// (and plain HTTP for files the bench hosts). It holds the TCP connections to their caps, drops those
// that never finish a handshake, and hands each upgrade to admission; refusals and floods are recorded,
// a burst as one line.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BenchSettings } from '../../shared/api/views';
import { OCPP_SUBPROTOCOL, type Admission } from './admission';
import { RefusalTally, type TurnedAway } from './refusals';
import { systemClock, type Clock } from '../clock';

/** A connection must complete its WebSocket handshake (or HTTP request) within this. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;
/**
 * An HTTP request must have sent all its headers within this (Node's own default), on every request of a
 * kept-alive connection too. Its body has no time limit: a big diagnostics upload over a slow site link may
 * take longer than Node's 5-minute request timeout, and a silent one is ended by the upload inbox instead.
 */
export const HEADERS_TIMEOUT_MS = 60_000;
/** The largest frame accepted from a charger. */
export const DEFAULT_MAX_PAYLOAD = 4 * 1024 * 1024;

export interface OcppServerOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  maxPayload?: number;
  /** Plain HTTP requests on the OCPP port (e.g. hosted firmware files): true when it answered the request. */
  httpHandler?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Time to complete a handshake (default HANDSHAKE_TIMEOUT_MS). */
  handshakeTimeoutMs?: number;
  /** This machine's own addresses are not held to the per-address cap (default true). */
  exemptLoopback?: boolean;
  /** Time to send an HTTP request's headers (default HEADERS_TIMEOUT_MS). */
  headersTimeoutMs?: number;
  /** How often Node checks for requests past their headers timeout (Node's default, 30 s; tests use less). */
  timeoutCheckEveryMs?: number;
}

export interface OcppServerHooks {
  settings(): BenchSettings;
  /** Admission's verdict on an upgrade. */
  decide(req: IncomingMessage): Admission;
  /** A charger is in. */
  accepted(ws: WebSocket, req: IncomingMessage, admission: Extract<Admission, { admitted: true }>): void;
  /** A connection turned away at its upgrade, in words (recorded and announced by the caller). */
  refused(chargerId: string | null, remoteAddress: string | null, reason: string): void;
  /** Connections turned away before an upgrade (over a cap, no handshake in time, TLS), a burst counted as one (recorded and announced by the caller). */
  turnedAway(refused: TurnedAway): void;
}

export class OcppServer {
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly perAddress = new Map<string, number>();
  /** Sockets still to complete a handshake, each with its deadline. */
  private readonly deadlines = new Map<Socket, NodeJS.Timeout>();
  private readonly refusals: RefusalTally;
  readonly stats = { refusedOverCap: 0, incompleteHandshakes: 0 };

  constructor(
    private readonly options: OcppServerOptions,
    private readonly hooks: OcppServerHooks,
    clock: Clock = systemClock,
  ) {
    this.refusals = new RefusalTally((refused) => hooks.turnedAway(refused), clock);
  }

  async start(): Promise<{ host: string; port: number }> {
    const timeouts = {
      // Node's default (300 s) would answer 408 and cut an upload still sending; headers still have a limit.
      requestTimeout: 0,
      headersTimeout: this.options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      ...(this.options.timeoutCheckEveryMs ? { connectionsCheckingInterval: this.options.timeoutCheckEveryMs } : {}),
    };
    const server = createServer(timeouts, (req, res) => {
      this.handshakeDone(req.socket);
      if (this.options.httpHandler?.(req, res)) return;
      res
        .writeHead(426, { 'Content-Type': 'text/plain' })
        .end("This is ChargeBench's OCPP 1.6J central system: connect with a WebSocket to ws://<host>:<port>/ocpp/<chargePointId> offering subprotocol ocpp1.6.\n");
    });
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
      handleProtocols: (protocols) => (protocols.has(OCPP_SUBPROTOCOL) ? OCPP_SUBPROTOCOL : false),
    });
    server.on('connection', (socket: Socket) => this.onSocket(socket));
    server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => this.onClientError(err, socket as Socket));
    server.on('upgrade', (req, socket, head) => {
      this.handshakeDone(socket as Socket);
      this.onUpgrade(wss, req, socket, head);
    });
    this.server = server;
    this.wss = wss;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 9000, this.options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return this.address();
  }

  address(): { host: string; port: number } {
    const a = this.server?.address() as AddressInfo | null;
    return { host: a?.address ?? this.options.host ?? '0.0.0.0', port: a?.port ?? this.options.port ?? 9000 };
  }

  /** Node's limits on an HTTP request (ms, 0: none): its headers have one, its body none. */
  get httpTimeouts(): { headers: number; request: number } | null {
    return this.server ? { headers: this.server.headersTimeout, request: this.server.requestTimeout } : null;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      for (const ws of this.wss?.clients ?? []) ws.terminate();
      this.wss?.close();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.refusals.flush();
  }

  /**
   * Every TCP connection: refused at once beyond the caps (in total, and per address but for this
   * machine's own), and dropped if it has not completed a handshake by its deadline (a slowloris holds
   * sockets open by never finishing one, trickling a byte now and then so the socket is never idle).
   * Refusals are recorded, a burst as one line.
   */
  private onSocket(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const s = this.hooks.settings();
    const fromHere = this.options.exemptLoopback !== false && isLoopback(address);
    const cap = connectionCap(s.maxConnections);
    if (this.sockets.size >= cap.max || (!fromHere && (this.perAddress.get(address) ?? 0) >= s.maxConnectionsPerAddress)) {
      this.stats.refusedOverCap++;
      socket.destroy();
      const which =
        this.sockets.size >= cap.max
          ? `the bench holds its maximum of ${cap.max} connections${cap.byFileLimit ? ` (the most this system's open-file limit of ${cap.byFileLimit} leaves room for)` : ''}`
          : `${address} already holds ${s.maxConnectionsPerAddress} connections, the most one address may`;
      this.refusals.note(address, 'overCap', `Connection refused: ${which} (Settings: connection limits)`);
      return;
    }
    this.sockets.add(socket);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    const timeoutMs = this.options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
    this.deadlines.set(
      socket,
      setTimeout(() => {
        this.deadlines.delete(socket);
        this.stats.incompleteHandshakes++;
        this.refusals.note(address, 'handshake', `Connection dropped: no complete WebSocket handshake within ${timeoutMs / 1000} s`);
        socket.destroy();
      }, timeoutMs),
    );
    socket.once('close', () => {
      this.handshakeDone(socket);
      this.sockets.delete(socket);
      const n = (this.perAddress.get(address) ?? 1) - 1;
      if (n > 0) this.perAddress.set(address, n);
      else this.perAddress.delete(address);
    });
  }

  /**
   * Bytes the HTTP parser cannot read. A TLS ClientHello (a charger set to wss://, security profile 2 or
   * 3) starts with the handshake record type 0x16: it is recorded as a refusal that says what to change,
   * a burst as one line, and the socket closed (a TLS client could not read an HTTP answer anyway). Any
   * other bad request gets Node's own answer.
   */
  private onClientError(err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): void {
    const raw = err.rawPacket;
    if (raw && isTlsClientHello(raw)) {
      const address = socket.remoteAddress ?? 'unknown';
      this.refusals.note(address, 'tls', tlsRefusal(address));
      socket.destroy();
      return;
    }
    if (!socket.writable || (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, text] = err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout'] : [400, 'Bad Request'];
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n\r\n`);
  }

  /** The socket completed a handshake (or an HTTP request) or closed: its deadline no longer applies. */
  private handshakeDone(socket: Socket): void {
    const deadline = this.deadlines.get(socket);
    if (deadline === undefined) return;
    clearTimeout(deadline);
    this.deadlines.delete(socket);
  }

  private onUpgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const decision = this.hooks.decide(req);
    if (!decision.admitted) {
      this.hooks.refused(decision.chargerId, req.socket.remoteAddress ?? null, decision.reason);
      const status = decision.status;
      const body = `${decision.reason}\n`;
      const extra = Object.entries(decision.headers ?? {})
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n${extra}Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => this.hooks.accepted(ws, req, decision));
  }
}

/** A TLS handshake record (type 0x16, version 3.x) where HTTP was expected. */
export function isTlsClientHello(bytes: Buffer): boolean {
  return bytes.length > 0 && bytes[0] === 0x16 && (bytes.length < 2 || bytes[1] === 0x03);
}

/** The refusal of a TLS handshake on the plain port, in words to act on. */
export function tlsRefusal(address: string): string {
  const from = address.startsWith('::ffff:') ? address.slice(7) : address;
  return `TLS handshake from ${from}: this bench has no TLS: configure the charger with ws:// (OCPP security profile 0 or 1)`;
}

/** This machine's own addresses: exempt from the per-address cap (built-in and CLI virtual chargers connect from here). */
function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** File descriptors kept free beyond the connections: the record, the API and UI, the file server, logs. */
export const FILE_RESERVE = 256;

/**
 * The most connections the bench takes: the setting, or fewer where the system's open-file limit would
 * run out first (then the API and the record could not open a file either). `byFileLimit` is that limit
 * when it is what decides.
 */
export function connectionCap(setting: number, fileLimit = openFileLimit()): { max: number; byFileLimit: number | null } {
  if (fileLimit === null || fileLimit - FILE_RESERVE >= setting) return { max: setting, byFileLimit: null };
  return { max: Math.max(1, fileLimit - FILE_RESERVE), byFileLimit: fileLimit };
}

let fileLimit: number | null | undefined;

/** The process's soft limit on open files where the system says (Linux: /proc/self/limits), else null. */
export function openFileLimit(): number | null {
  if (fileLimit !== undefined) return fileLimit;
  fileLimit = null;
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m && m[1] !== 'unlimited') fileLimit = Number(m[1]);
  } catch {
    // not Linux: the setting alone decides
  }
  return fileLimit;
}
