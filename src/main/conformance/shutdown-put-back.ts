// A run the bench's shutdown cut short before the charger was put back. Bench.stop stops every run and gives
// them a bounded moment (RUNS_STOP_MS) to put the charger back and record their end: the put-back is
// attempted as after a Stop. A run still going when that runs out is recorded as stopped by the shutdown, its
// put-back "not put back" with what the run left: the configuration keys it changed and did not set back, as
// the charger's answers to the run's own ChangeConfiguration said (ConfigLeft hears the run's calls, not the
// frames: a person's call from Operations during the run is not the run's, and the frames' AuthorizationKey
// is redacted). A run cut short after the charger was put back, while it read the configuration at its end,
// is put back; the configuration read at its end is what it did not do.
import type { Bench } from '../core/bench';
import type { OperationResult } from '../../shared/api/views';
import type { RunStop } from '../../shared/api/run-stop';
import { SECRET_KEYS } from '../../shared/ocpp16';
import type { StopAsked, StopTook } from './run-stop';

/** How long the bench's shutdown waits at most for its runs to put their charger back and record their end. */
export const RUNS_STOP_MS = 5000;

/** What the run knows of one key: the value it read first (before changing it), the last value the charger accepted, the changes it sent that are unanswered, or whose answer never came (maybe taken). */
interface Key {
  before?: string | null;
  now?: string;
  inFlight: Array<{ value: string }>;
  unsure?: string;
  /** When the run first sent a change of it (keys are listed in that order). */
  first?: number;
}

/** The configuration keys a run changed on its charger, from its own calls and the charger's answers to them. */
export class ConfigLeft {
  private readonly keys = new Map<string, Key>();
  private reads = 0;
  private changes = 0;

  /** `secretBefore`: the bench's password for the charger when the run began (its AuthorizationKey, security profile 1), compared, never shown. */
  constructor(secretBefore: string | null = null) {
    if (secretBefore !== null) for (const k of SECRET_KEYS) this.keys.set(k, { before: secretBefore, inFlight: [] });
  }

  private key(key: string): Key {
    let k = this.keys.get(key);
    if (!k) this.keys.set(key, (k = { inFlight: [] }));
    return k;
  }

  /** The run sends `action` (only the run's calls are told); what it returns is told its outcome (or what it threw). */
  call(action: string, payload: unknown): (r: OperationResult | Error) => void {
    if (action === 'GetConfiguration') {
      this.reads++;
      return (r) => {
        this.reads--;
        if (r instanceof Error || r.outcome !== 'completed') return;
        const read = (r.response as { configurationKey?: Array<{ key?: unknown; value?: unknown }> }).configurationKey ?? [];
        // The value a key had before the run changed it: the first read of it, never one read after a change (a secret's reads are redacted).
        for (const c of read) {
          if (typeof c.key !== 'string' || SECRET_KEYS.has(c.key)) continue;
          const k = this.key(c.key);
          if (!('before' in k) && k.now === undefined && !k.inFlight.length && k.unsure === undefined) k.before = typeof c.value === 'string' ? c.value : null;
        }
      };
    }
    if (action !== 'ChangeConfiguration') return () => undefined;
    const p = payload as { key?: unknown; value?: unknown };
    const k = this.key(String(p.key));
    const sent = { value: String(p.value) };
    k.first ??= this.changes++;
    k.inFlight.push(sent);
    return (r) => {
      k.inFlight.splice(k.inFlight.indexOf(sent), 1);
      if (r instanceof Error) return; // not sent
      const status = r.outcome === 'completed' ? (r.response as { status?: unknown }).status : undefined;
      if (status === 'Accepted' || status === 'RebootRequired') [k.now, k.unsure] = [sent.value, undefined];
      else if (r.outcome === 'timeout' || r.outcome === 'invalidResponse' || (r.outcome === 'offline' && r.sent)) k.unsure = sent.value;
    };
  }

  /** A ChangeConfiguration of the run's is unanswered (it may be putting a key back right now). */
  changing(): boolean {
    return [...this.keys.values()].some((k) => k.inFlight.length > 0);
  }

  /** A GetConfiguration of the run's is unanswered. */
  reading(): boolean {
    return this.reads > 0;
  }

