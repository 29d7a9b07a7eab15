// "Cannot do" to a request in a step is not asked again putting the charger back after it; but a later
// "done" to the same request in the same step (the person managed after all) clears that: the put-back asks.
import { describe, expect, it } from 'vitest';
import { promptsInWords } from '../../../../src/main/commissioning/prompts';
import type { RunOperator } from '../../../../src/main/conformance/attended';
import type { OperatorAnswer, OperatorPrompt } from '../../../../src/shared/api/test-runs';

const unplug = (during?: string): OperatorPrompt => ({
  caseId: 'C8_SESSION',
  step: 3,
  action: { kind: 'unplug', connectorId: 1 },
  text: 'Unplug the EV cable from connector 1',
  timeoutS: 120,
  ...(during ? { during } : {}),
});

/** The person's answers in turn; what they were asked. */
function person(answers: OperatorAnswer[]): { run: RunOperator; asked: OperatorPrompt[] } {
  const asked: OperatorPrompt[] = [];
  const operator = { automatic: false, perform: async (p: OperatorPrompt) => (asked.push(p), answers.shift() ?? 'done') };
  const run = { operator, virtual: false, prompt: () => null, answer: () => false } as unknown as RunOperator;
  return { run, asked };
}

describe('a Cannot do, then done, to the same request in a step', () => {
  it('puts the charger back asking the request again', async () => {
    const { run, asked } = person(['cannot', 'done', 'done']);
    const o = promptsInWords(run, [{ id: 'C8_SESSION', title: 'Test session' }]).operator;
    expect(await o.perform(unplug())).toBe('cannot');
    expect(await o.perform(unplug())).toBe('done');
    expect(await o.perform(unplug('Putting the charger back after C8_SESSION'))).toBe('done');
    expect(asked).toHaveLength(3);
    expect(asked[2]!.during).toBe('Putting the charger back after the step “Test session”');
  });

  it('a Cannot do alone still stands for the put-back', async () => {
    const { run, asked } = person(['cannot']);
    const o = promptsInWords(run, [{ id: 'C8_SESSION', title: 'Test session' }]).operator;
    await o.perform(unplug());
    expect(await o.perform(unplug('Putting the charger back after C8_SESSION'))).toBe('cannot');
    expect(asked).toHaveLength(1);
  });
});
