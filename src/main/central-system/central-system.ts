// The local OCPP 1.6J central system: the OCPP port (server.ts) with admission (admission.ts), the
// chargers it knows (registry.ts), one session per connected charger (session.ts) answering through the
// handlers (handlers/), and the pings that find dead connections. The settings, the event bus and the
// clock belong to the core and are handed in.
import type { WebSocket } from 'ws';
import type { RegistrationStatus } from '../../shared/ocpp16';
import type { TransactionView } from '../../shared/api/views';
import { isoTime, systemClock, type Clock } from '../clock';
import type { RpcEndpoint } from '../rpc/endpoint';
import type { BenchRecord } from '../store/record';
import type { EventBus } from '../core/event-bus';
import type { SettingsStore } from '../core/settings';
import { BenchError } from '../errors';
import { Authorizer } from './authorizer';
import { admit } from './admission';
import { BehaviourRegistry } from './behaviour';
import { ChargerRegistry } from './registry';
import { DEFAULT_MAX_PAYLOAD, OcppServer, type OcppServerOptions } from './server';
import { ChargerSession, MAX_UNSENT_BYTES, type SessionContext } from './session';

export { OCPP_SUBPROTOCOL, MAX_IDENTITY_LENGTH, AUTH_REALM } from './admission';

/** Connections pinged per turn of the event loop. */
const PING_SLICE = 250;

export interface CentralSystemOptions extends OcppServerOptions {
  /** WebSocket ping interval; a charger that misses a pong by the next ping is dropped. */
  pingIntervalMs?: number;
  /** Bytes waiting to go to one charger beyond which it is cut off (default MAX_UNSENT_BYTES). */
  maxUnsentBytes?: number;
}

export interface CentralSystemParts {
  record: BenchRecord;
  settings: SettingsStore;
  bus: EventBus;
  clock?: Clock;
}

export class CentralSystem {
  private readonly sessions = new Map<string, ChargerSession>();
  private readonly server: OcppServer;
  private pingTimer: NodeJS.Timeout | null = null;
  readonly registry: ChargerRegistry;
  readonly auth: Authorizer;
  /** How the bench misbehaves toward a charger on purpose (test cases, the bench behaviour panel). */
  readonly behaviours: BehaviourRegistry;
  private readonly record: BenchRecord;
  private readonly settings: SettingsStore;
  private readonly bus: EventBus;
  private readonly clock: Clock;
  private readonly sessionContext: SessionContext;

  constructor(
    parts: CentralSystemParts,
    private readonly options: CentralSystemOptions = {},
  ) {
    ({ record: this.record, settings: this.settings, bus: this.bus } = parts);
    this.clock = parts.clock ?? systemClock;
    this.registry = new ChargerRegistry(this.record);
    this.behaviours = new BehaviourRegistry(this.clock, (behaviour) => this.bus.publish({ type: 'benchBehaviourChanged', behaviour, ts: this.now() }));
    this.auth = new Authorizer(this.record, () => this.settings.get(), this.clock);
    this.server = new OcppServer(
      options,
      {
        settings: () => this.settings.get(),
        decide: (req) => admit(req, this.registry, this.settings.get(), (id) => this.behaviours.refusedSeconds(id)),
        accepted: (ws, req, admission) => this.onConnection(ws, req.socket.remoteAddress ?? null, admission.chargerId, admission.note),
        refused: (chargerId, remoteAddress, reason) => {
          const now = this.now();
          this.record.connectionAttempts.add(now, chargerId, remoteAddress, 'refused', reason);
          this.bus.publish({ type: 'connectionRefused', chargerId, remoteAddress, reason, ts: now });
        },
        turnedAway: (t) => {
          this.record.connectionAttempts.addRefusedBeforeUpgrade(t.lastTs, t.firstTs, t.address, t.reason, t.count);
          this.bus.publish({ type: 'connectionRefused', chargerId: null, remoteAddress: t.address, reason: t.words, ts: this.now() });
        },
      },
      this.clock,
    );
    this.sessionContext = {
      record: this.record,
      bus: this.bus,
      auth: this.auth,
      clock: this.clock,
      callTimeoutMs: () => this.settings.get().callTimeout * 1000,
      maxUnsentBytes: options.maxUnsentBytes ?? MAX_UNSENT_BYTES,
      maxPayload: options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
      stats: { cutOffUnread: 0, throttled: 0 },
      behaviours: this.behaviours,
      handlerContext: (chargerId) => ({
        chargerId,
        record: this.record,
        auth: this.auth,
        settings: () => this.settings.get(),
        bootAnswer: () => {
          const boot = this.behaviours.standing(chargerId).boot;
          const status: RegistrationStatus = boot?.status ?? this.registry.bootPolicyOf(chargerId) ?? this.settings.get().defaultBootStatus;
          return { status, interval: boot?.interval ?? this.settings.get().heartbeatInterval };
        },
        authorize: (idTag) => {
          const forced = this.behaviours.standing(chargerId).idTagStatus;
          return forced ? { status: forced } : (this.behaviours.idTagInfo(chargerId, idTag) ?? this.auth.authorize(idTag));
        },
        emit: (e) => this.bus.publish(e),
        now: () => this.now(),
        toldTime: () => new Date(this.clock.now() + (this.behaviours.standing(chargerId).timeOffsetSeconds ?? 0) * 1000).toISOString(),
      }),
    };
  }

