// One connected charger: its WebSocket, its RPC endpoint, the record of every frame both ways, and the
// guards that keep one charger from hurting the others (a bound on what waits to be sent to it, a budget
// for frames in violation) or the record (no answer leaves before its record is durable).
import { WebSocket } from 'ws';
import { OcppError, redactFrameText, type ChargePointAction } from '../../shared/ocpp16';
import { isoTime, sleep, type Clock } from '../clock';
import { RpcEndpoint, type FrameRecord, type HandlerMap } from '../rpc/endpoint';
import { recordProblemText, type BenchRecord } from '../store/record';
import type { EventBus } from '../core/event-bus';
import type { Authorizer } from './authorizer';
import { mergeAnswer, type BehaviourRegistry } from './behaviour';
import { chargePointHandlers, type HandlerContext } from './handlers/index';
import { bootAnswerInterval } from './heartbeat-given';
import { stopFrameNote } from './handlers/ownership';

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

/** What a session needs from the central system around it. */
export interface SessionContext {
  record: BenchRecord;
  bus: EventBus;
  auth: Authorizer;
  clock: Clock;
  /** The handlers' view of the bench (settings, boot policies, the event bus), for this charger. */
  handlerContext(chargerId: string): HandlerContext;
  callTimeoutMs(): number;
  maxUnsentBytes: number;
  maxPayload: number;
  /** Counts for the health report. */
  stats: { cutOffUnread: number; throttled: number };
  behaviours: BehaviourRegistry;
}

export class ChargerSession {
  readonly endpoint: RpcEndpoint;
  /** Answered a ping since the last one. */
  alive = true;
  replaced = false;
  /** Why the bench itself ended the connection, when it did: recorded instead of what the close code says. */
  closeCause: string | null = null;
  private invalidBudget = INVALID_BURST;
  private budgetAt: number;

