// The test session's own checks of what it measured (measurands, energy register, power, the site's load
// limit), failed: "What to do" is in an installer's words (what to set or check on the charger, then Run
// again), not the check's text again ("Expected power between …; it reached only …").
import { describe, expect, it } from 'vitest';
import { inWords } from '../../../../src/main/commissioning/words';
import { StepFailure } from '../../../../src/main/conformance/types';
import type { CaseContext } from '../../../../src/main/conformance/context';

/** The step's "What to do" when the test session's own check fails with `expected` and `actual` (the charger online throughout). */
async function wordsOf(expected: string, actual: string): Promise<string> {
  const frames = { connected: true, connections: 1, frames: [], since: () => [], waitFor: () => new Promise(() => undefined) };
  const t = { steps: [], firstSeq: 0, clock: { now: () => 0 }, data: { chargerTimeoutS: 30 }, host: { signal: undefined, frames } } as unknown as CaseContext;
  try {
    await inWords(t, 'C8_SESSION', () => Promise.reject(new StepFailure(expected, actual)));
  } catch (e) {
    expect(e).toBeInstanceOf(StepFailure);
    return (e as Error).message;
  }
  throw new Error('not failed');
}

describe("the test session's checks, failed, in an installer's words", () => {
  it('says which measurands did not come and what to set on the charger', async () => {
    const words = await wordsOf('meter values with Energy.Active.Import.Register, Power.Active.Import, Voltage', 'Power.Active.Import, Voltage never came: check MeterValuesSampledData');
    expect(words).toBe(
      'The charger did not send Power.Active.Import and Voltage in its meter values during the session, though its MeterValuesSampledData setting asks for them: set MeterValuesSampledData on the charger to the readings its meter can give (remove what it cannot measure), or update its firmware if it should send them, then Run again.',
    );
  });

  it('says a power too low with what to check, one too high against the rating, and no power readings with what to set', async () => {
    const low = await wordsOf('power between 1000 W and 22000 W while charging', 'it reached only 230 W: check the supply, the EV and any limit set on the charger');
    expect(low).toMatch(/^The session drew at most 230 W, less than the 1000 W wanted while charging: check the supply to the charger .*, then Run again\.$/);
    const high = await wordsOf('power between 1000 W and 11000 W while charging', 'it reached only 30000 W: check the supply, the EV and any limit set on the charger');
    expect(high).toMatch(/^The charger reported up to 30000 W, more than the 11000 W the template gives as its rating: check the rated power in the template and the charger's meter settings/);
    const none = await wordsOf('power between 1000 W and 22000 W while charging', 'no power readings came');
    expect(none).toMatch(/^The charger sent no power readings during the session, so its charging power could not be checked: add Power.Active.Import to MeterValuesSampledData on the charger/);
    for (const w of [low, high, none]) expect(w).not.toMatch(/^Expected|power between|it reached only/);
  });

  it("says a power above the site's load limit with what to check, and an energy register that went down", async () => {
    const over = await wordsOf("power at most 3680 W (the site's load limit)", 'it reached 7400 W: the charger does not keep to the limit; check its charging profiles');
    expect(over).toMatch(/^The session drew up to 7400 W, above the site's load limit of 3680 W: the charger does not keep to it\. Check the charging profiles on the charger .*, then Run again\.$/);
    const down = await wordsOf('an energy register that never goes down', 'it went down at reading 3 (counting meterStart as the first)');
    expect(down).toMatch(/^The charger's energy reading went down during the session \(at reading 3, counting the start of the session as the first\): .* then Run again\.$/);
  });

  it('leaves another failure of the step as it is', async () => {
    expect(await wordsOf('something else', 'it did not')).toBe('Expected something else; it did not');
  });
});
