// The local OCPP 1.6J central system: a WebSocket server chargers connect to at
// ws://<host>:<port>/<any path>/<chargePointId>, one RPC endpoint per charger, the record of everything,
// and operations (central-system-initiated calls) sent on the user's behalf.
import { EventEmitter } from 'node:events';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { actions, errorForIssues, isAction, OcppError, redactFrameText, redactPayload, type Action, type CentralSystemAction, type RegistrationStatus, type RequestOf } from '../../shared/ocpp16';
import type { BenchEvent, BenchSettings, OperationView } from '../../shared/api/views';
import type { z } from 'zod';
import { AuthorizationKey, ChargePointIdentity } from '../../shared/api/commands';
import { PayloadError, RpcEndpoint, type CallOutcome, type FrameRecord, type HandlerMap } from '../rpc/endpoint';
import type { BenchRecord } from '../store/record';
import { Authorizer } from './authorizer';
import { isoTime, systemClock } from '../../shared/clock';
import { chargePointHandlers, type HandlerContext } from './handlers';
import { BenchError } from '../errors';
import { recordProblemText } from '../store/record';
import { RefusalTally } from './refusals';

export { BenchError };

export const OCPP_SUBPROTOCOL = 'ocpp1.6';
/** The OCPP 1.6 security whitepaper limits the charge point identity to 48 characters. */
export const MAX_IDENTITY_LENGTH = 48;
/** The realm of the Basic auth challenge sent with every 401. */
export const AUTH_REALM = 'ChargeBench';
/** Connections pinged per turn of the event loop. */
const PING_SLICE = 250;
/** A connection must complete its WebSocket handshake (or HTTP request) within this. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;
/** The largest frame accepted from a charger. */
export const DEFAULT_MAX_PAYLOAD = 4 * 1024 * 1024;
/**
 * Bytes the bench may have waiting to go to one charger. A charger that stops reading its socket while
 * it keeps sending would otherwise grow the bench's memory without bound; beyond this it is cut off.
 * Room for the largest frame the bench sends (a big SendLocalList) several times over.
 */
export const MAX_UNSENT_BYTES = 8 * 1024 * 1024;
/**
 * Frames in violation a charger may send in a burst, and per second after it. Beyond, the bench stops
 * reading that charger for a moment: a flood of garbage from one charger must not slow the answers to
 * the others. Real chargers send a bad frame now and then, never hundreds a second; valid frames are
 * never throttled.
 */
export const INVALID_BURST = 100;
export const INVALID_PER_SECOND = 200;

export interface CentralSystemOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** WebSocket ping interval; a charger that misses a pong by the next ping is dropped. */
  pingIntervalMs?: number;
  /** Largest frame accepted, in bytes. */
  maxPayload?: number;
  /** Plain HTTP requests on the OCPP port (e.g. hosted firmware files): true when it answered the request. */
  httpHandler?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Bytes waiting to go to one charger beyond which it is cut off (default MAX_UNSENT_BYTES). */
  maxUnsentBytes?: number;
  /** Time to complete a handshake (default HANDSHAKE_TIMEOUT_MS). */
  handshakeTimeoutMs?: number;
  /** This machine's own addresses are not held to the per-address cap (default true). */
  exemptLoopback?: boolean;
}


export type OperationResult = CallOutcome & { operationId?: number };

interface Session {
  chargerId: string;
  ws: WebSocket;
  endpoint: RpcEndpoint;
  remoteAddress: string | null;
  alive: boolean;
  replaced: boolean;
  /** Why the bench itself ended the connection, when it did: recorded instead of what the close code says. */
  closeCause: string | null;
  /** Frames in violation it may still send before it is slowed down (a token bucket), and when it was last filled. */
  invalidBudget: number;
  budgetAt: number;
}

export class CentralSystem {
  private readonly sessions = new Map<string, Session>();
  private readonly bus = new EventEmitter();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private cachedSettings: BenchSettings;
  private bootPolicies = new Map<string, RegistrationStatus>();
  /** Every charger in the record: those that ever connected and those registered ahead of time. */
  private readonly known = new Set<string>();
  /** Chargers registered through the API: the only ones let in when unknownChargers is 'reject'. */
  private readonly registered = new Set<string>();
  /**
   * Security profile 1 passwords, kept here because they are checked at the HTTP upgrade, which must
   * not wait for the writer thread. Never leaves this class.
   */
  private readonly passwords = new Map<string, string>();
  /** Chargers whose stored password this machine cannot decrypt: refused until it is set again. */
  private readonly unreadablePasswords = new Set<string>();
  readonly auth: Authorizer;
  /** Every TCP connection to the OCPP port and how many come from each address. */
  private readonly sockets = new Set<Socket>();
  private readonly perAddress = new Map<string, number>();
  private readonly handshaken = new WeakSet<Socket>();
  private readonly refusals: RefusalTally;
  private readonly stats = { refusedOverCap: 0, incompleteHandshakes: 0, cutOffUnread: 0, throttled: 0 };

