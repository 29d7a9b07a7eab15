// Operations: central-system actions sent to a charger on the user's behalf (any face, or a test run),
// each validated before anything is sent, recorded with its outcome, and announced.
import { actions, errorForIssues, isAction, redactPayload, type CentralSystemAction, type RequestOf } from '../../shared/ocpp16';
import { isoTime, systemClock, type Clock } from '../clock';
import type { OperationResult, OperationView } from '../../shared/api/views';
import { PayloadError, type CallOutcome } from '../rpc/endpoint';
import type { CentralSystem } from '../central-system/central-system';
import { recordProblemText, type BenchRecord } from '../store/record';
import { BenchError } from '../errors';
import type { EventBus } from './event-bus';
import type { SettingsStore } from './settings';
import { benchRuleErrors, maxStackLevelIn } from '../../shared/api/bench-rules';

/** How an operation is sent. */
export interface OperateOptions {
  timeoutMs?: number;
  /** Skip the bench's rules for what a person sends (a test run sending something odd on purpose); the OCPP schema still applies. */
  skipBenchRules?: boolean;
}

export class Operations {
  constructor(
    private readonly centralSystem: CentralSystem,
    private readonly record: BenchRecord,
    private readonly settings: SettingsStore,
    private readonly bus: EventBus,
    private readonly clock: Clock = systemClock,
  ) {}

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
   * Sends a central-system action to a charger. Throws BenchError 400 (invalid payload, nothing sent),
   * 404 (unknown action or charger never seen), 503 (the bench cannot record); resolves with the outcome
   * otherwise, `offline` when the charger is known but not connected.
   */
  async operate<A extends CentralSystemAction>(chargerId: string, action: A, payload: RequestOf<A>, opts?: OperateOptions): Promise<OperationResult<A>>;
  async operate(chargerId: string, action: string, payload: unknown, opts?: OperateOptions): Promise<OperationResult>;
  async operate(chargerId: string, action: string, payload: unknown, opts: OperateOptions = {}): Promise<OperationResult> {
    if (!isAction(action)) throw new BenchError(404, `"${action}" is not an OCPP 1.6 action`, { field: 'action' });
    if (actions[action].initiator === 'CP') throw new BenchError(404, `${action} is sent by a charge point, not by the central system`, { field: 'action' });
    const invalid = (e: PayloadError) => new BenchError(400, `Invalid ${action} payload: ${e.info.description}`, { field: e.field, code: e.info.code });
    // Bad input is named first, whatever the charger's state: the schema, then the bench's own rules.
    const checked = actions[action].request.safeParse(payload);
    if (!checked.success) throw invalid(new PayloadError(errorForIssues(checked.error.issues, payload)));
    if (!opts.skipBenchRules) {
      // Only the charging profiles' rules need the charger's stack levels.
      const maxStackLevel = action === 'SetChargingProfile' || action === 'RemoteStartTransaction' ? this.maxStackLevelOf(chargerId) : null;
      const broken = Object.entries(benchRuleErrors(action as CentralSystemAction, payload, { now: this.clock.now(), maxStackLevel }));
      if (broken.length > 0) {
        const [field, message] = broken[0]!;
        throw new BenchError(400, `Not sent: ${field}: ${message}`, { field });
      }
    }
    const endpoint = this.centralSystem.endpointOf(chargerId);
    if (!endpoint) {
      this.centralSystem.registry.mustKnow(chargerId);
      return { outcome: 'offline', error: { description: `Charger ${chargerId} is not connected` } };
    }
    if (!this.record.writable) throw new BenchError(503, `Nothing was sent: ${recordProblemText(this.record.problem, this.record.dataDir)}`);
    const now = isoTime(this.clock);
    let sending: Promise<CallOutcome>;
    try {
      // The endpoint validates the payload and throws before anything is sent or recorded.
      sending = endpoint.call(action as CentralSystemAction, payload as never, { timeoutMs: opts.timeoutMs ?? this.settings.get().callTimeout * 1000 });
    } catch (e) {
      throw e instanceof PayloadError ? invalid(e) : e;
    }
    // An AuthorizationKey sent or returned is never kept or shown.
    const shown = redactPayload(payload);
    const operationId = this.record.operations.started(chargerId, action, shown, now);
    const result = await sending;
    const done = isoTime(this.clock);
    const response = 'response' in result ? redactPayload(result.response) : undefined;
    const error = 'error' in result ? result.error : undefined;
    this.record.operations.finished(operationId, done, result.outcome, response, error);
    const operation: OperationView = { id: operationId, chargerId, action, request: shown, sentAt: now, finishedAt: done, outcome: result.outcome, response, error };
    this.bus.publish({ type: 'operationFinished', operation, ts: done });
    if (action === 'GetConfiguration' && result.outcome === 'completed') this.learnLimits(chargerId, result.response);
    return { ...result, ...('response' in result ? { response } : {}), operationId } as OperationResult;
  }
}
