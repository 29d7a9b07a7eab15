// The virtual charge point's link to the central system: one WebSocket with the RPC endpoint on it, Basic
// auth from AuthorizationKey, reconnects with back-off, WebSocket pings, and the offline fault's silence.
import { StringDecoder } from 'node:string_decoder';
import { WebSocket } from 'ws';
import { RpcEndpoint, type CallOutcome, type FrameRecord, type HandlerMap } from '../rpc/endpoint';
import { centralSystemActions, OcppError, type Action, type RequestOf } from '../../shared/ocpp16';
import type { VirtualChargerView } from '../../shared/api/virtual-chargers';
import { every, type Timer } from '../clock';
import { ownKeys, type OwnedKeys } from './configuration';
import type { Model } from './model';
import { Misbehaviours } from './misbehaviour';

/** The longest refusal reason kept whole; a longer one (a whole web page) is cut at a word, with "…". */
export const MAX_REFUSAL_REASON = 1000;

/** The most of an HTTP refusal's body read (bytes): enough for MAX_REFUSAL_REASON characters after spaces fold. */
export const MAX_REFUSAL_BODY_BYTES = 4 * MAX_REFUSAL_REASON;

/** The body of an HTTP refusal as the charger's last error shows it: whole, or cut at a word with "…". */
export function refusalReason(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_REFUSAL_REASON) return text;
  const cut = text.slice(0, MAX_REFUSAL_REASON);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_REFUSAL_REASON / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

export const OCPP_SUBPROTOCOL = 'ocpp1.6';
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

/** The configuration keys the connection owns. */
export const connectionKeys = ['AuthorizationKey', 'WebSocketPingInterval'] as const;

export type ConnectionState = VirtualChargerView['connection'];

/** What the charger shows as its last error while its Offline fault switch holds it. */
const OFFLINE_ERROR = 'Offline (fault): no heartbeats, no connection';

/** The HTTP Basic Authorization header value for security profiles 1 and 2: user = charge point id, password = the key. */
export function basicAuthorization(chargePointId: string, authorizationKey: string): string {
  return `Basic ${Buffer.from(`${chargePointId}:${authorizationKey}`, 'utf8').toString('base64')}`;
}

export interface ConnectionOptions {
  /** Central system URL without the identity. */
  url: string;
  callTimeoutMs?: number;
  /** The definition's password, used until AuthorizationKey has one. */
  password?: string;
  /** What the charger answers (built once per connection). */
  handlers: () => HandlerMap;
  /** Every frame sent or received. */
  onFrame: (rec: FrameRecord) => void;
  /** Round trip of every call the charger made. */
  onCallDone?: (action: Action, ms: number, outcome: CallOutcome['outcome']) => void;
  /** The WebSocket is open: boot, or resume the session. */
  opened: () => void;
  /** The connection is gone: what ran on it stops. */
  closed: () => void;
}

export class Connection {
  state: ConnectionState = 'stopped';
  /** The offline fault is on: no connection until it is switched off. */
  offline = false;
  private ws: WebSocket | null = null;
  private rpc: RpcEndpoint | null = null;
  private backoffMs = BACKOFF_MIN_MS;
  private reconnectTimer: Timer | null = null;
  private pingTimer: Timer | null = null;
  private offlineTimer: Timer | null = null;
  /** A timed Offline's way back: its seconds, what to do then, and when (epoch ms; null when not known). */
  private offlineReturn: { seconds: number; back: () => void; until: number | null } | null = null;
  /** WebSocketPingInterval as it was at boot (changing it needs a reboot). */
  private pingIntervalS: number;
  private password: string | undefined;
  private readonly followUps = new Map<string, Array<() => void>>();
  /** Misbehaviour on purpose (the conformance suite's failing twins). */
  readonly misbehaviours = new Misbehaviours();
  /** Messages held back until the next one has gone. */
  private heldBack: Array<() => void> = [];
  private readonly keys: OwnedKeys<(typeof connectionKeys)[number]>;

  constructor(
    private readonly cp: Model,
    private readonly options: ConnectionOptions,
  ) {
    this.keys = ownKeys(cp.config, connectionKeys);
    // The definition's password seeds AuthorizationKey once; a key the central system set since wins.
    if (options.password && this.keys.has('AuthorizationKey') && !this.keys.AuthorizationKey) this.keys.setInternal('AuthorizationKey', options.password);
    this.password = this.keys.AuthorizationKey || options.password;
    this.pingIntervalS = this.keys.WebSocketPingInterval;
    // Takes effect at the next connection, as on a real charger.
    // An empty key is one removed (the bench's set-password; a central system cannot set it empty).
    this.keys.onChange('AuthorizationKey', () => (this.password = this.keys.AuthorizationKey || undefined));
  }