  private now(): string {
    return isoTime(this.clock);
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  async start(): Promise<{ host: string; port: number }> {
    const address = await this.server.start();
    // Wall time, not the bench's clock: a ping is the socket's liveness check (see clock.ts). On fake time
    // minutes would pass between a ping and its pong, and a healthy charger would be dropped.
    this.pingTimer = setInterval(() => this.pingAll(), this.options.pingIntervalMs ?? 30_000);
    this.pingTimer.unref();
    return address;
  }

  address(): { host: string; port: number } {
    return this.server.address();
  }

  async stop(): Promise<void> {
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const s of this.sessions.values()) {
      s.endpoint.close('The bench is shutting down');
      s.ws.close(1001, 'ChargeBench is shutting down');
    }
    await this.server.stop();
    for (const s of this.sessions.values()) this.onClose(s, 1001, 'The bench shut down');
    await this.record.settled();
  }

  /** Counts of connections the bench turned away or cut off since it started, for the health report. */
  connectionStats(): { open: number; refusedOverCap: number; incompleteHandshakes: number; cutOffUnread: number; throttled: number } {
    return { open: this.server.openConnections, ...this.server.stats, ...this.sessionContext.stats };
  }

  // ---- chargers --------------------------------------------------------------------------------

  isConnected(chargerId: string): boolean {
    return this.sessions.has(chargerId);
  }

  connectedChargers(): string[] {
    return [...this.sessions.keys()];
  }

  /** The endpoint to send a charger operations on, when it is connected. */
  endpointOf(chargerId: string): RpcEndpoint | undefined {
    return this.sessions.get(chargerId)?.endpoint;
  }

  /** Forgets a charger that is not connected (its logs stay). Throws 404 if unknown, 409 if connected. */
  async deleteCharger(chargerId: string): Promise<void> {
    this.registry.mustKnow(chargerId);
    if (this.sessions.has(chargerId))
      throw new BenchError(409, `Charger ${chargerId} is connected; disconnect it first (POST /api/chargers/${encodeURIComponent(chargerId)}/disconnect), or it would just come back`);
    await this.registry.delete(chargerId);
  }

  /** After pruning: chargers no longer in the record are no longer known (connected ones always stay). */
  forgetAllBut(kept: Set<string>): void {
    this.registry.forgetAllBut(kept, (id) => this.sessions.has(id));
  }

