// A commissioning step whose request the charger never answers says so in the installer's words: which
// request, within how long, and advice that fits (the charger was online: not "check its power and network");
// one that went offline before answering, or was not connected, says that instead.
import { describe, expect, it } from 'vitest';
import { inWords } from '../../../../src/main/commissioning/words';
import { StepFailure, type StepResult } from '../../../../src/main/conformance/types';
import type { CaseContext } from '../../../../src/main/conformance/context';

/** The words a step gets when its one step failed with the engine's expected and actual texts. */
async function wordsOf(stepId: string, title: string, expected: string, actual: string): Promise<string> {
  const failed = { n: 1, by: 'tool', title, status: 'failed', expected, actual } as unknown as StepResult;
  // Its connection as the step's watch sees it: up all through (no outage seen; one the watch sees makes the
  // step inconclusive instead: test/integration/commissioning/automated-outage.test.ts).
  const frames = { connected: true, connections: 1, frames: [], since: () => [], waitFor: () => new Promise(() => undefined) };
  const t = { steps: [failed], firstSeq: 0, clock: { now: () => 0 }, data: { chargerTimeoutS: 30 }, host: { signal: undefined, frames } } as unknown as CaseContext;
  try {
    await inWords(t, stepId, () => Promise.reject(new StepFailure(expected, actual)));
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('not failed');
}

describe('a request the charger does not answer', () => {
  it('names the request and its timeout, and the advice does not blame the network (the charger was online)', async () => {
    const words = await wordsOf('C9_RESET', 'Bench sends Reset', 'an answer to Reset', 'no answer: No answer to Reset within 30 s');
    expect(words).toContain('What happened: at “Bench sends Reset”, the charger did not answer Reset within 30 s.');
    expect(words).toMatch(/^The charger was online but did not answer Reset: /);
    expect(words).not.toMatch(/power and network|did not do what the step needs/);
  });

  it('says so for every step, with its own request', async () => {
    for (const [stepId, action] of [
      ['C5_BASELINE', 'ChangeConfiguration'],
      ['C9_UNLOCK', 'UnlockConnector'],
      ['C10_LOAD_LIMIT', 'SetChargingProfile'],
      ['C9_AVAILABILITY', 'ChangeAvailability'],
    ]) {
      const words = await wordsOf(stepId!, `Bench sends ${action}`, `an answer to ${action}`, `no answer: No answer to ${action} within 30 s`);
      expect(words).toContain(`the charger did not answer ${action} within 30 s.`);
      expect(words).not.toMatch(/Check that the charger is online/);
    }
  });

  it('says the charger went offline when the connection dropped before the answer, and advises on that', async () => {
    const words = await wordsOf('C9_UNLOCK', 'Bench sends UnlockConnector', 'an answer to UnlockConnector', 'no answer: the connection dropped after it was sent: The connection closed');
    expect(words).toContain('the charger went offline after UnlockConnector was sent, before it answered.');
    expect(words).toMatch(/^The charger went offline during this step: check its power and network/);
  });

  it('says the charger is not connected (not that it refused) when it was not, even for the card reader step', async () => {
    const sent = await wordsOf('C6_READER', 'Bench sends TriggerMessage', 'an answer to TriggerMessage', 'the charger was not connected: The connection closed');
    expect(sent).toContain('the charger is not connected.');
    expect(sent).toMatch(/^The charger went offline during this step/);
    const came = await wordsOf('C6_READER', 'Charger sends Authorize', 'Authorize within 60 s', 'nothing came (the charger is not connected)');
    expect(came).toContain('nothing came within 60 s: the charger is not connected.');
    expect(came).not.toMatch(/Hold the test card/);
  });

  it('names a malformed answer as such', async () => {
    const words = await wordsOf('C9_RESET', 'Bench sends Reset', 'an answer to Reset', 'an answer that broke the schema: The answer was malformed: unexpected end');
    expect(words).toContain('the charger’s answer to Reset broke the OCPP schema (The answer was malformed: unexpected end).');
  });
});