  /** The RPC endpoint of the connection now, if there is one. */
  get endpoint(): RpcEndpoint | null {
    return this.rpc;
  }

  get hasSocket(): boolean {
    return this.ws !== null;
  }

  get isOpen(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  /** Whether the charger has a password (security profile 1). */
  get hasPassword(): boolean {
    return Boolean(this.password);
  }

  connect(): void {
    if (!this.cp.isRunning || this.ws) return;
    if (this.offline) {
      // Powered on (start, a reboot, a bench restart) with Offline on: on, not connected (never 'stopped'),
      // and a timed one's way back runs again.
      this.state = 'disconnected';
      this.armOfflineReturn();
      return;
    }
    this.reconnectTimer?.cancel();
    this.reconnectTimer = null;
    this.state = 'connecting';
    const url = `${this.options.url.replace(/\/+$/, '')}/${encodeURIComponent(this.cp.id)}`;
    const headers: Record<string, string> = {};
    if (this.password) headers.Authorization = basicAuthorization(this.cp.id, this.password);
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, [OCPP_SUBPROTOCOL], { headers, handshakeTimeout: 15_000, perMessageDeflate: false });
    } catch (e) {
      this.cp.lastError = `Cannot connect to ${url}: ${(e as Error).message}`;
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    const endpoint = new RpcEndpoint({
      role: 'CP',
      handlers: this.withMisbehaviour(this.options.handlers()),
      callTimeoutMs: this.options.callTimeoutMs ?? 30_000,
      io: {
        received: (rec) => this.options.onFrame(rec),
        transmit: (text, rec, sent) => {
          this.options.onFrame(rec);
          if (ws.readyState === WebSocket.OPEN) ws.send(text);
          sent?.();
          const more = rec.messageId !== null && (rec.kind === 'CALLRESULT' || rec.kind === 'CALLERROR') ? this.followUps.get(rec.messageId) : undefined;
          if (more) {
            this.followUps.delete(rec.messageId!);
            queueMicrotask(() => more.forEach((fn) => fn()));
          }
        },
      },
    });
    this.rpc = endpoint;
    ws.on('open', () => this.onOpen(ws));
    ws.on('message', (data, isBinary) => {
      if (this.ws === ws) endpoint.receive(data as Buffer, isBinary);
    });
    ws.on('unexpected-response', (_req, res) => {
      // Decoded whole (a character split across chunks stays whole), and no more read than a reason keeps.
      const chunks: Buffer[] = [];
      let size = 0;
      let told = false;
      const done = () => {
        if (told) return;
        told = true;
        // write(), not end(): a character cut at the limit is left out rather than garbled.
        const body = new StringDecoder('utf8').write(Buffer.concat(chunks));
        const reason = refusalReason(body);
        this.cp.lastError = `The central system refused the connection: HTTP ${res.statusCode}${reason ? ` ${reason}` : ''}`;
        ws.terminate();
        this.cp.changed();
      };
      res.on('data', (d: Buffer) => {
        const room = MAX_REFUSAL_BODY_BYTES - size;
        chunks.push(d.subarray(0, room));
        size += Math.min(d.length, room);
        if (size < MAX_REFUSAL_BODY_BYTES) return;
        // Enough for the reason: the rest is not read.
        done();
        res.destroy();
      });
      res.once('end', done);
      res.once('error', done);
    });
    ws.on('error', (e) => {
      // A socket Offline cut while it was still connecting errs too: the charger still says it is Offline.
      if (this.offline) return;
      if (!this.cp.lastError?.startsWith('The central system refused')) this.cp.lastError = `Connection error: ${e.message}`;
    });
    ws.on('close', (code, reason) => this.onClose(ws, endpoint, code, reason.toString()));
  }

