// A person's prompts during a commissioning run, in the commissioning's words (its steps by their titles).
import { PromptOperator, type OperatorPrompt } from '../conformance/operator';
import type { RunOperator } from '../conformance/attended';

/**
 * A person's prompts in a commissioning's words: the step named by its title ("in the step “Card reader”",
 * "putting the charger back after the step “Test session”"), not its id, and what no answer does to a step.
 * A built-in virtual charger's hands are left as they are (nobody is asked).
 */
export function promptsInWords(o: RunOperator, plan: Array<{ id: string; title: string }>): RunOperator {
  if (o.virtual) return o;
  const titles = new Map(plan.map((p) => [p.id, p.title]));
  const inner = o.operator;
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
  return { ...o, operator: new PromptOperator((p) => inner.perform(dress(p))) };
}