  /**
   * The keys still as the run set them: "MinimumStatusDuration (left at 0; it was 5)"; one whose change (or put-back)
   * the charger had not answered, as maybe so: "MinimumStatusDuration (maybe put back to 5: the charger had not answered)".
   * A secret is named, its value never shown.
   */
  left(): string[] {
    const out: string[] = [];
    const changed = [...this.keys].filter(([, k]) => k.first !== undefined).sort(([, a], [, b]) => a.first! - b.first!);
    for (const [key, k] of changed) {
      const secret = SECRET_KEYS.has(key);
      const known = k.before !== undefined;
      const maybe = k.inFlight.at(-1)?.value ?? k.unsure;
      const why = k.inFlight.length ? 'the charger had not answered' : "the charger's answer never came";
      const was = known ? `it was ${k.before ?? 'unset'}` : 'its value before the run is not known';
      if (maybe !== undefined) {
        const changed = k.now !== undefined && k.now !== k.before;
        if (known && maybe === k.before) {
          // A put-back unanswered: of a key the run changed (or may have: an earlier change's answer never came).
          if (changed || (k.unsure !== undefined && k.unsure !== k.before)) out.push(secret ? `${key} (maybe put back: ${why})` : `${key} (maybe put back to ${maybe}: ${why})`);
        } else out.push(secret ? `${key} (maybe changed: ${why})` : `${key} (maybe left at ${maybe}: ${why}; ${was})`);
      } else if (k.now !== undefined && k.now !== k.before)
        out.push(secret ? `${key} (changed by the run${known ? '' : '; whether it was put back is not known'})` : `${key} (left at ${k.now}; ${was})`);
    }
    return out;
  }
}

/** "the bench shut down before the charger was put back (it waits at most 5 s for that); configuration keys still as the run set them: …". */
export function notPutBackAtShutdown(withinMs: number, left: string[]): string {
  const keys = left.length ? `configuration keys still as the run set them: ${left.join(', ')}` : 'no configuration key the run changed was left changed';
  return `the bench shut down before the charger was put back (it waits at most ${withinMs / 1000} s for that); ${keys}`;
}

/** Why the configuration was not read at the end of a run cut short after the charger was put back. */
export const readCutShort = (withinMs: number): string => `the bench shut down while the run read it, after the charger was put back (it waits at most ${withinMs / 1000} s for its runs to end)`;

/** What a run was doing when the shutdown's wait ran out on it. */
export interface CutState {
  asked?: StopAsked;
  took: StopTook;
  /** The case (step) the charger was to be put back after: the one in progress, or the last that ran (null: none). */
  after: string | null;
  /** Its cases (steps) had ended: it was doing what comes after them (putting MinimumStatusDuration back, reading the configuration). */
  afterCases: boolean;
}

/**
 * The stop of a run the shutdown's wait ran out on: after its cases with nothing of its own unanswered but the
 * configuration read and no key left changed, put back (`readCut`: the read it did not finish); before any case
 * with no key left changed, nothing to put back; otherwise not put back, saying why and the keys left.
 */
export function cutShortStop(withinMs: number, s: CutState, config: ConfigLeft): { stop: RunStop; readCut: boolean } {
  const keys = config.left();
  const putBack = !keys.length && (s.after === null || (s.afterCases && !config.changing()));
  const stop: RunStop = {
    by: s.asked?.by ?? 'shutdown',
    ...(s.asked?.signal && { signal: s.asked.signal }),
    requestedAt: s.asked?.requestedAt ?? s.took.at,
    at: s.took.at,
    caseId: s.took.caseId,
    step: s.took.step,
    putBack: { after: s.after, problems: putBack ? [] : [notPutBackAtShutdown(withinMs, keys)] },
  };
  return { stop, readCut: putBack && s.afterCases && config.reading() };
}

/** What the shutdown's wait running out on a run recorded: how long it waited, and what the charger was to be put back after. */
export interface CutShort {
  withinMs: number;
  after: string | null;
}

/**
 * A stop the run recorded itself after the shutdown's wait ran out on it (before the record closed): put back
 * only when nothing was left undone and no key left changed (`left`, now); else not put back, the shutdown's
 * words first (the charger was gone by then: "nothing to put back" from a run that broke off is not believed).
 */
export function withShutDownWords(stop: RunStop, late: CutShort | undefined, left: string[]): RunStop {
  if (!late || (!left.length && !stop.putBack.problems.length)) return stop;
  const words = notPutBackAtShutdown(late.withinMs, left);
  return { ...stop, putBack: { after: stop.putBack.after ?? late.after, problems: [words, ...stop.putBack.problems.filter((p) => p !== words)] } };
}

/** The bench's password for a charger now (its AuthorizationKey, security profile 1); null: none, or unreadable. */
export function benchPassword(bench: Pick<Bench, 'centralSystem'>, chargerId: string): string | null {
  const p = bench.centralSystem.registry.passwordOf(chargerId);
  return p === 'unreadable' ? null : (p ?? null);
}

/** Told a call a run sends (action, payload as sent); what it returns is told its outcome, or what it threw. */
export type CallWatch = (action: string, payload: unknown) => (outcome: OperationResult | Error) => void;

/** `sent`, its outcome (or what it threw) told to `tell` first. */
export function tellOutcome<T extends OperationResult>(sent: Promise<T>, tell?: (outcome: OperationResult | Error) => void): Promise<T> {
  if (!tell) return sent;
  return sent.then(
    (r) => (tell(r), r),
    (e: Error) => {
      tell(e);
      throw e;
    },
  );
}
