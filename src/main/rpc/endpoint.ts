// One side of an OCPP-J connection: CALL/CALLRESULT/CALLERROR correlation, one outstanding CALL per
// direction with a queue behind it, call timeouts, inbound validation mapped to the spec's CALLERROR
// codes, and a record of every frame. Shared by the central system and the virtual charge point.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { systemClock, type Clock, type Timer } from '../clock';
import {
  actions,
  errorCodes,
  errorForIssues,
  excerpt,
  isAction,
  MAX_NESTING,
  nestsDeeperThan,
  textNestsDeeperThan,
  OcppError,
  parseFrame,
  type Action,
  type FrameKind,
  type JsonObject,
  type OcppErrorInfo,
  type RequestOf,
  type ResponseOf,
} from '../../shared/ocpp16';

export type Direction = 'in' | 'out';

/** One frame as it went over the wire, with what the endpoint made of it. */
export interface FrameRecord {
  direction: Direction;
  /** INVALID: a frame that could not be understood (bad JSON, wrong shape, binary). */
  kind: FrameKind | 'INVALID';
  messageId: string | null;
  action: string | null;
  raw: string;
  /** Why the frame (or the payload it carries) is in violation, if it is. */
  error: string | null;
}

export type CallOutcome<A extends Action = Action> =
  | { outcome: 'completed'; response: ResponseOf<A> }
  /** `violation`: the answer breaks OCPP-J (an error code 1.6 does not define); said beside the charger's own code and words. */
  | { outcome: 'callError'; error: { code: string; description: string; details: JsonObject; violation?: string } }
  /** The peer answered with a CALLRESULT that breaks the schema of the action. */
  | { outcome: 'invalidResponse'; response: unknown; error: OcppErrorInfo }
  /** `sent` false: the CALL never went out (a virtual charger not sending it on purpose), so the peer cannot have acted on it. */
  | { outcome: 'timeout'; error: { description: string }; sent?: false }
  /**
   * No answer will come: the connection is gone. `sent`: the CALL went out before it dropped, so the peer
   * may have acted on it (the outcome is unknown); without it, nothing was sent.
   */
  | { outcome: 'offline'; error: { description: string }; sent?: true };

/** How one call is made. */
export interface CallOptions {
  timeoutMs?: number;
  /** Called once, when the CALL is handed to the wire (not when it is queued behind another call). */
  onSent?: (messageId: string) => void;
}

export type Handler<A extends Action = Action> = (payload: RequestOf<A>, messageId: string) => ResponseOf<A> | Promise<ResponseOf<A>>;
export type HandlerMap = { [A in Action]?: Handler<A> };

export interface EndpointIo {
  /** Called for every frame received, before it is acted on. */
  received(record: FrameRecord): void;
  /** Must put `text` on the wire (possibly after the record is durable), then call `sent` if given. */
  transmit(text: string, record: FrameRecord, sent?: () => void): void;
}

export interface EndpointOptions {
  /** The actions this side answers: 'CS' answers charge-point actions, 'CP' central-system actions. */
  role: 'CS' | 'CP';
  handlers: HandlerMap;
  io: EndpointIo;
  callTimeoutMs?: number;
  /** Check our own CALLRESULTs against the schema before sending (guards handler bugs). */
  validateResults?: boolean;
  newMessageId?: () => string;
  /** Call timeouts run on this clock (tests and conformance runs use a fake one). */
  clock?: Clock;
}

/** Thrown by `call` before anything is sent when the payload breaks the action's schema. */
export class PayloadError extends Error {
  constructor(readonly info: OcppErrorInfo) {
    super(info.description);
    this.name = 'PayloadError';
  }
  get field(): string {
    return String(this.info.details?.field ?? '');
  }
}

interface PendingCall {
  action: Action;
  payload: JsonObject;
  messageId: string;
  resolve: (outcome: CallOutcome) => void;
  timeoutMs: number;
  onSent?: (messageId: string) => void;
  /** The CALL was handed to the wire: a connection that drops now leaves its outcome unknown. */
  sent: boolean;
  timer?: Timer;
}

