// What one charger says, as the conformance engine sees it: every frame to and from it in order (the
// evidence), its CALLs queued for the case to consume, and its connection coming and going.
import type { EventBus } from '../core/event-bus';
import type { Clock } from '../clock';
import type { MessageRecord } from '../../shared/records';
import { violationOf } from '../../shared/api/frame-note';

export interface SeenFrame extends Omit<MessageRecord, 'id'> {
  seq: number;
}

/** A CALL from the charger, parsed. `invalid` holds the bench's objection when it broke the schema. */
export interface ChargerCall {
  seq: number;
  ts: string;
  messageId: string;
  action: string;
  payload: Record<string, unknown>;
  invalid: string | null;
}

type Waiter = () => void;

export class ChargerFrames {
  readonly frames: SeenFrame[] = [];
  /** CALLs from the charger not yet consumed by a step. */
  readonly pending: ChargerCall[] = [];
  connected: boolean;
  /** While above 0, a fake clock is not moved on (the engine waits for the wire to settle). */
  holds = 0;
  /** When the last frame passed (wall clock), for the fake-time driver's "all quiet". */
  lastActivity = Date.now();
  /** Transactions the bench started for the charger (from its StartTransaction answers), until their StopTransaction. */
  readonly transactions = new Map<number, { connectorId: number; idTag: string }>();
  /** How many times the charger connected while watched (a reconnection shows as a new count). */
  connections = 0;
  /** The bench's refusals of the charger's connection attempts while watched (the reasons, newest last). */
  readonly refusals: Array<{ ts: string; reason: string }> = [];
  /** Transactions stopped while watched (so an older record of them running is not believed). */
  readonly stopped = new Set<number>();
  /** The charger's connection closing and opening while watched, in order with the frames (`seq`): evidence of a case (`up`: it opened; `reason`: why it closed). */
  readonly links: Array<{ seq: number; ts: string; text: string; up: boolean; reason?: string }> = [];
  /** Each connector's status as the charger last reported it while watched (StatusNotification). */
  readonly statuses = new Map<number, string>();
  private readonly starts = new Map<string, { connectorId: number; idTag: string }>();
  private seq = 0;
  private readonly waiters = new Set<Waiter>();
  private readonly callListeners = new Set<(call: ChargerCall) => void>();
  private readonly off: () => void;

  constructor(
    bus: EventBus,
    readonly chargerId: string,
    connected: boolean,
  ) {
    this.connected = connected;
    this.off = bus.subscribe((e) => {
      if (e.type === 'frameLogged' && e.message.chargerId === chargerId) this.onFrame(e.message);
      else if (e.type === 'chargerConnected' && e.chargerId === chargerId) {
        this.connections++;
        this.links.push({ seq: ++this.seq, ts: e.ts, text: `${chargerId} connected again`, up: true });
        this.setConnected(true);
      } else if (e.type === 'connectionRefused' && e.chargerId === chargerId) {
        this.refusals.push({ ts: e.ts, reason: e.reason });
        this.lastActivity = Date.now();
        this.wake();
      } else if (e.type === 'chargerDisconnected' && e.chargerId === chargerId) {
        this.links.push({
          seq: ++this.seq,
          ts: e.ts,
          text: `${chargerId}'s connection closed (${e.reason})${e.lastSeen ? `; its last frame came at ${e.lastSeen}` : ''}`,
          up: false,
          reason: e.reason,
        });
        this.setConnected(false);
      }
    });
  }

