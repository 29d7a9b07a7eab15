// A commissioning run after Stop, until it has ended: what it is still waiting for, in words, for the faces
// (the view's running.stopping). The step in progress ends at once; then the charger is put back after it
// (each request the bench sends, until the charger answers it or its timeout), the configuration is read at
// the run's end, and the record is written. An offline charger is asked nothing (see restorePreconditions):
// the words say so, and what was not done is recorded with the step (its cleanupProblems) and the run (its
// configuration not read at the end).
import type { Bench } from '../core/bench';
import type { CommissioningView } from '../../shared/api/commissioning';
import type { StopWaiting, StopWouldWait } from '../../shared/api/stop-waiting';

export type WindDownPhase = 'putBack' | 'endRead' | 'record';

/** Why the configuration was not read at the end of a run stopped while the charger was offline. */
export const STOPPED_OFFLINE_NOT_READ = 'the run was stopped while the charger was offline, so it was not asked for it';

export class WindDown {
  private phase: WindDownPhase = 'putBack';
  /** The request sent to the charger that the run waits on the answer to, if any. */
  private call: { messageId: string; action: string } | null = null;
  private readonly off: () => void;

  constructor(
    private readonly bench: Bench,
    private readonly chargerId: string,
    /** The step the Stop cut short (its title), or null before the first step. */
    private readonly stepTitle: string | null,
    /** The charger's answers are awaited this long (the test data's chargerTimeoutS). */
    private readonly timeoutS: number,
    /** Told when the words change (the faces are told). */
    private readonly onChange: () => void,
  ) {
    this.off = bench.bus.subscribe((e) => {
      if (e.type === 'chargerConnected' || e.type === 'chargerDisconnected') {
        if (e.chargerId !== chargerId) return;
        if (e.type === 'chargerDisconnected') this.call = null;
        onChange();
        return;
      }
      if (e.type !== 'frameLogged' || e.message.chargerId !== chargerId) return;
      const m = e.message;
      if (m.direction === 'out' && m.kind === 'CALL' && m.messageId && m.action) this.call = { messageId: m.messageId, action: m.action };
      else if (m.direction === 'in' && m.kind !== 'CALL' && this.call?.messageId === m.messageId) this.call = null;
      else return;
      onChange();
    });
  }

  /** The run moved on: the stopped step was put back (the configuration is read next), or the run ended (its record is written). */
  moveTo(phase: WindDownPhase): void {
    this.phase = phase;
    this.call = null;
    // The run has ended: the faces are told it now records how (nothing else may change before it has).
    if (phase === 'record') this.onChange();
  }

  /** What the run waits for before it ends, in words ("Stopped: …"). */
  words(): string {
    if (this.phase === 'record') return 'Stopped: recording how the run ended';
    const offline = !this.bench.centralSystem.isConnected(this.chargerId);
    const what =
      this.phase === 'endRead'
        ? 'reading its configuration at the end of the run'
        : this.stepTitle
          ? `putting the charger back after ${this.stepTitle}`
          : 'preparing the charger before the first step';
    if (offline) return `Stopped: the charger is offline, so it is not asked anything (${what} is skipped and recorded as not done); ending the run`;
    if (this.call) return `Stopped: ${what}, waiting for the charger's answer to ${this.call.action} (at most ${this.timeoutS} s)`;
    return `Stopped: ${what}`;
  }

  dispose(): void {
    this.off();
  }
}

/** The step running now and what it is doing (the view's running); after Stop, what the run still waits for. */
export const runningOf = (a: {
  stepId: string | null;
  step: string | null;
  windDown?: WindDown;
  stopper?: { waiting(): StopWaiting | null; wouldWait(): StopWouldWait | null };
}): NonNullable<CommissioningView['running']> => {
  // Before Stop takes effect: it waits for the charger to come back (the run just reset it, or it dropped a moment ago).
  const waiting = a.stopper?.waiting() ?? null;
  // Before Stop: whether one pressed now would wait so (its confirmation says it).
  const would = a.stopper?.wouldWait() ?? null;
  return { stepId: a.stepId ?? '', step: a.step, ...(a.windDown ? { stopping: a.windDown.words() } : {}), ...(waiting ? { stopWaiting: waiting } : {}), ...(would ? { stopWouldWait: would } : {}) };
};