/**
 * The ids of the CALLs being handled. OCPP allows a peer one CALL at a time, so there is almost always
 * one: it is held in a field, and a Set is made only for more. (A long-lived Set reallocates its table
 * each time it empties and fills again, in V8's old space: 0.45 µs per call, against 0.01 for the
 * field, in a microbenchmark of 500 endpoints.)
 */
class CallIds {
  private one: string | null = null;
  private more: Set<string> | null = null;

  has(id: string): boolean {
    return id === this.one || (this.more !== null && this.more.has(id));
  }

  add(id: string): void {
    if (this.one === null) this.one = id;
    else (this.more ??= new Set()).add(id);
  }

  delete(id: string): void {
    if (id === this.one) this.one = null;
    else this.more?.delete(id);
  }
}

export class RpcEndpoint {
  private readonly inbound: 'CP' | 'CS';
  private readonly handling = new CallIds();
  private readonly queue: PendingCall[] = [];
  private current: PendingCall | null = null;
  private closedReason: string | null = null;
  private readonly callTimeoutMs: number;
  private readonly newMessageId: () => string;

  constructor(private readonly options: EndpointOptions) {
    // The central system answers what the charge point initiates, and the other way round.
    this.inbound = options.role === 'CS' ? 'CP' : 'CS';
    this.callTimeoutMs = options.callTimeoutMs ?? 30_000;
    this.newMessageId = options.newMessageId ?? randomUUID;
  }

  /** Number of calls waiting behind the outstanding one. */
  get queuedCalls(): number {
    return this.queue.length;
  }

  /**
   * Sends a CALL and resolves with what happened. Throws PayloadError (nothing sent) when the payload
   * breaks the schema of the action. Calls made while another is outstanding wait their turn; `onSent`
   * says when this one goes out.
   */
  call<A extends Action>(action: A, payload: RequestOf<A>, opts: CallOptions = {}): Promise<CallOutcome<A>> {
    const def = actions[action];
    const checked = def.request.safeParse(payload);
    if (!checked.success) throw new PayloadError(errorForIssues(checked.error.issues, payload));
    if (this.closedReason !== null) return Promise.resolve({ outcome: 'offline', error: { description: this.closedReason } });
    return new Promise<CallOutcome<A>>((resolve) => {
      this.queue.push({
        action,
        payload: payload as JsonObject,
        messageId: '',
        resolve: resolve as (o: CallOutcome) => void,
        timeoutMs: opts.timeoutMs ?? this.callTimeoutMs,
        onSent: opts.onSent,
        sent: false,
      });
      this.pump();
    });
  }

  /**
   * Feeds one frame received from the peer. Never throws: whatever goes wrong with one frame (ours or the
   * peer's) is recorded with the frame and, for a CALL whose id can be read, answered with a CALLERROR,
   * so no frame can end the connection or the process.
   */
  receive(data: string | Buffer, isBinary = false): void {
    const text = typeof data === 'string' ? data : data.toString('utf8');
    try {
      this.receiveText(text, isBinary);
    } catch (e) {
      const messageId = readableCallId(text);
      const description = `Handling this frame failed inside the bench (${(e as Error)?.message ?? String(e)}); the frame is recorded`;
      try {
        this.options.io.received({ direction: 'in', kind: 'INVALID', messageId, action: null, raw: clip(text), error: `InternalError: ${description}` });
        if (messageId !== null) this.sendError(messageId, { code: 'InternalError', description }, null);
      } catch {
        // Recording failed too: the frame is dropped, the connection and the process live on.
      }
    }
  }