  constructor(
    readonly record: BenchRecord,
    private readonly options: CentralSystemOptions = {},
  ) {
    this.bus.setMaxListeners(0);
    this.cachedSettings = record.settings();
    this.auth = new Authorizer(record, () => this.cachedSettings);
    this.refusals = new RefusalTally((address, reason) => {
      const now = new Date().toISOString();
      this.record.connectionAttempt(now, null, address, 'refused', reason);
      this.emit({ type: 'connectionRefused', chargerId: null, remoteAddress: address, reason, ts: now });
    });
    for (const c of record.chargers()) {
      this.known.add(c.id);
      if (c.bootPolicy) this.bootPolicies.set(c.id, c.bootPolicy);
      if (c.registered) this.registered.add(c.id);
    }
    const { passwords, unreadable } = record.passwords();
    for (const [id, password] of passwords) this.passwords.set(id, password);
    for (const id of unreadable) this.unreadablePasswords.add(id);
    if (unreadable.length) console.error(`chargebench: the passwords of ${unreadable.join(', ')} cannot be read on this machine (encrypted for another user or computer); set them again`);
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  async start(): Promise<{ host: string; port: number }> {
    const server = createServer((req, res) => {
      this.handshaken.add(req.socket);
      req.socket.setTimeout(0);
      if (this.options.httpHandler?.(req, res)) return;
      res.writeHead(426, { 'Content-Type': 'text/plain' }).end('This is ChargeBench\'s OCPP 1.6J central system: connect with a WebSocket to ws://<host>:<port>/ocpp/<chargePointId> offering subprotocol ocpp1.6.\n');
    });
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
      handleProtocols: (protocols) => (protocols.has(OCPP_SUBPROTOCOL) ? OCPP_SUBPROTOCOL : false),
    });
    server.on('connection', (socket: Socket) => this.onSocket(socket));
    server.on('upgrade', (req, socket, head) => {
      this.handshaken.add(socket as Socket);
      (socket as Socket).setTimeout(0);
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
    this.pingTimer = setInterval(() => this.pingAll(), this.options.pingIntervalMs ?? 30_000);
    this.pingTimer.unref();
    return this.address();
  }

  address(): { host: string; port: number } {
    const a = this.server?.address() as AddressInfo | null;
    return { host: a?.address ?? this.options.host ?? '0.0.0.0', port: a?.port ?? this.options.port ?? 9000 };
  }

  async stop(): Promise<void> {
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const s of this.sessions.values()) {
      s.endpoint.close('The bench is shutting down');
      s.ws.close(1001, 'ChargeBench is shutting down');
    }
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      for (const ws of this.wss?.clients ?? []) ws.terminate();
      this.wss?.close();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    for (const s of this.sessions.values()) this.onClose(s, 1001, 'The bench shut down');
    this.refusals.flush();
    await this.record.settled();
  }

  /** Counts of connections the bench turned away or cut off since it started, for the health report. */
  connectionStats(): { open: number; refusedOverCap: number; incompleteHandshakes: number; cutOffUnread: number; throttled: number } {
    return { open: this.sockets.size, ...this.stats };
  }