  /** Sends a CALL on the connection now; 'offline' without one. */
  async call<A extends Action>(action: A, payload: RequestOf<A>): Promise<CallOutcome<A>> {
    const endpoint = this.rpc;
    if (!endpoint) return { outcome: 'offline', error: { description: 'Not connected' } };
    const started = performance.now();
    const fate = this.misbehaviours.outgoing(action, payload as Record<string, unknown>);
    if ('drop' in fate) return { outcome: 'timeout', error: { description: `${action} not sent (misbehaviour on purpose)` }, sent: false };
    if (fate.holdBack) {
      await new Promise<void>((resolve) => this.heldBack.push(resolve));
      if (this.rpc !== endpoint) return { outcome: 'offline', error: { description: 'Not connected' } };
    }
    if (fate.before) {
      // A message it should not send goes first, answered before this one follows.
      const before = fate.before;
      await Promise.resolve()
        .then(() => endpoint.call(before.action as Action, before.payload as RequestOf<Action>))
        .catch(() => undefined);
      if (this.rpc !== endpoint) return { outcome: 'offline', error: { description: 'Not connected' } };
    }
    let sending: Promise<CallOutcome<A>>;
    try {
      sending = endpoint.call(action, fate.payload as RequestOf<A>);
      if (!fate.holdBack) {
        // A message held back goes once this one is on its way.
        const held = this.heldBack.splice(0);
        if (held.length) queueMicrotask(() => held.forEach((go) => go()));
      }
    } catch (e) {
      // Our own payload broke the schema (a bug, or a value from outside such as a firmware name).
      this.cp.lastError = `Could not send ${action}: ${(e as Error).message}`;
      this.cp.changed();
      return { outcome: 'callError', error: { code: 'InternalError', description: this.cp.lastError, details: {} } };
    }
    const outcome = await sending;
    this.options.onCallDone?.(action, performance.now() - started, outcome.outcome);
    return outcome;
  }

  /**
   * The handlers, each answer passed through the misbehaviour rules. An action the charger does not
   * implement (a profile switched off) is refused NotSupported, as the endpoint would, unless a rule
   * answers it: a charger taking what it should refuse.
   */
  private withMisbehaviour(handlers: HandlerMap): HandlerMap {
    const out: HandlerMap = {};
    for (const [action, handler] of Object.entries(handlers) as Array<[string, (req: unknown, messageId: string) => unknown]>) {
      (out as Record<string, unknown>)[action] = (req: unknown, messageId: string) => {
        // Without a rule the handler answers as it is (synchronously where it does).
        if (!this.misbehaviours.active.some((r) => r.kind === 'answer')) return handler(req, messageId);
        return Promise.resolve(handler(req, messageId)).then((res) => this.misbehaviours.answer(action, req as Record<string, unknown>, res as Record<string, unknown>));
      };
    }
    for (const action of centralSystemActions) {
      if (action in handlers) continue;
      (out as Record<string, unknown>)[action] = (req: unknown) => {
        const answer = this.misbehaviours.answer(action, req as Record<string, unknown>, null);
        if (!answer) throw new OcppError('NotSupported', `${action} is not supported here`);
        return answer;
      };
    }
    return out;
  }

  afterAnswer(messageId: string, fn: () => void): void {
    const list = this.followUps.get(messageId) ?? [];
    list.push(fn);
    this.followUps.set(messageId, list);
  }