  private receiveText(text: string, isBinary: boolean): void {
    const parsed = parseFrame(text);
    const answers = this.current !== null && parsed.kind !== 'CALL' && this.answersCurrent(text, parsed.messageId);
    // A broken answer to the outstanding call whose id can be read (or whose text begins as its answer,
    // `[3,"<id>"` or `[4,"<id>"`) is recorded under the call's id and action, as its answer would be.
    const owner = answers && (parsed.messageId != null || beginsAnswerTo(text, this.current!.messageId)) ? this.current : null;
    if (isBinary) {
      const messageId = parsed.ok ? parsed.messageId : (parsed.messageId ?? owner?.messageId ?? null);
      const action = parsed.ok && parsed.kind === 'CALL' ? parsed.action : (owner?.action ?? null);
      const error = 'OCPP-J frames must be WebSocket text frames; got a binary frame';
      this.options.io.received({ direction: 'in', kind: 'INVALID', messageId, action, raw: clip(text), error: `FormationViolation: ${error}` });
      // Answered under the frame's own id (-1 when none can be read), as the text path does: never under the
      // bench's own call id, which would answer an answer with an id the charger never sent.
      if (!parsed.ok ? parsed.reply : parsed.kind === 'CALL')
        this.sendError(parsed.messageId ?? '-1', { code: 'FormationViolation', description: error }, parsed.ok && parsed.kind === 'CALL' ? parsed.action : null);
      // An answer to the outstanding call in a binary frame ends it now, as malformed, not as "no answer" at the timeout.
      if (answers && this.current) {
        const payload = parsed.ok && parsed.kind === 'CALLRESULT' && !nestsDeeperThan(parsed.payload) ? parsed.payload : null;
        this.finish({ outcome: 'invalidResponse', response: payload, error: { code: 'FormationViolation', description: `The answer was malformed: ${error}` } });
      }
      return;
    }
    if (!parsed.ok) {
      this.options.io.received({
        direction: 'in',
        kind: parsed.kind ?? 'INVALID',
        messageId: parsed.messageId ?? owner?.messageId ?? null,
        action: parsed.action ?? owner?.action ?? null,
        raw: clip(text),
        error: `${parsed.error.code}: ${parsed.error.description}`,
      });
      if (parsed.reply) this.sendError(parsed.messageId ?? '-1', { code: parsed.error.code, description: parsed.error.description }, parsed.action ?? null);
      // A broken answer to the outstanding call ends it now, as malformed, not as "no answer" at the timeout.
      if (answers && this.current) {
        this.finish({ outcome: 'invalidResponse', response: null, error: { code: parsed.error.code, description: `The answer was malformed: ${parsed.error.description}` } });
      }
      return;
    }
    if (parsed.kind === 'CALL') return this.onCall(parsed.messageId, parsed.action, parsed.payload, text);
    const pending = this.current && this.current.messageId === parsed.messageId ? this.current : null;
    const action = pending ? pending.action : null;
    // What is not checked against a strict schema (an answer to nothing, a CALLERROR's details) may nest
    // deep enough to overflow whatever walks it later: it is recorded as an excerpt and not handed on.
    const deep = parsed.kind === 'CALLERROR' ? nestsDeeperThan(parsed.error.details) : !pending && nestsDeeperThan(parsed.payload);
    const nested = deep ? nestingError(parsed.kind === 'CALLERROR' ? 'errorDetails' : 'payload') : null;
    const record = (raw: string, error: string | null) => this.options.io.received({ direction: 'in', kind: parsed.kind, messageId: parsed.messageId, action, raw, error });
    // A CALLERROR whose code OCPP-J 1.6 does not define is taken as the charger's answer, and marked as outside the spec.
    const outside = parsed.kind === 'CALLERROR' ? unknownErrorCode(parsed.error.code) : null;
    if (!pending) {
      const why = [nested?.description, outside].filter(Boolean).join('; ');
      record(clip(text), `No outstanding CALL has message id "${parsed.messageId}"; ignored${why ? ` (${why})` : ''}`);
      return;
    }
    if (parsed.kind === 'CALLERROR') {
      const violations = [nested && `${nested.code}: ${nested.description}`, outside].filter((v): v is string => !!v);
      record(clip(text), violations.length ? violations.join('; ') : null);
      const error = nested ? { ...parsed.error, details: {} } : parsed.error;
      this.finish({ outcome: 'callError', error: outside ? { ...error, violation: outside } : error });
      return;
    }
    const invalid = checkAgainst(actions[pending.action].response, parsed.payload);
    if (invalid) {
      record(clip(text), `${invalid.code}: ${invalid.description}`);
      // A value too deep to walk is not handed on (showing it would overflow the stack).
      this.finish({ outcome: 'invalidResponse', response: invalid.code === 'FormationViolation' && invalid.details?.issue === 'nesting' ? null : parsed.payload, error: invalid });
      return;
    }
    record(text, null);
    this.finish({ outcome: 'completed', response: parsed.payload as never });
  }