  /**
   * Every TCP connection: refused at once beyond the caps (in total, and per address but for this
   * machine's own), and dropped if it has not completed a handshake within HANDSHAKE_TIMEOUT_MS (a
   * slowloris holds sockets open by never finishing one). Refusals are recorded, a burst as one line.
   */
  private onSocket(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const s = this.cachedSettings;
    const fromHere = this.options.exemptLoopback !== false && isLoopback(address);
    if (this.sockets.size >= s.maxConnections || (!fromHere && (this.perAddress.get(address) ?? 0) >= s.maxConnectionsPerAddress)) {
      this.stats.refusedOverCap++;
      socket.destroy();
      const which = this.sockets.size >= s.maxConnections ? `the bench holds its maximum of ${s.maxConnections} connections` : `${address} already holds ${s.maxConnectionsPerAddress} connections, the most one address may`;
      this.refusals.note(address, 'overCap', `Connection refused: ${which} (Settings: connection limits)`);
      return;
    }
    this.sockets.add(socket);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    const timeoutMs = this.options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
    socket.setTimeout(timeoutMs, () => {
      if (this.handshaken.has(socket)) return;
      this.stats.incompleteHandshakes++;
      this.refusals.note(address, 'handshake', `Connection dropped: no complete WebSocket handshake within ${timeoutMs / 1000} s`);
      socket.destroy();
    });
    socket.once('close', () => {
      this.sockets.delete(socket);
      const n = (this.perAddress.get(address) ?? 1) - 1;
      if (n > 0) this.perAddress.set(address, n);
      else this.perAddress.delete(address);
    });
  }

  // ---- events and settings --------------------------------------------------------------------

  onEvent(listener: (e: BenchEvent) => void): () => void {
    this.bus.on('event', listener);
    return () => this.bus.off('event', listener);
  }

  /** Puts an event from elsewhere in the core (the virtual chargers) on the same bus. */
  publish(event: BenchEvent): void {
    this.emit(event);
  }

  private emit(event: BenchEvent): void {
    this.bus.emit('event', event);
  }

  settings(): BenchSettings {
    return this.cachedSettings;
  }

  async updateSettings(patch: Partial<BenchSettings>): Promise<BenchSettings> {
    const before = this.cachedSettings;
    this.cachedSettings = await this.record.saveSettings(patch);
    this.bus.emit('settings', this.cachedSettings, before);
    return this.cachedSettings;
  }

  /** Calls `listener` after every settings update, whichever face made it. */
  onSettingsChanged(listener: (now: BenchSettings, before: BenchSettings) => void): () => void {
    this.bus.on('settings', listener);
    return () => this.bus.off('settings', listener);
  }

  isKnown(chargerId: string): boolean {
    return this.known.has(chargerId);
  }

  async setBootPolicy(chargerId: string, policy: RegistrationStatus | null): Promise<void> {
    this.mustKnow(chargerId);
    await this.record.setBootPolicy(chargerId, policy);
    if (policy) this.bootPolicies.set(chargerId, policy);
    else this.bootPolicies.delete(chargerId);
  }

  isRegistered(chargerId: string): boolean {
    return this.registered.has(chargerId);
  }

  hasPassword(chargerId: string): boolean {
    return this.passwords.has(chargerId) || this.unreadablePasswords.has(chargerId);
  }

  /**
   * Registers a charger ahead of its first connection (or marks a charger already seen as registered),
   * with its password and boot answer: undefined leaves them as they are, null clears them. Throws
   * BenchError 400 with the field for a bad identity or password.
   */
  async registerCharger(chargerId: string, opts: { password?: string | null; bootPolicy?: RegistrationStatus | null } = {}): Promise<{ created: boolean }> {
    checked(ChargePointIdentity, chargerId, 'id');
    if (opts.password != null) checked(AuthorizationKey, opts.password, 'password');
    const created = !this.known.has(chargerId);
    await this.record.registerCharger(chargerId, opts);
    this.known.add(chargerId);
    this.registered.add(chargerId);
    if (opts.password !== undefined) this.rememberPassword(chargerId, opts.password);
    if (opts.bootPolicy) this.bootPolicies.set(chargerId, opts.bootPolicy);
    else if (opts.bootPolicy === null) this.bootPolicies.delete(chargerId);
    return { created };
  }

  /**
   * Sets or (null) clears a charger's security profile 1 password. It applies from the charger's next
   * connection: one already open stays, as a charger reconnects by itself after its AuthorizationKey
   * changes.
   */
  async setPassword(chargerId: string, password: string | null): Promise<void> {
    this.mustKnow(chargerId);
    if (password !== null) checked(AuthorizationKey, password, 'password');
    await this.record.setPassword(chargerId, password);
    this.rememberPassword(chargerId, password);
  }

