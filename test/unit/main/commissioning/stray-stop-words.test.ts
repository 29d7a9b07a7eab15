// The connectors step's words for a session held open in the record when a StopTransaction with a wrong
// transactionId came on its charger while it was open: maybe its stop when it was the only one open there,
// pinned on none when several were (which one the charger meant is not known).
import { describe, expect, it } from 'vitest';
import { strayStopWords } from '../../../../src/main/commissioning/stray-stop-words';
import type { StopDuring } from '../../../../src/shared/api/stray-stop';

const stop = (openThen: number[]): StopDuring => ({
  chargerId: 'CP1',
  transactionId: 1004,
  connectorId: null,
  at: '2026-12-07T16:18:42.000Z',
  reason: 'Local',
  meterStop: 12_500,
  openThen,
});
const when = (iso: string) => `<${iso}>`;

describe('strayStopWords', () => {
  it('names the stop as maybe this session’s, with what it would have delivered, when it alone was open', () => {
    expect(strayStopWords({ stop: stop([4]), meterStart: 500, last: null }, { transactionId: 4 }, when)).toBe(
      'no StopTransaction with its transactionId came, but a StopTransaction for unknown transaction 1004 came at <2026-12-07T16:18:42.000Z> on this charger, ' +
        "maybe this session's (reason Local, meterStop 12,500 Wh: 12,500 − 500 = 12,000 Wh if it is): the charger may have ended it with a wrong transactionId.",
    );
  });

  it('says it is most likely not this session’s stop, and not that the charger may have ended it, when its last register reading is above the meterStop', () => {
    const last = { wh: 13_000, at: Date.parse('2026-12-07T16:10:00.000Z') };
    const words = strayStopWords({ stop: stop([4]), meterStart: 500, last }, { transactionId: 4 }, when);
    expect(words).toBe(
      'no StopTransaction with its transactionId came, but a StopTransaction for unknown transaction 1004 came at <2026-12-07T16:18:42.000Z> on this charger, ' +
        "maybe this session's (reason Local, meterStop 12,500 Wh, below this session's last reading 13,000 Wh (at <2026-12-07T16:10:00.000Z>): most likely not its stop).",
    );
    expect(words).not.toContain('if it is');
    // A last reading at or below the meterStop: maybe its stop, as without one.
    expect(strayStopWords({ stop: stop([4]), meterStart: 500, last: { ...last, wh: 12_500 } }, { transactionId: 4 }, when)).toBe(
      strayStopWords({ stop: stop([4]), meterStart: 500, last: null }, { transactionId: 4 }, when),
    );
  });

  it('names every session open there then and pins it on none when several were', () => {
    const words = strayStopWords({ stop: stop([4, 5]), meterStart: 500, last: null }, { transactionId: 4 }, when);
    expect(words).toBe(
      'no StopTransaction with its transactionId came, but a StopTransaction for unknown transaction 1004 came at <2026-12-07T16:18:42.000Z> on this charger while sessions #4 and #5 were open there: not applied to either; which one the charger meant is not known.',
    );
    expect(words).not.toContain("maybe this session's");
  });
});