  /** Whether a frame that could not be parsed names the outstanding call's message id. */
  private answersCurrent(text: string, messageId: string | null | undefined): boolean {
    const id = this.current!.messageId;
    if (messageId != null) return messageId === id;
    return !/^\s*\[\s*2\s*,/.test(text) && text.includes(JSON.stringify(id));
  }

  /**
   * Gives up the outstanding call with this id before it went out (it could not be recorded, so it was
   * not sent): it resolves as offline (nothing sent), and the next queued call goes.
   */
  cancelCall(messageId: string, description: string): void {
    if (this.current?.messageId === messageId) this.finish({ outcome: 'offline', error: { description } });
  }

  /**
   * The connection is gone: every outstanding and queued call fails at once as offline. The one already
   * sent says so (`sent`: the peer may have acted on it); those queued behind it were never sent.
   */
  close(reason = 'The connection closed'): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    const waiting = this.current ? [this.current, ...this.queue] : [...this.queue];
    this.current = null;
    this.queue.length = 0;
    for (const call of waiting) {
      call.timer?.cancel();
      call.resolve(call.sent ? { outcome: 'offline', error: { description: reason }, sent: true } : { outcome: 'offline', error: { description: reason } });
    }
  }

  private onCall(messageId: string, action: string, payload: JsonObject, raw: string): void {
    const io = this.options.io;
    if (this.handling.has(messageId)) {
      const error: OcppErrorInfo = { code: 'ProtocolError', description: `Message id "${messageId}" is already being handled; a duplicate CALL is refused, not processed twice` };
      io.received({ direction: 'in', kind: 'CALL', messageId, action, raw, error: `${error.code}: ${error.description}` });
      return this.sendError(messageId, error, action);
    }
    let error: OcppErrorInfo | null;
    if (!isAction(action)) {
      error = { code: 'NotImplemented', description: `"${action}" is not an OCPP 1.6 action` };
    } else if (actions[action].initiator !== this.inbound && actions[action].initiator !== 'both') {
      error = { code: 'NotSupported', description: `${action} is sent by the ${this.inbound === 'CP' ? 'central system' : 'charge point'}, not to it` };
    } else {
      error = checkAgainst(actions[action].request, payload);
    }
    io.received({ direction: 'in', kind: 'CALL', messageId, action, raw: error ? clip(raw) : raw, error: error ? `${error.code}: ${error.description}` : null });
    if (error) return this.sendError(messageId, error, action);

    const handler = this.options.handlers[action as Action] as Handler | undefined;
    if (!handler) return this.sendError(messageId, { code: 'NotSupported', description: `${action} is not supported here` }, action);
    this.handling.add(messageId);
    let result: unknown;
    try {
      result = handler(payload as never, messageId);
    } catch (e) {
      return this.answerFailure(messageId, action, e);
    }
    if (result instanceof Promise) {
      result.then(
        (r) => this.answer(messageId, action as Action, r),
        (e) => this.answerFailure(messageId, action, e),
      );
    } else {
      this.answer(messageId, action as Action, result);
    }
  }

  // A CALL counts as being handled until its answer is on the wire, so a duplicate that arrives while
  // the answer waits for the group commit is refused too.
  private answer(messageId: string, action: Action, result: unknown): void {
    if (this.options.validateResults !== false) {
      const checked = actions[action].response.safeParse(result);
      if (!checked.success) {
        const info = errorForIssues(checked.error.issues, result);
        return this.sendError(messageId, { code: 'InternalError', description: `Our ${action} answer broke the schema (${info.description})` }, action, true);
      }
    }
    const text = JSON.stringify([3, messageId, result]);
    this.options.io.transmit(text, { direction: 'out', kind: 'CALLRESULT', messageId, action, raw: text, error: null }, () => this.handling.delete(messageId));
  }

  private answerFailure(messageId: string, action: string, e: unknown): void {
    const info: OcppErrorInfo = e instanceof OcppError ? e.toInfo() : { code: 'InternalError', description: `Handling ${action} failed: ${(e as Error)?.message ?? String(e)}` };
    this.sendError(messageId, info, action, true);
  }