  /** Forgets a charger that is not connected (its logs stay). Throws 404 if unknown, 409 if connected. */
  async deleteCharger(chargerId: string): Promise<void> {
    this.mustKnow(chargerId);
    if (this.sessions.has(chargerId)) throw new BenchError(409, `Charger ${chargerId} is connected; disconnect it first (POST /api/chargers/${encodeURIComponent(chargerId)}/disconnect), or it would just come back`);
    await this.record.deleteCharger(chargerId);
    this.known.delete(chargerId);
    this.registered.delete(chargerId);
    this.passwords.delete(chargerId);
    this.unreadablePasswords.delete(chargerId);
    this.bootPolicies.delete(chargerId);
  }

  /** After pruning: chargers no longer in the record are no longer known (connected ones always stay). */
  forgetAllBut(kept: Set<string>): void {
    for (const id of this.known) {
      if (kept.has(id) || this.sessions.has(id)) continue;
      this.known.delete(id);
      this.registered.delete(id);
      this.passwords.delete(id);
      this.bootPolicies.delete(id);
    }
  }

  private rememberPassword(chargerId: string, password: string | null): void {
    this.unreadablePasswords.delete(chargerId);
    if (password === null) this.passwords.delete(chargerId);
    else this.passwords.set(chargerId, password);
  }

  private mustKnow(chargerId: string): void {
    if (!this.known.has(chargerId)) throw new BenchError(404, unknownChargerMessage(chargerId));
  }

  isConnected(chargerId: string): boolean {
    return this.sessions.has(chargerId);
  }

  connectedChargers(): string[] {
    return [...this.sessions.keys()];
  }

  // ---- operations ------------------------------------------------------------------------------

  /**
   * Sends a central-system-initiated action to a charger. Throws BenchError 400 (invalid payload,
   * nothing sent), 404 (unknown action or charger never seen); resolves with the outcome otherwise,
   * `offline` when the charger is known but not connected.
   */
  async operate<A extends CentralSystemAction>(chargerId: string, action: A | string, payload: RequestOf<A> | unknown, opts: { timeoutMs?: number } = {}): Promise<OperationResult> {
    if (!isAction(action)) throw new BenchError(404, `"${action}" is not an OCPP 1.6 action`, { field: 'action' });
    if (actions[action].initiator === 'CP') throw new BenchError(404, `${action} is sent by a charge point, not by the central system`, { field: 'action' });
    const invalid = (e: PayloadError) => new BenchError(400, `Invalid ${action} payload: ${e.info.description}`, { field: e.field, code: e.info.code });
    const session = this.sessions.get(chargerId);
    if (!session) {
      // Bad input is named first, whatever the charger's state.
      const checked = actions[action].request.safeParse(payload);
      if (!checked.success) throw invalid(new PayloadError(errorForIssues(checked.error.issues, payload)));
      this.mustKnow(chargerId);
      return { outcome: 'offline', error: { description: `Charger ${chargerId} is not connected` } };
    }
    if (!this.record.writable) throw new BenchError(503, `Nothing was sent: ${recordProblemText(this.record.problem, this.record.dataDir)}`);
    const now = new Date().toISOString();
    let sending: Promise<CallOutcome>;
    try {
      // The endpoint validates the payload and throws before anything is sent or recorded.
      sending = session.endpoint.call(action as Action, payload as never, { timeoutMs: opts.timeoutMs ?? this.cachedSettings.callTimeout * 1000 });
    } catch (e) {
      throw e instanceof PayloadError ? invalid(e) : e;
    }
    const shown = redactPayload(payload);
    const operationId = this.record.operationStarted(chargerId, action, shown, now);
    const result = await sending;
    const done = new Date().toISOString();
    const response = 'response' in result ? redactPayload(result.response) : undefined;
    const error = 'error' in result ? result.error : undefined;
    this.record.operationFinished(operationId, done, result.outcome, response, error);
    const operation: OperationView = { id: operationId, chargerId, action, request: shown, sentAt: now, finishedAt: done, outcome: result.outcome, response, error };
    this.emit({ type: 'operationFinished', operation, ts: done });
    return { ...result, ...('response' in result ? { response } : {}), operationId } as OperationResult;
  }

  /** Closes a charger's connection from the bench side. */
  disconnect(chargerId: string, reason = 'Disconnected by the user'): boolean {
    const s = this.sessions.get(chargerId);
    if (!s) return false;
    s.ws.close(1000, reason);
    return true;
  }

  // ---- connections -----------------------------------------------------------------------------

