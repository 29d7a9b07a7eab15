// The bench misbehaving toward one charger on purpose: standing server-side faults (a boot answer, an
// idTag status, a per-action CALLERROR, delay or silence, a wrong clock, refused connections), and
// one-shot answers a running test case queues just before it expects a message. The session consults
// this for every CALL of the charger; the handlers take their decisions (boot status, idTag status, the
// time they report) from it, so the record stays true to what was answered.
import type { ChargePointAction, IdTagInfo, OcppErrorCode } from '../../shared/ocpp16';
import type { BenchBehaviour, BenchBehaviourView } from '../../shared/api/bench-behaviour';
import type { Clock } from '../clock';

/** What happens to one CALL instead of (or on top of) the default answer. */
export interface AnswerPolicy {
  callError?: { code: OcppErrorCode; description: string };
  /** No answer at all (the charger's call times out). */
  withhold?: boolean;
  /** The answer goes this much later. */
  delayMs?: number;
  /** Fields of the default answer replaced (deep-merged), e.g. { idTagInfo: { status: 'Blocked' } }. */
  patch?: Record<string, unknown>;
}

/** A one-shot answer: used by the first CALL of `action` it matches, then gone. */
export interface QueuedAnswer {
  action: ChargePointAction;
  matches?: (payload: Record<string, unknown>) => boolean;
  policy: AnswerPolicy;
}

/** A test run's idTag answers: each tag of its test data, and what any other tag gets. */
export interface IdTagTable {
  tags: Map<string, IdTagInfo>;
  otherwise: IdTagInfo;
}

/** The idTag answers a test run's table gave (see fromTestRun). */
const runAnswers = new WeakSet<IdTagInfo>();

/**
 * Whether an idTag answer is a test run's, from its test data: the run, as the test system, answers its
 * charger exactly that, and the bench's own view of other sessions (ConcurrentTx for a tag open elsewhere in
 * its record) does not change it. The answer object itself carries this, from BehaviourRegistry.idTagInfo
 * through the handler context's authorize to the StartTransaction handler.
 */
export function fromTestRun(info: IdTagInfo): boolean {
  return runAnswers.has(info);
}

interface ChargerEntry {
  standing: BenchBehaviour;
  queue: QueuedAnswer[];
  refusedUntil: number;
  idTags?: IdTagTable;
}

export class BehaviourRegistry {
  private readonly entries = new Map<string, ChargerEntry>();

  constructor(
    private readonly clock: Clock,
    /** Told when what a charger's view shows changed (its standing behaviour, its refusal), whoever changed it. */
    private readonly onChange?: (view: BenchBehaviourView) => void,
  ) {}

  /** The standing behaviour and how long the charger is still refused, as the faces show it. */
  view(chargerId: string): BenchBehaviourView {
    const until = this.refusedUntil(chargerId);
    return { chargerId, behaviour: this.standing(chargerId), refusedUntil: until === null ? null : new Date(until).toISOString() };
  }

  /** Runs a change and tells of it when the view changed. */
  private changing(chargerId: string, change: () => void): void {
    const before = this.onChange && JSON.stringify(this.view(chargerId));
    change();
    if (this.onChange && JSON.stringify(this.view(chargerId)) !== before) this.onChange(this.view(chargerId));
  }

  private entry(chargerId: string): ChargerEntry {
    let e = this.entries.get(chargerId);
    if (!e) this.entries.set(chargerId, (e = { standing: {}, queue: [], refusedUntil: 0 }));
    return e;
  }

  standing(chargerId: string): BenchBehaviour {
    return this.entries.get(chargerId)?.standing ?? {};
  }

  setStanding(chargerId: string, behaviour: BenchBehaviour): void {
    this.changing(chargerId, () => (this.entry(chargerId).standing = behaviour));
  }

  /** Queues a one-shot answer for the next matching CALL. */
  queue(chargerId: string, answer: QueuedAnswer): void {
    this.entry(chargerId).queue.push(answer);
  }

  /** A test run answers idTags from its test data instead of the bench's list (null: back to the list). */
  setIdTags(chargerId: string, table: IdTagTable | null): void {
    if (table) this.entry(chargerId).idTags = table;
    else if (this.entries.has(chargerId)) delete this.entry(chargerId).idTags;
  }

  /** The run's answer for an idTag, when a run set a table (a copy, marked as the run's: see fromTestRun). */
  idTagInfo(chargerId: string, idTag: string): IdTagInfo | undefined {
    const table = this.entries.get(chargerId)?.idTags;
    if (!table) return undefined;
    const info = { ...(table.tags.get(idTag) ?? table.otherwise) };
    runAnswers.add(info);
    return info;
  }

  /** Drops the one-shot answers still queued (a step is over; they must not answer a later one). */
  dropQueued(chargerId: string, answer?: QueuedAnswer): void {
    const e = this.entries.get(chargerId);
    if (!e) return;
    e.queue = answer ? e.queue.filter((q) => q !== answer) : [];
  }

  /** Forgets the standing behaviour and the one-shot answers (a test case ends); a run's idTag table stays. */
  reset(chargerId: string): void {
    const e = this.entries.get(chargerId);
    if (!e) return;
    this.changing(chargerId, () => {
      e.standing = {};
      e.queue = [];
      e.refusedUntil = 0;
    });
  }

  /** Forgets every one-shot answer and the standing behaviour (a test case ends). */
  clear(chargerId: string): void {
    this.changing(chargerId, () => this.entries.delete(chargerId));
  }

  /** Refuses the charger's connections for `ms` from now (0: lets it in again). */
  refuseFor(chargerId: string, ms: number): void {
    this.changing(chargerId, () => (this.entry(chargerId).refusedUntil = this.clock.now() + ms));
  }

  /** Until when the charger is refused (epoch ms), or null. */
  refusedUntil(chargerId: string): number | null {
    const until = this.entries.get(chargerId)?.refusedUntil ?? 0;
    return until > this.clock.now() ? until : null;
  }

  /** For how many more seconds the charger is refused, or null. */
  refusedSeconds(chargerId: string): number | null {
    const until = this.refusedUntil(chargerId);
    return until === null ? null : Math.max(1, Math.ceil((until - this.clock.now()) / 1000));
  }

  /** What to do with one CALL: a queued one-shot answer first, else the standing behaviour for its action. */
  policyFor(chargerId: string, action: ChargePointAction, payload: Record<string, unknown>): AnswerPolicy | undefined {
    const e = this.entries.get(chargerId);
    if (!e) return undefined;
    const i = e.queue.findIndex((q) => q.action === action && (q.matches?.(payload) ?? true));
    if (i >= 0) return e.queue.splice(i, 1)[0].policy;
    const m = e.standing.actions?.[action];
    if (!m) return undefined;
    if (m.mode === 'withhold') return { withhold: true };
    if (m.mode === 'delay') return { delayMs: m.delaySeconds * 1000 };
    return { callError: { code: m.errorCode, description: `The bench answers ${action} with ${m.errorCode} on purpose (bench behaviour)` } };
  }
}

/** `base` with `patch` laid over it, objects merged key by key, everything else replaced. */
export function mergeAnswer<T>(base: T, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && b !== null && typeof b === 'object' && !Array.isArray(b) ? mergeAnswer(b, v as Record<string, unknown>) : v;
  }
  return out as T;
}
