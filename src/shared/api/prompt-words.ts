// The words both faces say of the operator's requests (the UI's dialogs and the terminal's prompts of
// `chargebench test` and `chargebench commission`): which request it is and when it was asked, what became of
// one that went away without an answer from here, and what its time running out does. A step of a case (or of
// a commissioning) is given up; a request that is not a step (the put-back after a case or a commissioning
// step asking for the cable to be unplugged, or the preparation before the run) gives nothing up: the bench
// goes on without it, and what it asked may be left as it is.
import type { OperatorPrompt } from './test-runs';
import { formatClock } from '../format/time';

/** An answer a person gives: Done, Cannot do, Skip. */
export type GivenAnswer = 'done' | 'cannot' | 'skip';

/** A request asked of the person, as a face holds it. */
export interface Waiting {
  /** Which run asked it (a face's own key). */
  key: string;
  prompt: OperatorPrompt;
  /** When its time began, on this clock (ms). */
  since: number;
  /** How far this clock is ahead of the bench's (ms), as the request said the bench's time (0 on the bench's own machine). */
  ahead: number;
}

/**
 * A request that went away unanswered from here: why (`unknown`: while the link to the bench was lost), and
 * when it was learnt (this clock, ms); `late` the answer the bench refused as sent after it had closed.
 */
export interface Missed extends Waiting {
  why: 'timedOut' | 'ended' | 'closed' | 'unknown';
  at: number;
  late?: GivenAnswer;
}

const answerWords: Record<GivenAnswer, string> = { done: 'Done', cannot: 'Cannot do', skip: 'Skip' };

/** What was asked, without "then press Done": "Switch the charger off at the mains, wait 10 seconds, switch it on again". */
const asked = (p: OperatorPrompt) => p.text.replace(/,? then press Done\.?$/, '').replace(/\.$/, '');

/** Which request: "TC_001_CS step 2", or what the bench was doing ("putting the charger back after TC_003_CS"). */
export const whichRequest = (p: OperatorPrompt): string => (p.during ? p.during.charAt(0).toLowerCase() + p.during.slice(1) : `${p.caseId} step ${p.step}`);

/** The time on the bench's clock, as the bench's record has it. */
const benchTime = (w: Waiting, ms: number) => formatClock(ms - w.ahead);

/** When a request was asked (its time began), on the bench's clock. */
export const askedAt = (w: Waiting): string => benchTime(w, w.since);

/** When a request's time is (or was) up, on the bench's clock (ms): its deadline as the bench gave it. */
export function deadlineOf(w: Waiting): number {
  const deadline = w.prompt.deadline ? Date.parse(w.prompt.deadline) : NaN;
  return Number.isFinite(deadline) ? deadline : w.since + w.prompt.timeoutS * 1000 - w.ahead;
}

/** Within this of its deadline (ms), a request that goes away timed out (the bench's word of it takes a moment to come). */
export const DEADLINE_SLACK_MS = 1000;

/** Whether a request that went away at `now` (this clock, ms) went as its time ran out, not closed before. */
export const timeWasUp = (w: Waiting, now: number): boolean => now >= w.since + w.prompt.timeoutS * 1000 - DEADLINE_SLACK_MS;

/** Whether a request is a step (given up when nobody answers in time), not the put-back or the preparation (the bench goes on without it). */
export const isStep = (p: OperatorPrompt): boolean => p.putBack !== true;

/** What a request that is not a step may leave as it is when nobody answers: "connector 1 may still have its cable in". */
function leftAsItIs(p: OperatorPrompt): string {
  return p.action.kind === 'unplug' ? `connector ${p.action.connectorId} may still have its cable in` : 'what it asked may be left undone';
}

/** Under a request whose time is up: "Time is up: the step is being given up", or for the put-back, that the bench goes on without it. */
export const timeUpWords = (p: OperatorPrompt): string => (isStep(p) ? 'Time is up: the step is being given up' : `Time is up: the bench goes on without an answer, and ${leftAsItIs(p)}`);

/** The request asked since, behind a notice: "The run has asked something else since (TC_003_CS step 1, asked at 10:02:14)". */
export const askedSinceWords = (next: Waiting): string => `The run has asked something else since (${whichRequest(next.prompt)}, asked at ${askedAt(next)})`;

/** What became of a request whose time ran out while a notice hid it: its step given up, or (the put-back) the bench went on without it. */
export const ranOutWords = (p: OperatorPrompt): string =>
  isStep(p) ? 'its time to answer ran out while this was shown, and the step is being given up' : `its time to answer ran out while this was shown: the bench goes on without it, and ${leftAsItIs(p)}`;

/** A request that went away unanswered from here (`here`: "this window", "this terminal"), in words: a title and a sentence. */
export function missedWords(m: Missed, here = 'this window'): { title: string; text: string } {
  const p = m.prompt;
  const what = `${whichRequest(p)} (${asked(p)})`;
  const late = m.late ? ` Your “${answerWords[m.late]}” reached the bench after that and was not taken.` : '';
  // When its time was up, on the bench's clock.
  const up = deadlineOf(m);
  const What = `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
  if (m.why === 'unknown') {
    const timeUp = m.at >= m.since + p.timeoutS * 1000 ? ` (its time was up at ${formatClock(up)})` : '';
    return {
      title: 'A request was closed while the link was lost',
      text: `${What} was closed while the link to the bench was lost, without an answer from ${here}: answered at another screen, withdrawn, or nobody answered in time${timeUp}.${late}`,
    };
  }
  if (m.why === 'timedOut') {
    const at = formatClock(up);
    // A step of a case ends inconclusive; elsewhere (putting the charger back, a commissioning) the request says what no answer does.
    const outcome = p.onTimeout
      ? `ran out of time at ${at}. ${p.onTimeout}`
      : isStep(p)
        ? `ended as inconclusive at ${at}.`
        : `ran out of time at ${at}: the bench went on without it, and ${leftAsItIs(p)}.`;
    return { title: 'Nobody answered in time', text: `Nobody answered in time: ${what} ${outcome}${late}` };
  }
  if (m.why === 'ended') return { title: 'The run ended before anyone answered', text: `The run ended before anyone answered: ${what} was withdrawn at ${benchTime(m, m.at)}.${late}` };
  return {
    title: 'A request was closed',
    text: `${What} was closed at ${benchTime(m, m.at)}, before its time was up, without an answer from ${here} (answered at another screen, or withdrawn as the run was stopped).${late}`,
  };
}