  private refuse(socket: Duplex, status: number, reason: string, chargerId: string | null, remoteAddress: string | null, headers: Record<string, string> = {}): void {
    const now = new Date().toISOString();
    this.record.connectionAttempt(now, chargerId, remoteAddress, 'refused', reason);
    this.emit({ type: 'connectionRefused', chargerId, remoteAddress, reason, ts: now });
    const body = `${reason}\n`;
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n${extra}Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }

  /**
   * Security profile 1 and the unknown-charger policy: a refusal (HTTP status and reason), or status
   * null to let the charger in, with a note for the record when there is something worth knowing.
   */
  private admit(chargerId: string, authorization: string | undefined): { status: number; reason: string } | { status: null; note: string | null } {
    const settings = this.cachedSettings;
    if (settings.unknownChargers === 'reject' && !this.registered.has(chargerId)) {
      return { status: 403, reason: `Unknown charger: ${chargerId} is not registered on this bench, and unknown chargers are refused. Register it (Chargers screen, Register charger; or POST /api/chargers), or let unknown chargers connect in Settings` };
    }
    if (this.unreadablePasswords.has(chargerId)) {
      return { status: 401, reason: `Password unreadable: the password stored for ${chargerId} was encrypted for another user or computer and cannot be read here. Set it again (its settings on the Chargers screen)` };
    }
    const expected = this.passwords.get(chargerId);
    const sent = parseBasicAuth(authorization, chargerId);
    if (expected === undefined) {
      if (settings.requirePassword) {
        return { status: 401, reason: `No password set: ${chargerId} has no password on this bench, and the bench requires one (security profile 1). Set a password for it on the bench (its settings on the Chargers screen, or POST /api/chargers) and the same as the charger's AuthorizationKey, or stop requiring passwords in Settings` };
      }
      // Without a bench password nothing is checked, but a charger that sends one is probably
      // configured for security profile 1 while the bench is not, which the installer should hear of.
      return { status: null, note: sent.kind === 'none' ? null : `Password not checked: ${chargerId} sent one, but the bench has no password for it, so nothing was checked (security profile 1 is off for this charger until you set one)` };
    }
    switch (sent.kind) {
      case 'none':
        return { status: 401, reason: `Password missing: ${chargerId} sent no password, but the bench has one set for it (security profile 1). Set the charger's AuthorizationKey to the bench password, and its security profile to 1` };
      case 'notBasic':
        return { status: 401, reason: `Wrong kind of login: ${chargerId} sent an Authorization header that is not HTTP Basic. Security profile 1 needs Basic auth with the charge point identity as user and the AuthorizationKey as password: check the charger's security profile setting` };
      case 'malformed':
        return { status: 401, reason: `Unreadable password: ${chargerId} sent a malformed HTTP Basic Authorization header (not base64 of "<identity>:<password>"). Check the charger's security profile 1 settings` };
      case 'otherUser':
        return { status: 401, reason: `Wrong user: ${chargerId} sent a password for user ${JSON.stringify(sent.user)}, but the user must be the charge point identity (security profile 1). Check the identity the charger logs in with` };
      case 'password':
        return samePassword(sent.password, expected)
          ? { status: null, note: null }
          : { status: 401, reason: `Wrong password: the charger's AuthorizationKey does not match the password set for ${chargerId} on this bench (security profile 1). Set the same password on both` };
    }
  }