  /**
   * Ends a session in the record that the charger no longer reports (it rebooted and lost it, so no
   * StopTransaction will come): stopped now, reason Other, no meter stop (so no energy), with why. One that a
   * newer session on its connector superseded had ended by the time that one started: it is stopped then (its
   * duration stays what every screen said before the close). Nothing is sent to the charger. A StopTransaction
   * it sends later is kept as a warning beside it (the first stop stands).
   */
  closeTransaction(transactionId: number): TransactionView {
    const tx = this.record.transactions.get(transactionId);
    if (!tx) throw new BenchError(404, `No transaction ${transactionId}`, { field: 'transactionId' });
    // Whether it runs is the bench's own word (a StopTransaction just answered may not be in SQLite yet).
    if (!this.auth.openTransaction(transactionId)) throw new BenchError(409, `Transaction ${transactionId} has already ended`, { field: 'transactionId' });
    // A newer session open on its connector supersedes it (a connector holds one at a time): what the connector reports is the newer one's.
    const newest = this.auth.newestOpenOn(tx.chargerId, tx.connectorId);
    const newer = newest && newest.transactionId > transactionId ? newest : null;
    const supersededBy = newer?.transactionId ?? null;
    // A charger that reports the session going on has not lost it: it is stopped with RemoteStopTransaction.
    const connector = this.record.chargers.get(tx.chargerId)?.connectors.find((c) => c.connectorId === tx.connectorId);
    if (supersededBy === null && this.isConnected(tx.chargerId) && connector && ['Charging', 'SuspendedEV', 'SuspendedEVSE'].includes(connector.status))
      throw new BenchError(409, `Connector ${tx.connectorId} of ${tx.chargerId} reports ${connector.status}: the charger still runs this session; stop it with RemoteStopTransaction`, {
        field: 'transactionId',
      });
    if (!this.record.writable) throw new BenchError(503, 'Nothing was closed: the bench cannot record right now');
    const now = isoTime(this.clock);
    // Ended when the newer session started (not before its own start, whatever the charger's clock says).
    const stopTime = newer && newer.startTime > tx.startTime ? newer.startTime : now;
    const why =
      newer === null
        ? `Closed in the record at ${now} by the bench's user: the charger no longer reported this session and no StopTransaction with its transactionId came`
        : `Closed in the record at ${now} by the bench's user: a newer session (transaction ${newer.transactionId}) started on connector ${tx.connectorId} at ${newer.startTime}, so this one had ended by then (recorded as stopped at ${stopTime}); no StopTransaction with its transactionId came`;
    this.auth.transactionStopped(transactionId);
    this.record.transactions.abandon(transactionId, stopTime, why);
    this.record.events.add(tx.chargerId, 'TransactionClosed', { transactionId, why }, now);
    const closed: TransactionView = { ...tx, active: false, stopTime, stopReason: 'Other', energyWh: null, warning: why };
    this.bus.publish({ type: 'transactionStopped', transaction: closed, ts: now });
    return closed;
  }

  /**
   * Drops a charger's connection and refuses its reconnections for `seconds` (a server-side fault: the
   * central system is unreachable). The refusals are recorded with the reason.
   */
  goOffline(chargerId: string, seconds: number): void {
    this.behaviours.refuseFor(chargerId, seconds * 1000);
    this.disconnect(chargerId, `The bench is unreachable for ${seconds} s on purpose (bench behaviour)`);
  }

  /** Ends a goOffline early: the charger may connect again at once. */
  backOnline(chargerId: string): void {
    this.behaviours.refuseFor(chargerId, 0);
  }

  /** Closes a charger's connection from the bench side. */
  disconnect(chargerId: string, reason = 'Disconnected by the user'): boolean {
    const s = this.sessions.get(chargerId);
    if (!s) return false;
    s.ws.close(1000, reason);
    return true;
  }

  // ---- connections -----------------------------------------------------------------------------

  private onConnection(ws: WebSocket, remoteAddress: string | null, chargerId: string, note: string | null): void {
    const now = this.now();
    const old = this.sessions.get(chargerId);
    if (old) {
      old.replaced = true;
      old.endpoint.close(`Charger ${chargerId} reconnected; the old connection was replaced`);
      old.ws.close(1000, 'Replaced by a new connection from the same charge point');
      this.record.connectionAttempts.add(now, chargerId, old.remoteAddress, 'replaced', 'A new connection with the same identity replaced this one');
    }
    this.registry.seen(chargerId);
    this.record.chargers.seenNow(chargerId, now);
    const session = new ChargerSession(chargerId, ws, remoteAddress, this.sessionContext);
    ws.on('close', (code, reason) => this.onClose(session, code, reason.toString()));
    this.sessions.set(chargerId, session);
    this.record.chargers.setConnected(chargerId, true, remoteAddress);
    this.record.connectionAttempts.add(now, chargerId, remoteAddress, 'accepted', note);
    this.bus.publish({ type: 'chargerConnected', chargerId, remoteAddress, ts: now });
  }

  private onClose(session: ChargerSession, code: number, reason: string): void {
    if (this.sessions.get(session.chargerId) !== session) return;
    const now = this.now();
    const why = session.closeCause ?? closeReason(code, reason);
    session.endpoint.close(`Charger ${session.chargerId} disconnected: ${why}`);
    this.sessions.delete(session.chargerId);
    this.record.chargers.setConnected(session.chargerId, false, null);
    this.record.connectionAttempts.add(now, session.chargerId, session.remoteAddress, 'closed', why);
    // The last contact, not when the drop was noticed (a silent charger is dropped a minute after its last frame).
    const lastSeen = this.record.chargers.lastSeen(session.chargerId) ?? undefined;
    this.bus.publish({ type: 'chargerDisconnected', chargerId: session.chargerId, reason: why, ts: now, ...(lastSeen && { lastSeen }) });
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
