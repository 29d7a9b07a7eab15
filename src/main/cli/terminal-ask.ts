// The person at the charger, asked on the terminal by `chargebench test` and `chargebench commission` as the
// UI's dialog asks (and in its words, src/shared/api/prompt-words.ts): Enter = done, c = cannot, s = skip. A
// request that goes away without an answer from here is said: one whose time ran out at once, naming it and
// when ("Nobody answered in time: TC_003_CS step 1 (…) ended as inconclusive at 10:02:13."); one closed before
// its time (answered at another screen) once the run asks again. The next request is then shown only after
// Enter acknowledges that, so a line typed for the request that went away never answers the next one. An
// answer is given only to the request it was typed for (by its id): one that closed meanwhile is not taken.
import type { Interface } from 'node:readline/promises';
import type { OperatorAnswer, OperatorPrompt } from '../conformance/operator';
import { askedSinceWords, deadlineOf, missedWords, timeWasUp, whichRequest, type Missed, type Waiting } from '../../shared/api/prompt-words';
import { formatClock } from '../../shared/format/time';
import { printable } from './terminal';

/** Where a request of a conformance run comes from, as the UI's prompt says it: "TC_003_CS step 1", or what the bench is doing. */
export const caseStepOf = (p: OperatorPrompt): string => p.during ?? `${p.caseId} step ${p.step}`;

const answerWords: Record<'done' | 'cannot' | 'skip', string> = { done: 'Done', cannot: 'Cannot do', skip: 'Skip' };

/**
 * Asks the person at the charger on the terminal: Enter = done, c = cannot, s = skip; 'timeout' when nobody
 * answered in time (said at once: which request, when its time was up, and what that does: the prompt's own
 * words, e.g. while the charger is put back, the run goes on); 'stopped' when the question was withdrawn (the
 * run stopped, or answered elsewhere). Each request says where it comes from (`where`: a conformance run's
 * case and step, "TC_003_CS step 1"); one that is not a step of the case says what the bench is doing
 * ("Putting the charger back after TC_003_CS"). After a request that went away unanswered from here, the
 * next one is shown once Enter acknowledges it (its time runs meanwhile, and the line says until when).
 */
export function terminalAsk(
  rl: Interface,
  where: (p: OperatorPrompt) => string | undefined = caseStepOf,
  print: (line: string) => void = (line) => console.log(line),
): (p: OperatorPrompt, withdrawn: AbortSignal) => Promise<OperatorAnswer> {
  // The requests that went away unanswered from here since the last acknowledgement (`said`: printed already).
  let unread: Array<{ m: Missed; said: boolean }> = [];
  const say = (m: Missed) => print(`\n    ${printable(missedWords(m, 'this terminal').text)}`);
  return async (p, withdrawn) => {
    if (withdrawn.aborted) return 'stopped';
    const asked = Date.now();
    // The bench and the terminal share this machine's clock: the request's own times are read as they are.
    const w: Waiting = { key: '', prompt: p, since: Date.parse(p.issuedAt ?? '') || asked, ahead: 0 };
    const deadline = deadlineOf(w);
    const timeUp = new AbortController();
    const timer = setTimeout(() => timeUp.abort(), Math.max(0, deadline - asked));
    const signal = AbortSignal.any([withdrawn, timeUp.signal]);
    try {
      if (unread.length) {
        // What went away is said before the next request is shown, and read: a line aimed at it lands here.
        for (const u of unread) if (!u.said) say(u.m);
        for (const u of unread) u.said = true;
        await rl.question(`\n    ${printable(askedSinceWords(w))}, to be answered by ${formatClock(deadline)}: press Enter to see it `, { signal });
        unread = [];
      }
      const from = where(p);
      const question = `\n>>> ${from ? `${printable(from)}: ` : ''}${p.text}\n    [Enter] done, c = cannot do, s = skip (${p.timeoutS} s): `;
      const answer = (await rl.question(question, { signal })).trim().toLowerCase();
      return answer === 'c' ? 'cannot' : answer === 's' ? 'skip' : 'done';
    } catch {
      const at = Date.now();
      // Its time ran out: the terminal's own timer, or the run's (which withdraws it at its deadline).
      if (timeUp.signal.aborted || (withdrawn.aborted && timeWasUp(w, at))) {
        const m: Missed = { ...w, why: 'timedOut', at };
        say(m);
        unread.push({ m, said: true });
        return 'timeout';
      }
      // Closed before its time (answered elsewhere, or the run stopped): said if the run asks again.
      if (withdrawn.aborted) unread.push({ m: { ...w, why: 'closed', at }, said: false });
      return 'stopped';
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Gives `answer` to the request it was typed for (`asked`), if that is the one the run waits on (`open`, as
 * the run says it now): true once given. One typed for a request that has closed meanwhile is not taken
 * (never given to the next), and the terminal says so.
 */
export function answerIfOpen(
  asked: OperatorPrompt,
  answer: OperatorAnswer,
  open: OperatorPrompt | null,
  give: (a: 'done' | 'cannot' | 'skip') => void,
  print: (line: string) => void = (line) => console.log(line),
): boolean {
  if (answer === 'timeout' || answer === 'stopped') return false;
  if (!open || (asked.id !== undefined && open.id !== asked.id)) {
    print(printable(`    (Your “${answerWords[answer]}” for ${whichRequest(asked)} came after that request had closed: it was not taken)`));
    return false;
  }
  give(answer);
  return true;
}
