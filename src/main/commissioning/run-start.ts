// A commissioning run before its first step, in words for the faces (the view's running.before): a run
// started on an offline charger is accepted and waits for it to connect (the engine waits up to the test
// data's operatorTimeoutS); once it is connected, the bench reads and prepares it. Either way the words name
// the first step requested and how many steps were requested ("waiting for VBAD to connect before
// Configuration baseline; 1 step requested"), and the faces are told when the charger connects or goes, and
// of each session the preparation ends as it ends.
import type { Bench } from '../core/bench';
import type { CommissioningView, SessionEndedAtStart } from '../../shared/api/commissioning';
import { EndedInSetup } from './sessions-ended';
import { runningOf } from './wind-down';

/**
 * The title of the first step requested, as the commissioning names it (its stored steps: the stepper and
 * Stop say it so), the plan's title for a step the record does not hold.
 */
export const firstStepTitle = (stored: ReadonlyArray<{ id: string; title: string }>, cases: ReadonlyArray<{ id: string; title: string }>): string | null => {
  const first = cases[0];
  return first ? (stored.find((s) => s.id === first.id)?.title ?? first.title) : null;
};

export class RunStart {
  private readonly off: () => void;
  private readonly ended: EndedInSetup;

  constructor(
    private readonly bench: Bench,
    private readonly chargerId: string,
    /** The first step requested (its title). */
    private readonly firstTitle: string | null,
    /** How many steps the run was asked to run. */
    private readonly requested: number,
    /** Told when the words change (the faces are told). */
    onChange: () => void,
    /** The run's window in the record: the sessions its preparation has ended so far are kept there as each ends (the faces told). */
    window?: { sessionsEnded?: SessionEndedAtStart[] },
  ) {
    const off = bench.bus.subscribe((e) => {
      if ((e.type === 'chargerConnected' || e.type === 'chargerDisconnected') && e.chargerId === chargerId) onChange();
    });
    const ended = new EndedInSetup(bench, chargerId, (list) => {
      if (!window) return;
      window.sessionsEnded = list;
      onChange();
    });
    this.ended = ended;
    this.off = () => {
      off();
      ended.dispose();
    };
  }

  /** The first step has begun: the preparation has ended what it ends (the run's own list stands from now on), no more frames are watched for it. */
  setupOver(): void {
    this.ended.dispose();
  }

  /** What the run does before its first step, in words. */
  words(): string {
    const before = this.firstTitle ? ` before ${this.firstTitle}` : '';
    const asked = `${this.requested} step${this.requested === 1 ? '' : 's'} requested`;
    return this.bench.centralSystem.isConnected(this.chargerId) ? `preparing ${this.chargerId}${before}; ${asked}` : `waiting for ${this.chargerId} to connect${before}; ${asked}`;
  }

  dispose(): void {
    this.off();
  }
}

/** The view's running: the step running now and what it is doing; before the first step, what the run does; after Stop, what it still waits for. */
export const runningView = (a: Parameters<typeof runningOf>[0] & { start?: RunStart }): NonNullable<CommissioningView['running']> => ({
  ...runningOf(a),
  ...(a.stepId === null && a.start && !a.windDown ? { before: a.start.words() } : {}),
});