  private onUpgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const remoteAddress = req.socket.remoteAddress ?? null;
    let chargerId: string;
    try {
      // The identity is the last segment of the path, even an empty one: ws://host/ocpp/ has none.
      const path = new URL(req.url ?? '/', 'http://bench').pathname;
      chargerId = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    } catch {
      return this.refuse(socket, 400, `Bad URL: the path ${JSON.stringify(String(req.url).slice(0, 80))} is not valid. Give the charger ws://<host>:<port>/ocpp/<chargePointId>`, null, remoteAddress);
    }
    if (!chargerId) return this.refuse(socket, 400, 'Missing identity: the URL has no charge point identity at its end. Give the charger ws://<host>:<port>/ocpp/<chargePointId>', null, remoteAddress);
    if (chargerId.length > MAX_IDENTITY_LENGTH) return this.refuse(socket, 400, `Identity too long: the charge point identity is ${chargerId.length} characters; OCPP allows at most ${MAX_IDENTITY_LENGTH}. Give the charger a shorter id`, chargerId.slice(0, 60), remoteAddress);
    if (!ChargePointIdentity.safeParse(chargerId).success) {
      return this.refuse(socket, 400, `Unprintable identity: the charge point identity ${JSON.stringify(chargerId)} holds control characters (line breaks, escapes, NUL). Give the charger an id of printable characters`, null, remoteAddress);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !this.cachedSettings.allowBrowserOrigins) {
      return this.refuse(socket, 403, `Browser page refused: a web page (Origin ${JSON.stringify(origin.slice(0, 100))}) tried to connect as charger ${chargerId}. Chargers send no Origin; a page open on this machine is not let in, so it cannot pose as a charger. To test a browser-based charger simulator, allow browser pages in Settings`, chargerId, remoteAddress);
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    if (!offered.includes(OCPP_SUBPROTOCOL)) {
      const what = offered.length ? `offered subprotocol ${offered.map((p) => JSON.stringify(p.slice(0, 40))).join(', ')}` : 'offered no WebSocket subprotocol';
      return this.refuse(socket, 400, `Wrong OCPP version: ${chargerId} ${what}, but ChargeBench speaks OCPP 1.6J only (subprotocol "${OCPP_SUBPROTOCOL}"). Set the charger's OCPP version to 1.6 JSON (OCPP-J)`, chargerId, remoteAddress);
    }
    const admitted = this.admit(chargerId, req.headers.authorization);
    if (admitted.status !== null) {
      const challenge = admitted.status === 401 ? { 'WWW-Authenticate': `Basic realm="${AUTH_REALM}"` } : undefined;
      return this.refuse(socket, admitted.status, admitted.reason, chargerId, remoteAddress, challenge);
    }
    wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, chargerId, remoteAddress, admitted.note));
  }

  private onConnection(ws: WebSocket, chargerId: string, remoteAddress: string | null, note: string | null = null): void {
    const now = new Date().toISOString();
    const old = this.sessions.get(chargerId);
    if (old) {
      old.replaced = true;
      old.endpoint.close(`Charger ${chargerId} reconnected; the old connection was replaced`);
      old.ws.close(1000, 'Replaced by a new connection from the same charge point');
      this.record.connectionAttempt(now, chargerId, old.remoteAddress, 'replaced', 'A new connection with the same identity replaced this one');
    }
    this.known.add(chargerId);
    this.record.chargerSeen(chargerId, now);
    const record = this.record;
    const bus = this.bus;
    const session: Session = { chargerId, ws, remoteAddress, alive: true, replaced: false, closeCause: null, invalidBudget: INVALID_BURST, budgetAt: Date.now(), endpoint: null as unknown as RpcEndpoint };
    const log = (rec: FrameRecord): void => {
      const ts = isoTime(systemClock);
      // An AuthorizationKey (a password) never reaches the record, the UI or an export.
      const raw = redactFrameText(rec.raw);
      record.logFrame(chargerId, raw === rec.raw ? rec : { ...rec, raw }, ts);
      if (bus.listenerCount('event') > 0) this.emit({ type: 'frameLogged', message: { ts, chargerId, direction: rec.direction, kind: rec.kind, messageId: rec.messageId, action: rec.action, raw, error: rec.error } });
    };
    const send = (text: string): void => {
      if (ws.readyState !== WebSocket.OPEN) return;
      const cap = this.options.maxUnsentBytes ?? MAX_UNSENT_BYTES;
      if (ws.bufferedAmount + text.length > cap) {
        // The charger stopped reading: holding more for it would grow without bound.
        this.stats.cutOffUnread++;
        session.closeCause = `Connection closed by the bench: the charger stopped reading its answers (${Math.round(ws.bufferedAmount / 1024)} KiB were waiting to be sent; the most is ${Math.round(cap / 1024)} KiB)`;
        ws.terminate();
        return;
      }
      ws.send(text);
    };
    session.endpoint = new RpcEndpoint({
      role: 'CS',
      handlers: this.handlersFor(chargerId),
      callTimeoutMs: this.cachedSettings.callTimeout * 1000,
      io: {
        received: (rec) => {
          log(rec);
          if (rec.error !== null) this.spendInvalid(session);
        },
        transmit: (text, rec, sent) => {
          log(rec);
          // Group commit: the answer leaves only once the frames it answers are on disk.
          record.writer.afterCommit((durable) => {
            if (durable) send(text);
            else this.unrecorded(session, rec, send, log);
            sent?.();
          });
        },
      },
    });
    this.sessions.set(chargerId, session);
    this.record.setConnected(chargerId, true, remoteAddress);
    this.record.connectionAttempt(now, chargerId, remoteAddress, 'accepted', note);
    this.emit({ type: 'chargerConnected', chargerId, remoteAddress, ts: now });

    ws.on('message', (data, isBinary) => {
      session.alive = true;
      session.endpoint.receive(data as Buffer, isBinary);
    });
    ws.on('pong', () => {
      session.alive = true;
    });
    ws.on('close', (code, reason) => this.onClose(session, code, reason.toString()));
    ws.on('error', (e: Error & { code?: string }) => {
      // 'close' follows; a frame over the limit is named for what it was, not as a lost connection.
      if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        const limit = this.options.maxPayload ?? DEFAULT_MAX_PAYLOAD;
        session.closeCause = `Connection closed (1009, frame too big): the charger sent a frame larger than the ${Math.round(limit / 1024 / 1024)} MiB the bench accepts`;
        log({ direction: 'in', kind: 'INVALID', messageId: null, action: null, raw: '', error: `FormationViolation: a frame larger than ${limit} bytes arrived (not kept); the connection was closed with 1009` });
      }
    });
  }

  /** One frame in violation from this charger; past its budget, its socket is not read for a while. */
  private spendInvalid(session: Session): void {
    const now = Date.now();
    session.invalidBudget = Math.min(INVALID_BURST, session.invalidBudget + ((now - session.budgetAt) / 1000) * INVALID_PER_SECOND);
    session.budgetAt = now;
    if (--session.invalidBudget >= 0 || session.ws.isPaused) return;
    this.stats.throttled++;
    session.ws.pause();
    const pauseMs = Math.max(100, Math.ceil((-session.invalidBudget / INVALID_PER_SECOND) * 1000));
    setTimeout(() => session.ws.resume(), pauseMs).unref();
  }

  /**
   * An outgoing frame whose record could not be made durable (the disk is full): an answer is not sent
   * as it was. A CALLRESULT becomes InternalError (so the charger tries again later, and a transaction
   * id it never received is closed in the record); a CALLERROR goes as it is; an operation's CALL is not
   * sent at all.
   */
  private unrecorded(session: Session, rec: FrameRecord, send: (text: string) => void, log: (rec: FrameRecord) => void): void {
    const why = recordProblemText(this.record.problem, this.record.dataDir);
    if (rec.kind === 'CALL') return session.endpoint.cancelCall(rec.messageId ?? '', `Not sent: ${why}`);
    if (rec.kind === 'CALLERROR') return send(rec.raw);
    const description = 'The central system could not record its answer (its disk is full), so it did not give one. Nothing was done; try again later.';
    const text = JSON.stringify([4, rec.messageId, 'InternalError', description, {}]);
    log({ direction: 'out', kind: 'CALLERROR', messageId: rec.messageId, action: rec.action, raw: text, error: `Replaces an answer that could not be recorded: ${why}` });
    send(text);
    if (rec.action === 'StartTransaction') {
      const id = (JSON.parse(rec.raw) as [3, string, { transactionId?: number }])[2]?.transactionId;
      if (typeof id === 'number') {
        this.auth.transactionStopped(id);
        this.record.abandonTransaction(id, new Date().toISOString(), 'Its StartTransaction answer could not be recorded (disk full), so the charger was never given this id');
      }
    }
  }

  private onClose(session: Session, code: number, reason: string): void {
    if (this.sessions.get(session.chargerId) !== session) return;
    const now = new Date().toISOString();
    const why = session.closeCause ?? closeReason(code, reason);
    session.endpoint.close(`Charger ${session.chargerId} disconnected: ${why}`);
    this.sessions.delete(session.chargerId);
    this.record.setConnected(session.chargerId, false, null);
    this.record.connectionAttempt(now, session.chargerId, session.remoteAddress, 'closed', why);
    this.emit({ type: 'chargerDisconnected', chargerId: session.chargerId, reason: why, ts: now });
  }

  /**
   * Pings every charger, dropping those that did not answer the last ping, a slice at a time: one
   * synchronous pass over 5,000 connections held the event loop for about 100 ms (a socket write each).
   */
  private pingAll(): void {
    const sessions = [...this.sessions.values()];
    const slice = (from: number): void => {
      const end = Math.min(sessions.length, from + PING_SLICE);
      for (let i = from; i < end; i++) {
        const s = sessions[i];
        if (this.sessions.get(s.chargerId) !== s) continue; // closed or replaced since the pass began
        if (!s.alive) {
          s.endpoint.close(`Charger ${s.chargerId} stopped answering WebSocket pings`);
          s.ws.terminate();
          continue;
        }
        s.alive = false;
        s.ws.ping();
      }
      if (end < sessions.length) setImmediate(() => slice(end));
    };
    slice(0);
  }

  private handlersFor(chargerId: string): HandlerMap {
    const ctx: HandlerContext = {
      chargerId,
      record: this.record,
      auth: this.auth,
      settings: () => this.cachedSettings,
      bootPolicy: (id) => this.bootPolicies.get(id) ?? this.cachedSettings.defaultBootStatus,
      emit: (e) => this.emit(e),
      now: () => isoTime(systemClock),
    };
    const map: HandlerMap = {};
    for (const [action, handler] of Object.entries(chargePointHandlers)) {
      (map as Record<string, unknown>)[action] = (payload: unknown) => {
        // While nothing can be recorded, nothing is done: the charger hears so and tries again later.
        if (!this.record.writable) throw new OcppError('InternalError', 'The central system cannot record right now (its disk is full), so it did nothing with this message. Try again later.');
        return (handler as (c: HandlerContext, p: unknown) => unknown)(ctx, payload);
      };
    }
    return map;
  }
}