  /** Puts a frame on the wire as it is, bypassing the RPC layer (malformed frames on purpose). */
  sendRaw(text: string): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    this.options.onFrame({ direction: 'out', kind: 'INVALID', messageId: null, action: null, raw: text, error: 'Malformed frame sent on purpose (fault injection)' });
    ws.send(text);
  }

  /** Closes the connection and opens a new one at once (a new password applies from the next connection). */
  reconnect(why: string): void {
    const ws = this.ws;
    if (!ws) return;
    this.cp.lastError = why;
    this.backoffMs = BACKOFF_MIN_MS;
    ws.once('close', () => {
      this.reconnectTimer?.cancel();
      this.reconnectTimer = null;
      this.connect();
    });
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, why);
    else ws.terminate();
  }

  /** Cuts the connection as a network failure would, saying why; the charger reconnects with back-off. */
  terminate(why: string): void {
    this.cp.lastError = why;
    this.ws?.terminate();
  }

  /** The offline fault: no connection, no reconnects; back by itself after `seconds` (0: when switched off). */
  goOffline(seconds: number, back: () => void): void {
    this.cp.lastError = OFFLINE_ERROR;
    this.reconnectTimer?.cancel();
    this.reconnectTimer = null;
    if (this.ws) this.ws.terminate();
    this.offlineTimer?.cancel();
    this.offlineTimer = null;
    this.offlineReturn = seconds > 0 ? { seconds, back, until: this.cp.clock.now() + seconds * 1000 } : null;
    this.armOfflineReturn();
  }

  /**
   * An Offline restored with the charger (a bench restart): the charger says why it does not connect, as when
   * the switch was set; a timed one is not armed now, but at the next power-on, for the full seconds, since
   * when it was switched on is not saved.
   */
  offlineRestored(seconds: number, back: () => void): void {
    this.cp.lastError = OFFLINE_ERROR;
    this.offlineReturn = seconds > 0 ? { seconds, back, until: null } : null;
  }

  /**
   * Arms the timed Offline's way back unless it is armed. Within one bench session it ends when it was due
   * (at once if that passed while the power was off); restored from the record, after the full seconds.
   */
  private armOfflineReturn(): void {
    const plan = this.offlineReturn;
    if (!plan || this.offlineTimer) return;
    const now = this.cp.clock.now();
    const ms = plan.until === null ? plan.seconds * 1000 : Math.max(0, plan.until - now);
    plan.until = now + ms;
    this.offlineTimer = this.cp.clock.after(ms, () => {
      this.offlineTimer = null;
      this.offlineReturn = null;
      plan.back();
    });
  }

  /** When a timed Offline ends by itself (ms on the charger's clock); null while none is armed (none on, one until switched off, or a restored one not powered on yet). */
  get offlineUntil(): number | null {
    return this.offlineTimer ? (this.offlineReturn?.until ?? null) : null;
  }

  comeBack(): void {
    this.offlineTimer?.cancel();
    this.offlineTimer = null;
    this.offlineReturn = null;
    this.backoffMs = BACKOFF_MIN_MS;
    this.connect();
  }

  /** The power goes: timers stop and the socket closes; a changed WebSocketPingInterval applies from the next power-on. */
  powerDown(): void {
    for (const t of [this.reconnectTimer, this.offlineTimer, this.pingTimer]) t?.cancel();
    this.reconnectTimer = this.offlineTimer = this.pingTimer = null;
    this.pingIntervalS = this.keys.WebSocketPingInterval;
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    this.rpc?.close('The charger closed the connection');
    this.rpc = null;
    this.followUps.clear();
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'Charge point going down');
    else ws.terminate();
  }

  private onOpen(ws: WebSocket): void {
    if (this.ws !== ws) return;
    this.startPing(ws);
    this.state = 'connected';
    this.cp.lastError = null;
    this.backoffMs = BACKOFF_MIN_MS;
    this.cp.changed();
    this.options.opened();
  }

  private onClose(ws: WebSocket, endpoint: RpcEndpoint, code: number, reason: string): void {
    endpoint.close(`Connection closed (${code}${reason ? `: ${reason}` : ''})`);
    if (this.ws !== ws) return;
    this.ws = null;
    this.rpc = null;
    this.followUps.clear();
    this.pingTimer?.cancel();
    this.pingTimer = null;
    this.options.closed();
    if (this.state === 'connected' && !this.cp.lastError) this.cp.lastError = `Connection closed (${code}${reason ? `: ${reason}` : ''})`;
    if (this.state !== 'rebooting' && this.state !== 'stopped') {
      this.state = 'disconnected';
      this.scheduleReconnect();
    }
    this.cp.changed();
  }

  /** The charger's own WebSocket pings; a central system that misses a pong by the next ping is dropped. */
  private startPing(ws: WebSocket): void {
    this.pingTimer?.cancel();
    this.pingTimer = null;
    if (!(this.pingIntervalS > 0)) return;
    let answered = true;
    ws.on('pong', () => (answered = true));
    this.pingTimer = every(
      this.cp.clock,
      () => this.pingIntervalS * 1000,
      () => {
        if (this.ws !== ws) return;
        if (!answered) {
          this.cp.lastError = `The central system did not answer a WebSocket ping within ${this.pingIntervalS} s`;
          ws.terminate();
          return;
        }
        answered = false;
        ws.ping();
      },
    );
  }

  private scheduleReconnect(): void {
    if (!this.cp.isRunning || this.offline || this.reconnectTimer) return;
    const delay = this.backoffMs * (1 + this.cp.random() * 0.2);
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    this.reconnectTimer = this.cp.clock.after(delay, () => {
      this.reconnectTimer = null;
      this.connect();
    });
  }
}
