// Operations: central-system actions sent to a charger on the user's behalf (any face, or a test run),
// each validated before anything is sent, recorded with its outcome, and announced.
import { actions, errorForIssues, isAction, isCentralSystemAction, redactPayload, type CentralSystemAction, type RequestOf } from '../../shared/ocpp16';
import { isoTime, systemClock, type Clock } from '../clock';
import type { OperationProgressView, OperationResult, OperationView } from '../../shared/api/views';
import { PayloadError, type CallOutcome } from '../rpc/endpoint';
import type { CentralSystem } from '../central-system/central-system';
import { configuredInterval } from '../central-system/heartbeat-given';
import { recordProblemText, type BenchRecord } from '../store/record';
import { BenchError } from '../errors';
import type { EventBus } from './event-bus';
import type { SettingsStore } from './settings';
import { benchRuleErrors, maxStackLevelIn } from '../../shared/api/bench-rules';
import { neverConnected } from '../../shared/chargers';

/** How an operation is sent. */
export interface OperateOptions {
  timeoutMs?: number;
  /** Skip the bench's rules for what a person sends (a test run sending something odd on purpose); the OCPP schema still applies. */
  skipBenchRules?: boolean;
  /** The caller's name for it, carried by its operationChanged events. */
  ref?: string;
}

