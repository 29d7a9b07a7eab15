// What a test case script is written against: expect a message from the charger (with checks, within a
// time, answered as the case says), send an operation and check its answer, ask the operator, wait,
// configure. Every call is a step with its timing and the message ids of its frames; a broken
// expectation ends the case with a Fail at that step.
import type { Clock } from '../clock';
import type { AnswerPolicy, QueuedAnswer } from '../central-system/behaviour';
import type { BenchBehaviour } from '../../shared/api/bench-behaviour';
import { actions, type CentralSystemAction, type ChargePointAction, type IdTagInfo, type RequestOf } from '../../shared/ocpp16';
import type { ChargerCall } from './frames';
import { couldNotText, operatorText, OperatorCouldNot, OperatorSkipped, OperatorStopped, OperatorTimedOut, unjudgedStatus, type OperatorAction } from './operator';
import { noop, untilStopped, type CaseHost } from './host';
import { profileSource } from './pics';
import { silence } from './silence';
import { UNSOLICITED, outsideFailure, outsideText, toleratedOutside } from './outside-script';
import { Inconclusive, NotApplicable, RunStopped, StepFailure, type Measurement, type Observation, type Pics, type StepActor, type StepResult } from './types';
import type { TestData } from './test-data';

export type { BenchFiles, CaseHost } from './host';

type Payload = Record<string, unknown>;
/** A check on a payload: expected values by path ("idTagInfo.status"), or a function naming what is wrong. */
export type Checks = Record<string, unknown> | Array<(p: Payload) => string | null>;

export interface ExpectOptions {
  /** Which message of that action is meant (others of it are observations): values by path, or a predicate. */
  where?: Record<string, unknown> | ((p: Payload) => boolean);
  /** What must hold of it. */
  checks?: Checks;
  /** Seconds to wait (the run's default when left out). */
  within?: number;
  /** How the bench answers it (a one-shot answer). */
  answer?: AnswerPolicy;
  /** Words for the report, when the default does not say enough. */
  title?: string;
  /** In expectAll: taken when it comes before the others are complete, not waited for (a message the charger may or may not send). */
  optional?: boolean;
}

/** A message that must not come: an action, or an action with field values (or a predicate). */
export type Unwanted = ChargePointAction | { action: ChargePointAction; where: ExpectOptions['where'] };

export const get = (p: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Payload)[k] : undefined), p);

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
/** A value the charger sent, as it sent it (a string quoted): a time in it is left as written, not rewritten as the bench's. */
const asSent = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

function matches(p: Payload, where: ExpectOptions['where']): boolean {
  if (!where) return true;
  if (typeof where === 'function') return where(p);
  return Object.entries(where).every(([k, v]) => (Array.isArray(v) ? v.includes(get(p, k)) : get(p, k) === v));
}