  private onFrame(m: Omit<MessageRecord, 'id'>): void {
    const frame: SeenFrame = { ...m, seq: ++this.seq };
    this.frames.push(frame);
    this.lastActivity = Date.now();
    if (m.direction === 'in' && m.kind === 'CALL' && m.messageId !== null && m.action !== null) {
      let payload: Record<string, unknown> = {};
      try {
        const parsed = JSON.parse(m.raw) as unknown[];
        if (parsed[3] && typeof parsed[3] === 'object') payload = parsed[3] as Record<string, unknown>;
      } catch {
        // recorded with its error; the payload stays empty
      }
      const call: ChargerCall = { seq: frame.seq, ts: m.ts, messageId: m.messageId, action: m.action, payload, invalid: violationOf(m.error) };
      this.pending.push(call);
      for (const l of [...this.callListeners]) l(call);
      if (m.action === 'StatusNotification' && typeof payload.connectorId === 'number' && typeof payload.status === 'string') this.statuses.set(payload.connectorId, payload.status);
      if (m.action === 'StartTransaction') this.starts.set(m.messageId, { connectorId: Number(payload.connectorId), idTag: String(payload.idTag) });
      if (m.action === 'StopTransaction' && typeof payload.transactionId === 'number') {
        this.transactions.delete(payload.transactionId);
        this.stopped.add(payload.transactionId);
      }
    } else if (m.direction === 'out' && m.kind === 'CALLRESULT' && m.messageId !== null && this.starts.has(m.messageId)) {
      const start = this.starts.get(m.messageId)!;
      this.starts.delete(m.messageId);
      try {
        const id = (JSON.parse(m.raw) as [number, string, { transactionId?: number }])[2].transactionId;
        if (typeof id === 'number') this.transactions.set(id, start);
      } catch {
        // an answer the bench made is always JSON
      }
    }
    this.wake();
  }

  private setConnected(on: boolean): void {
    this.connected = on;
    this.lastActivity = Date.now();
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `ready()` returns something, or with null after `ms` on the run's clock, or at once when `signal` aborts. */
  waitFor<T>(clock: Clock, ms: number, ready: () => T | null | undefined, signal?: AbortSignal): Promise<T | null> {
    const now = ready();
    if (now !== null && now !== undefined) return Promise.resolve(now);
    if (signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const done = (v: T | null) => {
        this.waiters.delete(check);
        timer.cancel();
        signal?.removeEventListener('abort', stop);
        resolve(v);
      };
      const check = () => {
        const v = ready();
        if (v !== null && v !== undefined) done(v);
      };
      const stop = () => done(null);
      const timer = clock.after(ms, () => done(null));
      this.waiters.add(check);
      signal?.addEventListener('abort', stop, { once: true });
    });
  }

  /** Keeps a fake clock still for up to `ms` of wall time, or until the returned function is called. */
  holdFor(ms: number): () => void {
    this.holds++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      this.holds--;
    };
    const timer = setTimeout(release, ms);
    return release;
  }

  /** Resolves once nothing has passed on the wire for `quietMs` (wall clock), or after `maxMs`. */
  async settle(quietMs = 60, maxMs = 3000): Promise<void> {
    const end = Date.now() + maxMs;
    this.holds++;
    try {
      while (Date.now() < end && Date.now() - this.lastActivity < quietMs) await new Promise((r) => setTimeout(r, 10));
    } finally {
      this.holds--;
    }
  }

  /** Tells `listener` each CALL of the charger as it comes, before a step can take it (and before waiters wake); returns its removal. */
  onCall(listener: (call: ChargerCall) => void): () => void {
    this.callListeners.add(listener);
    return () => void this.callListeners.delete(listener);
  }

  /** Frames after `seq` (exclusive). */
  since(seq: number): SeenFrame[] {
    return this.frames.filter((f) => f.seq > seq);
  }

  /** The connection's closing and opening after `seq` (exclusive), as observations of a case. */
  linksSince(seq: number): Array<{ at: string; text: string; messageId: null }> {
    return this.links.filter((l) => l.seq > seq).map((l) => ({ at: l.ts, text: l.text, messageId: null }));
  }

  get lastSeq(): number {
    return this.seq;
  }

  close(): void {
    this.off();
    this.callListeners.clear();
    this.wake();
  }
}