export class Operations {
  constructor(
    private readonly centralSystem: CentralSystem,
    private readonly record: BenchRecord,
    private readonly settings: SettingsStore,
    private readonly bus: EventBus,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Names operations whose caller gave none, for their operationChanged events. */
  private refs = 0;

  /** Per connection (its endpoint): the operation whose CALL went out last, so one queued behind it that the connection cut off can name it. */
  private readonly lastSent = new WeakMap<object, OperationProgressView>();

  /** Each charger's ChargeProfileMaxStackLevel, as its latest GetConfiguration answer reporting it said (null: none did). */
  private readonly maxStackLevel = new Map<string, number | null>();

  private learnLimits(chargerId: string, response: unknown): void {
    const n = maxStackLevelIn(response);
    if (n !== null) this.maxStackLevel.set(chargerId, n);
  }

  /** A charger's ChargeProfileMaxStackLevel: learnt from answers since the bench started, else read back once from the record (so a restart does not forget it). */
  private maxStackLevelOf(chargerId: string): number | null {
    if (!this.maxStackLevel.has(chargerId)) this.maxStackLevel.set(chargerId, maxStackLevelIn(this.record.operations.lastConfigurationWith(chargerId, 'ChargeProfileMaxStackLevel')));
    return this.maxStackLevel.get(chargerId) ?? null;
  }

  /**
   * Whether a charger has never connected to this bench (registered ahead, no contact since): by the rule
   * the faces judge its view by (shared/chargers.ts), its live connection as `connected`. Null when its
   * record cannot be read.
   */
  private async neverConnected(chargerId: string): Promise<boolean | null> {
    try {
      // Read after what was written lands (its connection's remote address, its boot).
      await this.record.settled();
      const c = this.record.chargers.get(chargerId);
      return !c || neverConnected({ ...c, connected: this.centralSystem.isConnected(chargerId) });
    } catch {
      return null;
    }
  }

  /**
   * Sends a central-system action to a charger; the answer is typed by the action. Throws BenchError 400
   * (invalid payload, nothing sent), 404 (charger never seen), 503 (the bench cannot record); resolves
   * with the outcome otherwise, `offline` when the charger is known but not connected.
   */
  async operate<A extends CentralSystemAction>(chargerId: string, action: A, payload: RequestOf<A>, opts: OperateOptions = {}): Promise<OperationResult<A>> {
    // A typed caller's payload is checked at run time all the same: it may have been built from input.
    assertRequest(action, payload);
    return this.send(chargerId, action, payload, opts);
  }

  /**
   * `operate` for an action named at run time (a face's call, a test case's step): 404 for a name that
   * is not an OCPP 1.6 action or is one a charge point sends, then as `operate`.
   */
  async operateByName(chargerId: string, action: string, payload: unknown, opts: OperateOptions = {}): Promise<OperationResult> {
    if (!isAction(action)) throw new BenchError(404, `"${action}" is not an OCPP 1.6 action`, { field: 'action' });
    if (!isCentralSystemAction(action)) throw new BenchError(404, `${action} is sent by a charge point, not by the central system`, { field: 'action' });
    assertRequest(action, payload);
    return this.send(chargerId, action, payload, opts);
  }

  private async send<A extends CentralSystemAction>(chargerId: string, action: A, payload: RequestOf<A>, opts: OperateOptions): Promise<OperationResult<A>> {
    // Bad input is named first, whatever the charger's state: the schema (checked by the caller), then the bench's own rules.
    if (!opts.skipBenchRules) {
      // Only the charging profiles' rules need the charger's stack levels.
      const maxStackLevel = action === 'SetChargingProfile' || action === 'RemoteStartTransaction' ? this.maxStackLevelOf(chargerId) : null;
      const broken = Object.entries(benchRuleErrors(action, payload, { now: this.clock.now(), maxStackLevel }));
      if (broken.length > 0) {
        const [field, message] = broken[0]!;
        throw new BenchError(400, `Not sent: ${field}: ${message}`, { field });
      }
    }
    const endpoint = this.centralSystem.endpointOf(chargerId);
    if (!endpoint) {
      this.centralSystem.registry.mustKnow(chargerId);
      // Whether it had ever connected is kept with the result, as it was now: the result is read later, when it may have.
      const never = await this.neverConnected(chargerId);
      return { outcome: 'offline', error: { description: `Charger ${chargerId} is not connected` }, ...(never === null ? {} : { neverConnected: never }) };
    }
    if (!this.record.writable) throw new BenchError(503, `Nothing was sent: ${recordProblemText(this.record.problem, this.record.dataDir)}`);
    const timeoutMs = opts.timeoutMs ?? this.settings.get().callTimeout * 1000;
    // An AuthorizationKey sent or returned is never kept or shown.
    const shown = redactPayload(payload);
    // Its times are on the bench's clock, as its frames' are (a fake-clock run's charger time, as the run's
    // steps): the log pairs a frame with its operation by them, and dueBy is when the call times out.
    const progress: OperationProgressView = {
      ref: opts.ref ?? `op-${++this.refs}`,
      chargerId,
      action,
      state: 'queued',
      queuedAt: isoTime(this.clock),
      sentAt: null,
      dueBy: null,
      operationId: null,
    };
    const announce = () => this.bus.publish({ type: 'operationChanged', operation: { ...progress }, ts: isoTime(this.clock) });
    // Recorded when its CALL goes out, not when it is queued: behind an unanswered call it may wait a while.
    // The CALL's message id: its answer is in the message log under it.
    let messageId: string | null = null;
    const onSent = (id: string) => {
      messageId = id;
      progress.state = 'sent';
      progress.sentAt = isoTime(this.clock);
      progress.dueBy = new Date(this.clock.now() + timeoutMs).toISOString();
      this.lastSent.set(endpoint, progress);
      try {
        progress.operationId = this.record.operations.started(chargerId, action, shown, progress.sentAt, opts.ref);
      } finally {
        announce();
      }
    };
    let sending: Promise<CallOutcome<A>>;
    try {
      // The endpoint validates the payload and throws before anything is sent or recorded.
      sending = endpoint.call(action, payload, { timeoutMs, onSent });
    } catch (e) {
      throw e instanceof PayloadError ? invalidPayload(action, e) : e;
    }
    // Queued behind a call still unanswered: should the connection drop first, this was never sent, and says behind what.
    const waitedBehind = progress.state === 'queued' && this.lastSent.get(endpoint)?.state === 'sent';
    if (progress.state === 'queued') announce();
    const outcome = await sending;
    const front = waitedBehind && progress.state === 'queued' ? this.lastSent.get(endpoint) : undefined;
    const result = shownOutcome(outcome, progress, front, messageId);
    const done = isoTime(this.clock);
    const response = 'response' in result ? result.response : undefined;
    const error = 'error' in result ? result.error : undefined;
    const operationId = progress.operationId;
    // One never sent (queued behind a call when the connection dropped) is not in the record: nothing went to the charger.
    if (operationId !== null) {
      this.record.operations.finished(operationId, done, result.outcome, response, error);
      // A HeartbeatInterval the charger accepted or reported is the interval it works to now.
      const given = result.outcome === 'completed' ? configuredInterval(action, shown, response, done) : null;
      if (given) this.record.chargers.heartbeatGiven(chargerId, given);
      const operation: OperationView = {
        id: operationId,
        chargerId,
        action,
        request: shown,
        sentAt: progress.sentAt!,
        finishedAt: done,
        outcome: result.outcome,
        response,
        error,
        // The caller's name for it, as the record keeps it: a window that lost the link before "sent" finds it by it.
        ...(opts.ref === undefined ? {} : { ref: opts.ref }),
      };
      this.bus.publish({ type: 'operationFinished', operation, ts: done });
    }
    progress.state = 'finished';
    progress.outcome = result.outcome;
    announce();
    if (action === 'GetConfiguration' && result.outcome === 'completed') this.learnLimits(chargerId, result.response);
    return result;
  }
}

/** Asserts that `payload` is the action's request: a BenchError 400 naming the field (and the OCPP error code) when it is not. */
function assertRequest<A extends CentralSystemAction>(action: A, payload: unknown): asserts payload is RequestOf<A> {
  const checked = actions[action].request.safeParse(payload);
  if (!checked.success) throw invalidPayload(action, new PayloadError(errorForIssues(checked.error.issues, payload)));
}

function invalidPayload(action: string, e: PayloadError): BenchError {
  return new BenchError(400, `Invalid ${action} payload: ${e.info.description}`, { field: e.field, code: e.info.code });
}

/**
 * The charger's answer as the bench keeps and shows it: any AuthorizationKey redacted, with the operation's id (once sent), for a
 * malformed answer the CALL's message id (the log's answer is under it), and, for a call
 * the connection dropped, when it was sent, or, for one it cut off while queued (never sent), the call it waited behind (`front`).
 */
function shownOutcome<A extends CentralSystemAction>(outcome: CallOutcome<A>, progress: OperationProgressView, front?: OperationProgressView, messageId?: string | null): OperationResult<A> {
  const id = progress.operationId === null ? {} : { operationId: progress.operationId };
  switch (outcome.outcome) {
    case 'completed':
      return { ...outcome, response: redactPayload(outcome.response), ...id };
    case 'invalidResponse':
      return { ...outcome, response: redactPayload(outcome.response), ...id, ...(messageId ? { messageId } : {}) };
    case 'offline':
      if (outcome.sent && progress.sentAt !== null) return { ...outcome, sentAt: progress.sentAt, ...id };
      if (front?.sentAt && !outcome.sent)
        return {
          outcome: 'offline',
          error: outcome.error,
          queuedBehind: { action: front.action, sentAt: front.sentAt, ...(front.operationId === null ? {} : { operationId: front.operationId }) },
          ...id,
        };
      return { outcome: 'offline', error: outcome.error, ...id };
    default:
      return { ...outcome, ...id };
  }
}
