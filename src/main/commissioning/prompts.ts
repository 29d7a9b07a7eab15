// A person's prompts during a commissioning run, in the commissioning's words (its steps by their titles).
import { PromptOperator, type OperatorAnswer, type OperatorPrompt } from '../conformance/operator';
import type { RunOperator } from '../conformance/attended';
import type { CaseContext } from '../conformance/context';
import { Inconclusive, StepFailure } from '../conformance/types';
import { FakeClock } from '../clock';
import { formatDuration } from '../../shared/format/time';
import { alreadyOfflineWords, noteOutages, noteTime, stepOutageWords, watchConnection } from './outages';

/**
 * A person's prompts in a commissioning's words: the step named by its title ("in the step “Card reader”",
 * "putting the charger back after the step “Test session”"), not its id, and what no answer does to a step.
 * A built-in virtual charger's hands are left as they are (nobody is asked). What the person answered
 * "Cannot do" to in a step is not asked again putting the charger back after it: the answer stands.
 */
export function promptsInWords(o: RunOperator, plan: Array<{ id: string; title: string }>): RunOperator {
  if (o.virtual) return o;
  const titles = new Map(plan.map((p) => [p.id, p.title]));
  const inner = o.operator;
  // What the person said they cannot do in a step (its id and the action): putting the charger back after
  // that step does not ask it again (the cable they could not unplug is named as left in, among what was not put back).
  const refused = new Set<string>();
  const key = (p: OperatorPrompt) => `${p.caseId} ${JSON.stringify(p.action)}`;
  const dress = (p: OperatorPrompt): OperatorPrompt => {
    const title = titles.get(p.caseId);
    const named = title ? `the step “${title}”` : null;
    const during = !named ? p.during : p.during === undefined ? `In ${named}` : p.during.split(` after ${p.caseId}`).join(` after ${named}`);
    return {
      ...p,
      ...(during !== undefined ? { during } : {}),
      // A request while putting the charger back says what no answer does there (the step is not given up).
      onTimeout: p.onTimeout?.split(p.caseId).join(named ?? p.caseId) ?? 'Without an answer the step is given up and left unfinished (inconclusive); Run again repeats it.',
    };
  };
  const perform = async (p: OperatorPrompt): Promise<OperatorAnswer> => {
    // A step's own request has no `during`; the put-back's (and the run's start's) says what the bench is doing.
    if (p.during !== undefined && refused.has(key(p))) return 'cannot';
    const answer = await inner.perform(dress(p));
    // A later answer to the same request in the step (done after all) clears it: the put-back asks again.
    if (p.during === undefined && answer === 'cannot') refused.add(key(p));
    else if (p.during === undefined) refused.delete(key(p));
    return answer;
  };
  return { ...o, operator: new PromptOperator(perform) };
}

/** A step left unjudged by the charger being offline: its reason names the outage. */
export class OutageInconclusive extends Inconclusive {}

/** Actuals of a wait or a request that the charger being offline explains (nothing came, no answer after a drop, not connected). */
export const offlineActual = /^(nothing came|no answer: the connection dropped|the charger was not connected)/;

/**
 * Runs a prompted step (the person at the charger acts, then the charger is to send something), its
 * connection watched: when the charger was offline during it and what the step waited for did not come
 * (nothing came, or a request found it gone), the outage kept the step from being judged, so it is
 * inconclusive, naming when the charger went offline and whether it came back (as the test session says of
 * its outages), not a failure of the charger. What the charger sent wrong, or nothing sent while it stayed
 * online throughout, stays a failure; a step the run's Stop cut short says it was stopped.
 * `waited`: what the step waited for ("for the card"); `unjudged`: what could not be judged.
 */
export async function judgedThroughOutage(t: CaseContext, waited: string, unjudged: string, run: () => Promise<void>): Promise<void> {
  await throughOutage(t, run, (e) => (offlineActual.test(e.actual) ? { during: `while this step waited ${waited}`, unjudged } : null));
}

/** Where in the step the charger was gone ("while this step waited for the card"), and what that left unjudged. */
export interface OutageUnjudged {
  during: string;
  unjudged: string;
}

/**
 * Runs a step, its connection watched: a failure that `explained` says the charger being gone accounts for
 * (its words: where in the step, and what could not be judged; null: a failure of the charger's own), met by
 * an outage (still on when the step gave up, or ended within its last charger timeout), is inconclusive
 * naming that outage: when the charger went offline and whether it came back, then what to do. A blip earlier
 * in the step, with the charger online all through what failed, leaves a failure a failure; so does a step
 * the run's Stop cut short (the caller says it was stopped). The prompted steps and every commissioning step
 * (words.ts inWords) are judged through it. `noteAll`: every outage during the step is kept as a note of its
 * result (noteOutages in stepOutageWords), whatever the verdict, except one the result's reason already names.
 */
export async function throughOutage(t: CaseContext, run: () => Promise<void>, explained: (e: StepFailure) => OutageUnjudged | null, noteAll = false): Promise<void> {
  const watch = watchConnection(t, () => 'before');
  // Every outage of the step kept as a note of its result (as the test session keeps its own), unless the result's reason names it.
  const noted = () => noteAll && noteOutages(t, watch.stop(), t.clock.now(), stepOutageWords);
  try {
    await run();
    noted();
  } catch (e) {
    const end = t.clock.now();
    const outages = watch.stop().filter((o) => o.to === null || o.to >= end - t.data.chargerTimeoutS * 1000);
    const lost = outages.at(-1);
    const words = lost && !t.host.signal?.aborted && e instanceof StepFailure ? explained(e) : null;
    if (!lost || !words) {
      // A step left inconclusive by an outage (a prompted step's own watch) names it in its reason already.
      if (!(e instanceof OutageInconclusive)) noted();
      throw e;
    }
    const at = (ms: number) => noteTime(ms, t.clock instanceof FakeClock);
    // A request that found the charger already gone gives up at once: no "0 s later".
    const later = end - lost.from >= 1000 ? ` ${formatDuration(end - lost.from)} later,` : '';
    // Already offline when the step began (it dropped before: during the step before, or its put-back): not "went offline during this step".
    const began = alreadyOfflineWords(lost, at);
    const outage =
      began && lost.to === null
        ? `${began}, and had not come back${later} when the step gave up`
        : began && outages.length === 1
          ? `${began} and came back at ${at(lost.to!)}`
          : lost.to === null
            ? `The charger went offline at ${at(lost.from)}, ${words.during}, and had not come back${later} when the step gave up`
            : `The charger was offline from ${at(lost.from)} to ${at(lost.to)}, ${words.during}${outages.length > 1 ? ` (offline ${outages.length} times)` : ''}`;
    throw new OutageInconclusive(`${outage}: ${words.unjudged}. Check the charger's network connection (and its power), then Run again.`);
  } finally {
    watch.stop();
  }
}
