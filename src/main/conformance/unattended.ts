// A run on a real charger with nobody to ask (the CLI without a terminal, as in a CI): a case's operator
// step ends the case inconclusive at once, saying no one could be asked (not that someone skipped it); a
// request while the charger is prepared or put back (not a step of a case) is passed over, so the run goes
// on and names what may be left (a cable perhaps still in).
import type { Operator, OperatorAnswer, OperatorPrompt } from './operator';
import { Inconclusive } from './types';

/** How the reason of a case left inconclusive for want of a person begins. */
export const NO_OPERATOR = 'No operator';

/** The operator of a run nobody can be asked on; `why` says why, e.g. "the run had no terminal to ask (stdin is not a terminal)". */
export function noOperator(why: string): Operator {
  return {
    automatic: false,
    nobody: why,
    async perform(prompt: OperatorPrompt): Promise<OperatorAnswer> {
      if (prompt.during) return 'skip';
      throw new Inconclusive(`${NO_OPERATOR}: ${why}: ${prompt.text}`);
    },
  };
}

/** Whether a case ended inconclusive because nobody could be asked to do its operator step. */
export const forWantOfOperator = (c: { verdict: string; reason: string | null }): boolean => c.verdict === 'inconclusive' && (c.reason ?? '').startsWith(`${NO_OPERATOR}: `);