/** Why a connection ended, in words: the WebSocket close code alone means little to an installer. */
function closeReason(code: number, reason: string): string {
  const said = reason ? `: ${reason}` : '';
  switch (code) {
    case 1000:
      return `Connection closed (1000, normal close${said})`;
    case 1001:
      return `Connection closed (1001, going away${said}): the charger or the bench is shutting down or restarting`;
    case 1005:
      // The bench always closes with a code, so this close came from the charger.
      return 'Connection closed by the charger (1005, no reason given)';
    case 1006:
      return 'Connection lost (1006, no close frame): the network dropped, the charger restarted, or it stopped answering pings';
    case 1009:
      return `Connection closed (1009, frame too big${said}): the charger sent a message larger than the bench accepts`;
    default:
      return `Connection closed (${code}${said})`;
  }
}

function unknownChargerMessage(chargerId: string): string {
  return `No charger "${chargerId}" is known to this bench: it has never connected and is not registered (POST /api/chargers registers it)`;
}

/** Checks input from faces other than the API too (IPC), with the same rules and messages. */
function checked<T extends z.ZodType>(schema: T, value: unknown, field: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new BenchError(400, `Invalid ${field}: ${r.error.issues[0].message}`, { field });
  return r.data;
}

type SentCredentials =
  | { kind: 'none' }
  | { kind: 'notBasic' }
  | { kind: 'malformed' }
  | { kind: 'otherUser'; user: string }
  | { kind: 'password'; password: Buffer };