function describeWhere(where: ExpectOptions['where']): string {
  if (!where || typeof where === 'function') return '';
  return ` (${Object.entries(where)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? `one of ${v.join(', ')}` : show(v)}`)
    .join(', ')})`;
}

/** The problems of a payload under checks; empty when they hold. */
export function problems(p: Payload, checks: Checks | undefined): string[] {
  if (!checks) return [];
  if (Array.isArray(checks)) return checks.map((c) => c(p)).filter((x): x is string => x !== null);
  const out: string[] = [];
  for (const [path, want] of Object.entries(checks)) {
    const got = get(p, path);
    if (Array.isArray(want) ? !want.includes(got) : got !== want) out.push(`${path} ${Array.isArray(want) ? `one of ${want.join(', ')}` : show(want)} (got ${asSent(got)})`);
  }
  return out;
}

/** Both sets of checks as one (either may be values by path or functions). */
export function allChecks(a: Checks | undefined, b: Checks | undefined): Checks {
  const fns = (c: Checks | undefined): Array<(p: Payload) => string | null> =>
    !c
      ? []
      : Array.isArray(c)
        ? c
        : Object.entries(c).map(
            ([k, v]) =>
              (p: Payload) =>
                problems(p, { [k]: v })[0] ?? null,
          );
  return !b ? (a ?? {}) : !a ? b : [...fns(a), ...fns(b)];
}

export class CaseContext {
  readonly steps: StepResult[] = [];
  readonly observations: Observation[] = [];
  readonly measurements: Measurement[] = [];
  /** What the case changed on the charger, so the end of the case can put it back. */
  readonly touched = {
    config: new Map<string, string | null>(),
    reservations: new Set<number>(),
    profiles: false,
    localList: false,
    availability: false,
    cache: false,
    /** The charger's AuthorizationKey was changed (security profile 1): the bench's password before and the key given. */
    password: null as { before: string; given: string } | null,
  };
  private failedStep: number | null = null;
  /** Connectors the case had the person plug a cable into and not unplug yet (the end of the case asks). */
  readonly plugged = new Set<number>();
  /** The last frame seen before the case began: the case's own frames come after it. */
  readonly firstSeq: number;
  /** The session the case measured (a commissioning's test session), kept with its result. */
  transactionId: number | null = null;
  /** The work of the last step begun; after a Stop it may still be on its way (an operation awaiting its answer). */
  private inflight: Promise<unknown> | null = null;

  /** Resolves once the last step's own work has ended (a Stop leaves it running), or after `ms` on the run's clock. */
  async stepSettled(ms: number): Promise<void> {
    const work = this.inflight;
    if (!work) return;
    let timer: { cancel(): void } | null = null;
    await Promise.race([work.then(noop, noop), new Promise<void>((resolve) => (timer = this.clock.after(ms, resolve)))]);
    (timer as { cancel(): void } | null)?.cancel();
  }

  constructor(
    readonly caseId: string,
    readonly host: CaseHost,
    readonly data: TestData,
    readonly pics: Pics,
    /** Told as each step begins (the faces show the current step). */
    private readonly onStep?: (step: StepResult, withinS?: number) => void,
  ) {
    this.firstSeq = host.frames.lastSeq;
  }

  get clock(): Clock {
    return this.host.clock;
  }

  get connectorId(): number {
    return this.data.connectorId;
  }

  get decidingStep(): number | null {
    return this.failedStep;
  }

  private iso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /**
   * Runs one step: its timing, its frames' message ids, and its outcome in the record of the case. With
   * `expected` (what the step waits for, as a failure words it; the title when left out), a step the run is
   * stopped during says what it expected.
   */
  async step<T>(by: StepActor, named: string | { title: string; expected: string; withinS?: number }, fn: (ids: string[]) => Promise<T>): Promise<T> {
    // Nothing more is done for a stopped run.
    if (this.host.signal?.aborted) throw new RunStopped('The run was stopped');
    const { title, expected, withinS } = typeof named === 'string' ? { title: named, expected: named, withinS: undefined } : named;
    const step: StepResult = { n: this.steps.length + 1, by, title, status: 'passed', startedAt: this.iso(), ms: 0, messageIds: [] };
    this.steps.push(step);
    this.onStep?.(step, withinS);
    const t0 = this.clock.now();
    try {
      const work = fn(step.messageIds);
      this.inflight = work;
      return await untilStopped(work, this.host.signal);
    } catch (e) {
      if (e instanceof RunStopped) {
        step.status = 'stopped';
        step.expected = expected;
        step.actual = 'the run was stopped during this step';
      } else if (e instanceof StepFailure) {
        step.status = 'failed';
        step.expected = e.expected;
        step.actual = e.actual;
      } else if (e instanceof Inconclusive || e instanceof NotApplicable) Object.assign(step, { status: unjudgedStatus(e) }, e instanceof Inconclusive && { expected, actual: e.message });
      else {
        step.status = 'error';
        step.actual = (e as Error).message;
      }
      this.failedStep ??= step.n;
      throw e;
    } finally {
      step.ms = this.clock.now() - t0;
    }
  }

  /** Records a value the step read or measured (ok: within what is wanted; null: for information). */
  measure(label: string, value: unknown, ok: boolean | null = null, wanted?: unknown): void {
    this.measurements.push({ label, value: value === null || value === undefined ? '—' : String(value), ok, ...(wanted !== undefined ? { wanted: String(wanted) } : {}) });
  }

  observe(text: string, messageId: string | null = null): void {
    this.observations.push({ at: this.iso(), text, messageId });
  }
  /** A note for whoever reads the result, in plain words (shown with it and in the report), not a protocol detail. */
  note(text: string, messageId: string | null = null): void {
    this.observations.push({ at: this.iso(), text, messageId, note: true });
  }

  /**
   * Takes the next message the charger sent, if it is the one wanted; messages that may come at any time
   * are observations; anything else ahead of it is out of order.
   */
  private take(wanted: Array<{ action: string; where?: ExpectOptions['where'] }>): { call: ChargerCall; index: number } | { outOfOrder: ChargerCall; failure?: StepFailure } | null {
    const { pending } = this.host.frames;
    while (pending.length > 0) {
      const call = pending[0]!;
      const index = wanted.findIndex((w) => w.action === call.action && matches(call.payload, w.where));
      pending.shift();
      if (index >= 0) return { call, index };
      // A BootNotification after a reboot the case caused is an observation in an OCTT case (outside-script.ts).
      const tolerated = toleratedOutside(this, call);
      if (!UNSOLICITED.has(call.action) && !tolerated) return { outOfOrder: call };
      // In an OCTT case a StatusNotification that contradicts the scenario fails; the rest are observations.
      const failure = tolerated ? null : outsideFailure(this, call);
      if (failure) return { outOfOrder: call, failure };
      this.observe(tolerated ?? outsideText(call), call.messageId);
    }
    return null;
  }

  private checkCall(call: ChargerCall, label: string, checks: Checks | undefined): void {
    if (call.invalid) throw new StepFailure(`${label} valid under the OCPP 1.6 schema`, `it broke it: ${call.invalid}`);
    const wrong = problems(call.payload, checks);
    if (wrong.length) throw new StepFailure(`${label} with ${wrong.map((w) => w.replace(/ \(got .*\)$/, '')).join(', ')}`, `it had ${wrong.map((w) => /\(got (.*)\)$/.exec(w)?.[1] ?? w).join(', ')}`);
  }

  /** Expects the charger to send `action` next (Heartbeats, MeterValues and other StatusNotifications aside). */
  async expect(action: ChargePointAction, opts: ExpectOptions = {}): Promise<ChargerCall> {
    const label = `${action}${describeWhere(opts.where)}`;
    const expected = `${label} within ${opts.within ?? this.data.chargerTimeoutS} s`;
    return this.step('charger', { title: opts.title ?? `Charger sends ${label}`, expected, withinS: opts.within ?? this.data.chargerTimeoutS }, async (ids) => {
      const [call] = await this.awaitCalls([{ action, ...opts }], opts.within, ids);
      this.checkCall(call!, action, opts.checks);
      return call!;
    });
  }

  /** Expects several messages in any order (the document's allowed reorderings); an optional one that did not come is undefined. */
  async expectAll(list: Array<{ action: ChargePointAction } & ExpectOptions>, title?: string): Promise<Array<ChargerCall | undefined>> {
    const label = list.map((w) => `${w.action}${describeWhere(w.where)}${w.optional ? ' (if sent)' : ''}`).join(' and ');
    const within = Math.max(...list.map((l) => l.within ?? 0)) || undefined;
    const expected = `${label} within ${within ?? this.data.chargerTimeoutS} s`;
    return this.step('charger', { title: title ?? `Charger sends ${label}, in either order`, expected, withinS: within ?? this.data.chargerTimeoutS }, async (ids) => {
      const calls = await this.awaitCalls(list, within, ids);
      calls.forEach((c, i) => c && this.checkCall(c, list[i]!.action, list[i]!.checks));
      return calls;
    });
  }

  /** Expects the first of several messages (where the document allows either next); returns the one that came. */
  async expectAny(list: Array<{ action: ChargePointAction } & ExpectOptions>, title?: string): Promise<ChargerCall> {
    const label = list.map((w) => `${w.action}${describeWhere(w.where)}`).join(' or ');
    const within = Math.max(...list.map((l) => l.within ?? 0)) || this.data.chargerTimeoutS;
    return this.step('charger', { title: title ?? `Charger sends ${label}`, expected: `${label} within ${within} s`, withinS: within }, async (ids) => {
      const got = await this.waitFor(within * 1000, () => this.take(list));
      if (!got) throw new StepFailure(`${label} within ${within} s`, this.host.frames.connected ? 'nothing came' : 'nothing came (the charger is not connected)');
      if ('outOfOrder' in got) {
        ids.push(got.outOfOrder.messageId);
        throw got.failure ?? new StepFailure(`${label} next`, `the charger sent ${got.outOfOrder.action} ${show(got.outOfOrder.payload)} first`);
      }
      ids.push(got.call.messageId);
      this.checkCall(got.call, got.call.action, list[got.index]!.checks);
      return got.call;
    });
  }

  private async awaitCalls(list: Array<{ action: string } & ExpectOptions>, within: number | undefined, ids: string[]): Promise<Array<ChargerCall | undefined>> {
    const queued: QueuedAnswer[] = [];
    for (const w of list)
      if (w.answer) {
        const q: QueuedAnswer = { action: w.action as ChargePointAction, matches: (p) => matches(p, w.where), policy: w.answer };
        this.host.behaviours.queue(this.host.chargerId, q);
        queued.push(q);
      }
    const found: Array<ChargerCall | undefined> = list.map(() => undefined);
    const left = () => list.map((w, i) => (found[i] ? null : { ...w, i })).filter((x) => x !== null);
    const timeoutMs = (within ?? this.data.chargerTimeoutS) * 1000;
    try {
      while (left().some((w) => !w.optional)) {
        const open = left();
        const got = await this.waitFor(timeoutMs, () => this.take(open));
        if (!got) {
          const missing = open
            .filter((w) => !w.optional)
            .map((w) => `${w.action}${describeWhere(w.where)}`)
            .join(' and ');
          throw new StepFailure(`${missing} within ${timeoutMs / 1000} s`, this.host.frames.connected ? 'nothing came' : 'nothing came (the charger is not connected)');
        }
        if ('outOfOrder' in got) {
          ids.push(got.outOfOrder.messageId);
          if (got.failure) throw got.failure;
          throw new StepFailure(`${open.map((w) => `${w.action}${describeWhere(w.where)}`).join(' and ')} next`, `the charger sent ${got.outOfOrder.action} ${show(got.outOfOrder.payload)} first`);
        }
        found[open[got.index]!.i] = got.call;
        ids.push(got.call.messageId);
      }
      // An optional message sent right after the others (behind only messages that may come at any time) is taken too.
      if (left().length > 0) {
        await this.host.frames.settle();
        const { pending } = this.host.frames;
        for (let k = 0; k < pending.length; k++) {
          const call = pending[k]!;
          const w = left().find((o) => o.action === call.action && matches(call.payload, o.where));
          if (w) {
            pending.splice(k--, 1);
            found[w.i] = call;
            ids.push(call.messageId);
          } else if (!UNSOLICITED.has(call.action)) break;
        }
      }
      // The step includes the bench's answer: wait until it went (unless the case withholds it).
      for (const [i, call] of found.entries()) {
        const policy = list[i]!.answer;
        if (policy?.withhold || !call) continue;
        await this.waitFor((policy?.delayMs ?? 0) + 10_000, () => this.host.frames.frames.some((f) => f.direction === 'out' && f.kind !== 'CALL' && f.messageId === call!.messageId) || null);
      }
      return found;
    } finally {
      for (const q of queued) this.host.behaviours.dropQueued(this.host.chargerId, q);
    }
  }

  /** Expects the charger to send none of these (an action, or an action with `where`; `where` also for bare actions) for `seconds` (e.g. no StartTransaction after an invalid card); Inconclusive when the charger was offline for some of it (silence.ts). */
  async expectNone(unwanted: Unwanted[], seconds: number, title?: string, where?: ExpectOptions['where']): Promise<void> {
    const list = unwanted.map((u) => (typeof u === 'string' ? { action: u, where } : u));
    const what = list.map((u) => `${u.action}${describeWhere(u.where)}`).join(' or ');
    const unwantedCall = (c: ChargerCall) => list.some((u) => u.action === c.action && matches(c.payload, u.where));
    await this.step('charger', { title: title ?? `Charger sends no ${what} for ${seconds} s`, expected: `no ${what} for ${seconds} s` }, (ids) =>
      silence(this, seconds, unwantedCall, ids, `no ${what} for ${seconds} s`),
    );
  }

  /** Takes messages the document allows but does not script (e.g. an Authorize it leaves open) out of the queue, as observations. */
  tolerate(action: ChargePointAction, where: ExpectOptions['where'], why: string): void {
    const { pending } = this.host.frames;
    for (let k = 0; k < pending.length; k++) {
      const call = pending[k]!;
      if (call.action !== action || !matches(call.payload, where)) continue;
      pending.splice(k--, 1);
      this.observe(`${action} ${show(call.payload)}: ${why}`, call.messageId);
    }
  }

  /** Sends an operation as the tool and checks its answer. */
  async send<A extends CentralSystemAction>(
    action: A,
    payload: RequestOf<A>,
    opts: {
      checks?: Checks;
      title?: string;
      within?: number;
      /** CALLERROR codes that count as an answer ('any': every code); the answer is then { callError: code }. */ callErrors?: string[] | 'any';
    } = {},
  ): Promise<Payload> {
    const what =
      (opts.checks && !Array.isArray(opts.checks)
        ? ` expecting ${Object.entries(opts.checks)
            .map(([k, v]) => `${k} ${Array.isArray(v) ? `one of ${v.join(', ')}` : show(v)}`)
            .join(', ')}`
        : '') + (opts.callErrors === 'any' ? ', or any CALLERROR' : opts.callErrors?.length ? `, or a CALLERROR ${opts.callErrors.join(' or ')}` : '');
    const expected = `an answer to ${action}${what} within ${opts.within ?? this.data.chargerTimeoutS} s`;
    return this.step('tool', { title: opts.title ?? `Bench sends ${action}${what}`, expected, withinS: opts.within ?? this.data.chargerTimeoutS }, async (ids) => {
      const before = this.host.frames.lastSeq;
      const result = await this.host.operate(action, payload, (opts.within ?? this.data.chargerTimeoutS) * 1000);
      const sent = this.host.frames.since(before).find((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === action);
      if (sent?.messageId) ids.push(sent.messageId);
      if (result.outcome === 'callError' && (opts.callErrors === 'any' || opts.callErrors?.includes(result.error.code))) return { callError: result.error.code };
      if (result.outcome === 'callError') this.contradicts(action, `CALLERROR ${result.error.code}`, result.error.code, sent?.messageId ?? null);
      if (result.outcome !== 'completed')
        throw new StepFailure(
          `an answer to ${action}`,
          `${result.outcome === 'callError' ? `a CALLERROR ${result.error.code}` : result.outcome === 'invalidResponse' ? 'an answer that broke the schema' : result.outcome === 'timeout' ? 'no answer' : result.sent ? 'no answer: the connection dropped after it was sent' : 'the charger was not connected'}${'error' in result && result.error?.description ? `: ${result.error.description}` : ''}`,
        );
      const response = result.response as Payload;
      const wrong = problems(response, opts.checks);
      if (wrong.length) this.contradicts(action, `status ${asSent(response.status)}`, response.status, sent?.messageId ?? null);
      if (wrong.length) throw new StepFailure(`${action} answered with ${wrong.map((w) => w.replace(/ \(got .*\)$/, '')).join(', ')}`, `it answered ${show(response)}`);
      return response;
    });
  }

  /**
   * A refusal as not implemented or not supported (`code`), where the case wanted another answer, of an
   * operation the charger declares it has: its feature profile, named with where the run's profiles came
   * from (profileSource), or for UnlockConnector a socket with a lock. Flagged beside the verdict.
   */
  private contradicts(action: CentralSystemAction, answer: string, code: unknown, messageId: string | null): void {
    if (code !== 'NotImplemented' && code !== 'NotSupported') return;
    const profile = actions[action].profile;
    const declared =
      action === 'UnlockConnector'
        ? this.pics.connectorLock && !this.pics.fixedCable && 'a socket with a lock'
        : (this.pics.profiles as string[]).includes(profile) && `the ${profile} profile (${profileSource(this.pics)})`;
    if (declared) this.observe(`Declared capability contradicted: ${action} answered ${answer} although the charger declares ${declared}`, messageId);
  }

  /** Asks the operator (or the virtual charger's hands) to do something; a skip makes the case Inconclusive. */
  async operator(action: OperatorAction): Promise<void> {
    const text = operatorText(action);
    const expected = `the person at the charger to do it within ${this.data.operatorTimeoutS} s`;
    await this.step('operator', { title: text.replace(/,? then press Done\.$/, '.'), expected, withinS: this.data.operatorTimeoutS }, async () => {
      const answer = await this.host.operator.perform({ caseId: this.caseId, step: this.steps.length, action, text, timeoutS: this.data.operatorTimeoutS });
      // What the action makes the charger send gets a moment of real time before fake time moves on.
      this.host.frames.holdFor(150);
      if (answer === 'done' && (action.kind === 'plug' || action.kind === 'plugHalfway')) this.plugged.add(action.connectorId);
      if (answer === 'done' && action.kind === 'unplug') this.plugged.delete(action.connectorId);
      if (answer === 'done') return;
      // "Cannot do" is its own outcome, saying what could not be done (without the instruction's "then press Done").
      if (answer === 'cannot') throw new OperatorCouldNot(couldNotText(action));
      if (answer === 'skip') throw new OperatorSkipped(`The operator skipped: ${text}`);
      if (answer === 'timeout') throw new OperatorTimedOut(`Nobody acted within ${this.data.operatorTimeoutS} s: ${text}`);
      throw new OperatorStopped(`The run was stopped while it waited for the person at the charger: ${text}`);
    });
  }

  /** When the bench last recorded a Heartbeat from the charger (ISO time), or null. */
  lastHeartbeat(): string | null {
    return this.host.lastHeartbeat();
  }

  /** Waits on the run's clock. */
  async wait(seconds: number, why: string): Promise<void> {
    const title = `Wait ${seconds} s: ${why}`;
    await this.step('bench', { title, expected: title, withinS: seconds }, () => this.waitFor(seconds * 1000, () => null).then(() => undefined));
  }

  /** Resolves when `ready()` returns something, or with null after `ms` on the run's clock, or at once when the run is stopped. */
  waitFor<T>(ms: number, ready: () => T | null | undefined): Promise<T | null> {
    return this.host.frames.waitFor(this.clock, ms, ready, this.host.signal);
  }

  /** How the bench answers these idTags for the rest of the case (e.g. a shared parentIdTag). */
  answerIdTags(overrides: Record<string, IdTagInfo>): void {
    this.host.idTagAnswers(overrides);
  }

  /** The bench's standing behaviour toward the charger for the rest of the case. */
  behave(behaviour: BenchBehaviour): void {
    this.host.behaviours.setStanding(this.host.chargerId, behaviour);
  }

  /** Sets a configuration key (ChangeConfiguration, Accepted or RebootRequired), to be put back after the case. */
  async configure(key: string, value: string): Promise<void> {
    if (!this.touched.config.has(key)) this.touched.config.set(key, this.pics.config[key] ?? null);
    await this.send('ChangeConfiguration', { key, value }, { checks: { status: ['Accepted', 'RebootRequired'] }, title: `Bench sets ${key} to ${value}` });
    this.pics.config[key] = value;
  }

  /** Sets a key only where the charger has it ("if implemented"). */
  async configureIfPresent(key: string, value: string): Promise<void> {
    if (key in this.pics.config && this.pics.config[key] !== value) await this.configure(key, value);
  }

  /** Waits for the charger to be connected (after a reboot, a drop). */
  async connected(within?: number): Promise<void> {
    const s = within ?? this.data.chargerTimeoutS;
    await this.step('charger', { title: 'Charger connects', expected: `the charger to connect within ${s} s`, withinS: s }, async () => {
      const ok = await this.waitFor(s * 1000, () => this.host.frames.connected || null);
      if (!ok) throw new StepFailure(`the charger to connect within ${s} s`, 'it did not');
    });
  }

  /** The bench drops the charger and refuses it for `seconds`: the central system is unreachable. */
  async goOffline(seconds: number): Promise<void> {
    await this.step('bench', `Bench drops the connection and refuses the charger for ${seconds} s`, async () => {
      this.host.goOffline(seconds);
      await this.waitFor(5000, () => !this.host.frames.connected || null);
    });
  }

  /** The bench lets the charger connect again after goOffline (connectivity restored). */
  async backOnline(): Promise<void> {
    await this.step('bench', 'Bench lets the charger connect again', async () => {
      this.host.behaviours.refuseFor(this.host.chargerId, 0);
    });
  }

  /** Checks the script makes on what it has gathered, as a step of their own (so a failure names it). */
  async verify(title: string, fn: () => void): Promise<void> {
    await this.step('bench', title, async () => fn());
  }

  /** A check the script makes itself. */
  check(ok: boolean, expected: string, actual: string): void {
    if (!ok) throw new StepFailure(expected, actual);
  }

  notApplicable(reason: string): never {
    throw new NotApplicable(reason);
  }

  /** The id of the transaction running on a connector, as the bench saw it start. */
  transactionOn(connectorId = this.connectorId): number | null {
    return this.host.openTransactions().find((t) => t.connectorId === connectorId)?.transactionId ?? null;
  }
}
