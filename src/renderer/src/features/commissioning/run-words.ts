// A commissioning run's status in words on the checks step: its status line, the offline notice beside it,
// and what Stop does, all from what the bench says the run is doing. Before its first step, a run waits for
// an offline charger to connect (or prepares it): the bench's words for that (running.before, "waiting for
// VBAD to connect before Configuration baseline; 1 step requested") are said as they are, never "starting"
// nor a step in progress that does not exist.
import type { CommissioningView } from '../../../../shared/api/commissioning';

/** The status line of a run: the step and what it does; before the first step, what the run does; after Stop, what it still waits for. */
export function runLine(view: CommissioningView, stepTitle: string | null): string {
  if (view.running?.stopping) return `${stepTitle ? `${stepTitle} ended unfinished. ` : ''}${view.running.stopping}…`;
  if (!stepTitle) return `Running: ${view.running?.before ?? 'before the first step'}`;
  return `Running: ${stepTitle}${view.running?.step ? ` — ${view.running.step}` : ''}`;
}

/** What the charger being offline means for the checks (after "<charger> is offline: last seen …. "). */
export function offlineWords(view: CommissioningView, stepTitle: string | null): string {
  if (view.state !== 'running') return 'It must be connected for the checks to run (a run started now waits for it to connect before its first step).';
  if (stepTitle) return `The step in progress (${stepTitle}) cannot go on until it reconnects.`;
  if (view.running?.before) return `The run is ${view.running.before}.`;
  return 'The run cannot go on until it reconnects.';
}

/** What Stop does now, in the confirmation's first sentence. */
export function stopWords(view: CommissioningView, stepTitle: string | null): string {
  if (stepTitle)
    return `The step in progress (${stepTitle}) ends now, unfinished (inconclusive), its request to the person at the charger withdrawn, and the charger is put back (a charger that is offline is not waited for: what putting it back would ask of it is recorded as not done).`;
  const before = view.running?.before;
  return `No step has begun${before ? ` (the run is ${before})` : ''}: the run ends now without running one, and no step’s result changes.`;
}