  constructor(
    readonly chargerId: string,
    readonly ws: WebSocket,
    readonly remoteAddress: string | null,
    private readonly ctx: SessionContext,
  ) {
    this.budgetAt = ctx.clock.now();
    this.endpoint = new RpcEndpoint({
      role: 'CS',
      handlers: this.handlers(),
      callTimeoutMs: ctx.callTimeoutMs(),
      clock: ctx.clock,
      io: {
        received: (rec) => {
          // A StopTransaction for a transaction that is not the charger's own running one is flagged on its
          // frame (a warning: it is answered as the spec says, and is no violation).
          const note = rec.kind === 'CALL' && rec.error === null ? stopFrameNote({ auth: ctx.auth, chargerId }, rec.action, rec.raw) : null;
          this.log(note === null ? rec : { ...rec, error: note });
          if (rec.error !== null) this.spendInvalid();
        },
        transmit: (text, rec, sent) => {
          const ts = this.log(rec);
          // Group commit: the answer leaves only once the frames it answers are on disk.
          ctx.record.writer.afterCommit((durable) => {
            if (durable) {
              this.send(text);
              this.gaveInterval(rec, ts);
            } else this.unrecorded(rec);
            sent?.();
          });
        },
      },
    });
    ws.on('message', (data, isBinary) => {
      this.alive = true;
      this.endpoint.receive(data as Buffer, isBinary);
    });
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (e: Error & { code?: string }) => {
      // 'close' follows; a frame over the limit is named for what it was, not as a lost connection.
      if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        const limit = ctx.maxPayload;
        this.closeCause = `Connection closed (1009, frame too big): the charger sent a frame larger than the ${Math.round(limit / 1024 / 1024)} MiB the bench accepts`;
        this.log({
          direction: 'in',
          kind: 'INVALID',
          messageId: null,
          action: null,
          raw: '',
          error: `FormationViolation: a frame larger than ${limit} bytes arrived (not kept); the connection was closed with 1009`,
        });
      }
    });
  }

  /** A boot answer that accepted the charger gave it a heartbeat interval (as sent, whatever a bench behaviour changed): kept for its view. */
  private gaveInterval(rec: FrameRecord, ts: string): void {
    // Not given when it did not go out (the connection closed first, or was cut off for not reading).
    if (rec.kind !== 'CALLRESULT' || rec.action !== 'BootNotification' || this.ws.readyState !== WebSocket.OPEN) return;
    const seconds = bootAnswerInterval(rec.raw);
    if (seconds !== null) this.ctx.record.chargers.heartbeatGiven(this.chargerId, { seconds, how: 'boot', at: ts });
  }

  /** Every frame, both ways: recorded (an AuthorizationKey never reaches the record, the UI or an export) and pushed; returns its time. */
  private log(rec: FrameRecord): string {
    const ts = isoTime(this.ctx.clock);
    const raw = redactFrameText(rec.raw);
    this.ctx.record.logFrame(this.chargerId, raw === rec.raw ? rec : { ...rec, raw }, ts);
    if (this.ctx.bus.hasListeners)
      this.ctx.bus.publish({
        type: 'frameLogged',
        message: { ts, chargerId: this.chargerId, direction: rec.direction, kind: rec.kind, messageId: rec.messageId, action: rec.action, raw, error: rec.error },
      });
    return ts;
  }

  private send(text: string): void {
    const ws = this.ws;
    if (ws.readyState !== WebSocket.OPEN) return;
    const cap = this.ctx.maxUnsentBytes;
    if (ws.bufferedAmount + text.length > cap) {
      // The charger stopped reading: holding more for it would grow without bound.
      this.ctx.stats.cutOffUnread++;
      this.closeCause = `Connection closed by the bench: the charger stopped reading its answers (${Math.round(ws.bufferedAmount / 1024)} KiB were waiting to be sent; the most is ${Math.round(cap / 1024)} KiB)`;
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  /** One frame in violation from this charger; past its budget, its socket is not read for a while. */
  private spendInvalid(): void {
    const now = this.ctx.clock.now();
    this.invalidBudget = Math.min(INVALID_BURST, this.invalidBudget + ((now - this.budgetAt) / 1000) * INVALID_PER_SECOND);
    this.budgetAt = now;
    if (--this.invalidBudget >= 0 || this.ws.isPaused) return;
    this.ctx.stats.throttled++;
    this.ws.pause();
    const pauseMs = Math.max(100, Math.ceil((-this.invalidBudget / INVALID_PER_SECOND) * 1000));
    setTimeout(() => this.ws.resume(), pauseMs).unref();
  }

  /**
   * An outgoing frame whose record could not be made durable (the disk is full): an answer is not sent
   * as it was. A CALLRESULT becomes InternalError (so the charger tries again later, and a transaction
   * id it never received is closed in the record); a CALLERROR goes as it is; an operation's CALL is not
   * sent at all.
   */
  private unrecorded(rec: FrameRecord): void {
    const { record, auth } = this.ctx;
    const why = recordProblemText(record.problem, record.dataDir);
    if (rec.kind === 'CALL') return this.endpoint.cancelCall(rec.messageId ?? '', `Not sent: ${why}`);
    if (rec.kind === 'CALLERROR') return this.send(rec.raw);
    const description = 'The central system could not record its answer (its disk is full), so it did not give one. Nothing was done; try again later.';
    const text = JSON.stringify([4, rec.messageId, 'InternalError', description, {}]);
    this.log({ direction: 'out', kind: 'CALLERROR', messageId: rec.messageId, action: rec.action, raw: text, error: `Replaces an answer that could not be recorded: ${why}` });
    this.send(text);
    if (rec.action === 'StartTransaction') {
      const id = (JSON.parse(rec.raw) as [3, string, { transactionId?: number }])[2]?.transactionId;
      if (typeof id === 'number') {
        auth.transactionStopped(id);
        record.transactions.abandon(id, isoTime(this.ctx.clock), 'Its StartTransaction answer could not be recorded (disk full), so the charger was never given this id');
      }
    }
  }

  /** The charge-point actions this charger may call, each refused while nothing can be recorded. */
  private handlers(): HandlerMap {
    const context = this.ctx.handlerContext(this.chargerId);
    const record = this.ctx.record;
    const map: HandlerMap = {};
    for (const [action, handler] of Object.entries(chargePointHandlers)) {
      (map as Record<string, unknown>)[action] = (payload: Record<string, unknown>, messageId: string) => {
        // While nothing can be recorded, nothing is done: the charger hears so and tries again later.
        if (!record.writable) throw new OcppError('InternalError', 'The central system cannot record right now (its disk is full), so it did nothing with this message. Try again later.');
        // A bench behaviour (a test case, the behaviour panel) may answer otherwise, later, or not at all.
        const policy = this.ctx.behaviours.policyFor(this.chargerId, action as ChargePointAction, payload);
        if (policy?.callError) throw new OcppError(policy.callError.code, policy.callError.description);
        if (policy?.withhold) return new Promise<never>(() => {});
        const answer = (handler as (c: HandlerContext, p: unknown, id: string) => unknown)(context, payload, messageId);
        const patched = policy?.patch ? mergeAnswer(answer, policy.patch) : answer;
        return policy?.delayMs ? sleep(this.ctx.clock, policy.delayMs).then(() => patched) : patched;
      };
    }
    return map;
  }
}
