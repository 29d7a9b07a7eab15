// The virtual charger misbehaving on purpose, in general ways a test case exists to catch: it does not
// send a message it should, sends it with a field changed, sends two messages in the wrong order, or
// answers a central-system CALL differently, or sends a message it should not. Each rule applies to the
// messages it matches, after the first `skip` of them, `times` times (every time when left out). The
// conformance suite's failing-twin tests use it.
import { OcppError, type OcppErrorCode } from '../../shared/ocpp16';

type Payload = Record<string, unknown>;

/** Which messages a rule applies to: an action and, optionally, field values (by path); the first `skip` matches are let be. */
export interface MessageMatch {
  action: string;
  where?: Record<string, unknown>;
  skip?: number;
}

export type Misbehaviour =
  | ({ kind: 'drop'; times?: number } & MessageMatch)
  | ({ kind: 'patch'; patch: Payload; times?: number } & MessageMatch)
  /** Holds the matched message back until the next message the charger sends has gone. */
  | ({ kind: 'holdBack'; times?: number } & MessageMatch)
  /** Sends another message (and waits for its answer) just before the matched one: a message it should not send. */
  | ({ kind: 'insert'; send: { action: string; payload: Payload }; times?: number } & MessageMatch)
  /** Answers a central-system CALL with these fields laid over the real answer, or with a CALLERROR. */
  | ({ kind: 'answer'; patch?: Payload; callError?: OcppErrorCode; times?: number } & MessageMatch);

/** What becomes of a message the charger is about to send. */
export type Fate = { drop: true } | { payload: Payload; holdBack: boolean; before?: { action: string; payload: Payload } };

const get = (p: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Payload)[k] : undefined), p);

function matches(m: MessageMatch, action: string, payload: Payload): boolean {
  return m.action === action && Object.entries(m.where ?? {}).every(([k, v]) => get(payload, k) === v);
}

/** `base` with `patch` over it; a null in the patch removes the field. */
function lay(base: Payload, patch: Payload): Payload {
  const out: Payload = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object') out[k] = lay(out[k] as Payload, v as Payload);
    else out[k] = v;
  }
  return out;
}

export class Misbehaviours {
  private rules: Array<Misbehaviour & { left: number; skipping: number }> = [];

  set(rules: Misbehaviour[]): void {
    this.rules = rules.map((r) => ({ ...r, left: r.times ?? Infinity, skipping: r.skip ?? 0 }));
  }

  get active(): Misbehaviour[] {
    return this.rules.filter((r) => r.left > 0);
  }

  private take(kinds: Misbehaviour['kind'][], action: string, payload: Payload): (Misbehaviour & { left: number }) | undefined {
    const candidates = this.rules.filter((r) => r.left > 0 && kinds.includes(r.kind) && matches(r, action, payload));
    // The first rule past its skips applies; every matching rule still skipping counts the message.
    const rule = candidates.find((r) => r.skipping === 0);
    for (const r of candidates) if (r.skipping > 0) r.skipping--;
    if (rule) rule.left--;
    return rule;
  }

  /** What becomes of a message the charger is about to send: dropped, changed, held back, preceded by another, or as it is. */
  outgoing(action: string, payload: Payload): Fate {
    const rule = this.take(['drop', 'patch', 'holdBack', 'insert'], action, payload);
    if (!rule) return { payload, holdBack: false };
    if (rule.kind === 'drop') return { drop: true };
    if (rule.kind === 'patch') return { payload: lay(payload, rule.patch), holdBack: false };
    if (rule.kind === 'insert') return { payload, holdBack: false, before: rule.send };
    return { payload, holdBack: true };
  }

  /**
   * The charger's answer to a central-system CALL, changed where a rule says; `response` null: a CALL it does
   * not implement, answered only when a rule gives the answer (null otherwise).
   */
  answer(action: string, request: Payload, response: Payload): Payload;
  answer(action: string, request: Payload, response: Payload | null): Payload | null;
  answer(action: string, request: Payload, response: Payload | null): Payload | null {
    const rule = this.take(['answer'], action, request);
    if (!rule || rule.kind !== 'answer') return response;
    if (rule.callError) throw new OcppError(rule.callError, `The virtual charger answers ${action} with ${rule.callError} on purpose`);
    return lay(response ?? {}, rule.patch ?? {});
  }
}