/**
 * Reads `Authorization: Basic base64(user:password)`. The password may contain ':'. So may an identity,
 * which is why a header that starts with "<identity>:" is taken as that user before splitting at the
 * first ':' (as ocpp-rpc and the whitepaper's "user is the identity" allow). The password stays bytes:
 * the whitepaper allows binary keys.
 */
export function parseBasicAuth(header: string | undefined, identity: string): SentCredentials {
  if (header === undefined || header.trim() === '') return { kind: 'none' };
  const m = /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!m) return /^\s*basic(\s|$)/i.test(header) ? { kind: 'malformed' } : { kind: 'notBasic' };
  const decoded = Buffer.from(m[1], 'base64');
  const prefix = Buffer.from(`${identity}:`, 'utf8');
  if (decoded.length >= prefix.length && decoded.subarray(0, prefix.length).equals(prefix)) return { kind: 'password', password: decoded.subarray(prefix.length) };
  const colon = decoded.indexOf(0x3a);
  if (colon < 0) return { kind: 'malformed' };
  // Only the user part is ever shown; cut short so a garbled header cannot flood the record.
  const user = decoded.subarray(0, colon).toString('utf8');
  return { kind: 'otherUser', user: user.length > 60 ? `${user.slice(0, 60)}…` : user };
}

/** Compares in constant time: both sides are hashed first so neither the content nor the length leaks. */
function samePassword(sent: Buffer, expected: string): boolean {
  const a = createHash('sha256').update(sent).digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** This machine's own addresses: exempt from the per-address cap (built-in and CLI virtual chargers connect from here). */
function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