  private sendError(messageId: string, error: OcppErrorInfo, action: string | null, endsHandling = false): void {
    const text = JSON.stringify([4, messageId, error.code, error.description, error.details ?? {}]);
    this.options.io.transmit(text, { direction: 'out', kind: 'CALLERROR', messageId, action, raw: text, error: null }, endsHandling ? () => this.handling.delete(messageId) : undefined);
  }

  private pump(): void {
    if (this.current || this.queue.length === 0 || this.closedReason !== null) return;
    const call = this.queue.shift()!;
    this.current = call;
    call.messageId = this.newMessageId();
    const text = JSON.stringify([2, call.messageId, call.action, call.payload]);
    call.timer = (this.options.clock ?? systemClock).after(call.timeoutMs, () => {
      if (this.current !== call) return;
      this.finish({ outcome: 'timeout', error: { description: `No answer to ${call.action} within ${Math.round(call.timeoutMs / 100) / 10} s` } });
    });
    call.sent = true;
    try {
      call.onSent?.(call.messageId);
    } catch {
      // The caller's bookkeeping failed: the call goes all the same, and is answered as usual.
    }
    this.options.io.transmit(text, { direction: 'out', kind: 'CALL', messageId: call.messageId, action: call.action, raw: text, error: null });
  }

  private finish(outcome: CallOutcome): void {
    const call = this.current;
    if (!call) return;
    call.timer?.cancel();
    this.current = null;
    call.resolve(outcome);
    this.pump();
  }
}

/** A frame in violation is recorded up to this many characters; one refused for its nesting, up to fewer. */
export const MAX_RECORDED_INVALID = 64 * 1024;
export const MAX_RECORDED_DEEP = 2 * 1024;

function nestingError(field = 'payload'): OcppErrorInfo {
  return {
    code: 'FormationViolation',
    description: `${field}: nested deeper than ${MAX_NESTING} levels of arrays and objects; no OCPP 1.6 message is`,
    details: { field, issue: 'nesting' },
  };
}

/**
 * Validates a payload; null when it is valid, else the CALLERROR that answers it. A payload nested
 * deeper than any OCPP message is FormationViolation. Big frames are refused for that before they are
 * parsed (parseFrame); a small valid one cannot be deep (the schemas are strict objects), so the check
 * costs nothing on the hot path: it runs only once validation has failed, before the issue is put into
 * words.
 */
function checkAgainst(schema: z.ZodType, payload: unknown): OcppErrorInfo | null {
  const checked = schema.safeParse(payload);
  if (checked.success) return null;
  if (nestsDeeperThan(payload)) return nestingError();
  return errorForIssues(checked.error.issues, payload);
}

/** Why a CALLERROR's code is outside OCPP-J 1.6 (either spelling of the occurrence code is inside); null when it is not. */
function unknownErrorCode(code: string): string | null {
  if ((errorCodes as readonly string[]).includes(code)) return null;
  return `PropertyConstraintViolation: ErrorCode ${excerpt(code)} is not an OCPP-J 1.6 error code (those are ${errorCodes.join(', ')})`;
}

/** Whether a frame's text begins as a CALLRESULT or CALLERROR of this message id: `[3,"<id>"` or `[4,"<id>"`. */
function beginsAnswerTo(text: string, messageId: string): boolean {
  const start = /^\s*\[\s*[34]\s*,\s*/.exec(text);
  return start !== null && text.startsWith(JSON.stringify(messageId), start[0].length);
}

/**
 * The raw text of a frame as recorded when it is in violation: huge ones are cut, and say so. One that
 * nests deeper than any OCPP message is garbage, and whatever walks it later (the log, an export) would
 * overflow: a short excerpt of it is kept. Runs on error paths only.
 */
export function clip(text: string, limit = MAX_RECORDED_INVALID): string {
  if (text.length > MAX_RECORDED_DEEP && limit > MAX_RECORDED_DEEP && textNestsDeeperThan(text)) limit = MAX_RECORDED_DEEP;
  return text.length <= limit ? text : `${text.slice(0, limit)}… [cut: ${text.length} characters in all]`;
}

/** The message id of a frame that looks like a CALL, read without trusting the frame; null when there is none. */
function readableCallId(text: string): string | null {
  const m = /^\s*\[\s*2\s*,\s*"([^"\\]{1,36})"/.exec(text);
  return m ? m[1] : null;
}
