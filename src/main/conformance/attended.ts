// Who does a background run's operator steps: a built-in virtual charger's hands (automatic, and on fake
// time the run waits while the charger does real I/O), or the person at a real charger, asked through the
// bench's events and answered through a face; a stopped run withdraws the question it waits on (the step
// then says the run was stopped). Each request has an id of its own: an answer names the request it was
// aimed at, and one aimed at a request that is no longer open is refused (a late click never answers the next).
import { randomUUID } from 'node:crypto';
import type { Bench } from '../core/bench';
import { BenchError } from '../errors';
import { PromptOperator, VirtualOperator, type Operator, type OperatorAnswer, type OperatorPrompt } from './operator';

export interface RunOperator {
  operator: Operator;
  virtual: boolean;
  /** On fake time: the virtual charger is busy with real I/O, so time must not move on yet. */
  busy?: () => boolean;
  /** The question the run waits on, if any. */
  prompt(): OperatorPrompt | null;
  /** Answers the question the run waits on; false when it waits on none. */
  answer(a: OperatorAnswer): boolean;
}

/** Real I/O of a built-in virtual charger on fake time: the WebSocket handshake, a firmware download or diagnostics upload. */
export function virtualBusy(bench: Bench, id: string): () => boolean {
  const cp = () => bench.virtualChargers.charger(id);
  // An offline charger shows 'connecting' but opens no socket: no real I/O to wait for.
  return () =>
    bench.virtualChargers.has(id) && ((bench.virtualChargers.get(id).connection === 'connecting' && !cp().connection.offline) || cp().firmware.transferring || cp().diagnostics.transferring);
}

/** The operator of a run on `chargerId`; `publish` is told each question and its end (null). */
export function runOperator(bench: Bench, chargerId: string, signal: AbortSignal, publish: (prompt: OperatorPrompt | null) => void): RunOperator {
  if (bench.virtualChargers.has(chargerId)) {
    return {
      operator: new VirtualOperator(() => bench.virtualChargers.charger(chargerId), bench.virtualChargers),
      virtual: true,
      busy: virtualBusy(bench, chargerId),
      prompt: () => null,
      answer: () => false,
    };
  }
  let waiting: { prompt: OperatorPrompt; answer: (a: OperatorAnswer) => void } | null = null;
  const operator = new PromptOperator(
    (prompt) =>
      new Promise<OperatorAnswer>((resolve) => {
        // A stopped run asks nobody.
        if (signal.aborted) return resolve('stopped');
        // When it was asked and when it times out, on the wall clock the timer runs on: a page opened later counts down to it.
        const issued = Date.now();
        const asked: OperatorPrompt = { ...prompt, id: randomUUID(), issuedAt: new Date(issued).toISOString(), deadline: new Date(issued + prompt.timeoutS * 1000).toISOString() };
        const timer = setTimeout(() => done('timeout'), prompt.timeoutS * 1000);
        const done = (a: OperatorAnswer) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', stopped);
          waiting = null;
          publish(null);
          resolve(a);
        };
        const stopped = () => done('stopped');
        waiting = { prompt: asked, answer: done };
        signal.addEventListener('abort', stopped, { once: true });
        // Sent as it is asked: the bench's clock says issuedAt (a client reads the deadline against it).
        publish({ ...asked, now: asked.issuedAt });
      }),
  );
  return {
    operator,
    virtual: false,
    // With the bench's clock as it is read (a page opened later, on another machine, counts on the bench's clock).
    prompt: () => (waiting ? { ...waiting.prompt, now: new Date().toISOString() } : null),
    answer: (a) => {
      if (!waiting) return false;
      waiting.answer(a);
      return true;
    },
  };
}

/**
 * Refuses (409) an answer aimed at another request than the one `whose` waits on now (`open`): the request it
 * was aimed at timed out, was answered elsewhere or was withdrawn, and the run may already ask the next one.
 * An answer that names no request (`promptId` absent: a script) answers the open one, as before.
 */
export function refuseStaleAnswer(open: OperatorPrompt | null, promptId: string | undefined, whose: string): void {
  if (promptId === undefined || !open || open.id === promptId) return;
  const now = open.during ?? `${open.caseId} step ${open.step}`;
  throw new BenchError(
    409,
    `This answer was for a request that is no longer open (it timed out, was answered elsewhere or was withdrawn), so nothing was answered: ${whose} now asks something else (${now}: ${open.text})`,
    { field: 'promptId' },
  );
}
