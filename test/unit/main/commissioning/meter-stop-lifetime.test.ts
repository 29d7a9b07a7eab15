// The test session's StopTransaction energy is judged with a tolerance of what the session drew (10 Wh or
// 1 %), never 1 % of the register: a real charger's register holds its lifetime total, and 1 % of 1,500 kWh
// (15 kWh) would pass a meterStop that went back, or jumped, by far more than a session draws.
import { describe, expect, it } from 'vitest';
import { judgeMeterStop, type MeterStopFacts } from '../../../../src/main/commissioning/session-stop';

const facts = (meterStop: number): MeterStopFacts => ({
  meterStop,
  last: 1_500_000,
  drawn: 600,
  gapS: 5,
  gapFromBench: true,
  maxW: 7000,
  fromPower: true,
  outage: null,
  simulated: false,
});

describe("the session's meterStop on a charger with a lifetime register", () => {
  it('fails one 14 kWh below the last reading', () => {
    expect(judgeMeterStop(facts(1_486_000))).toMatchObject({ ok: false, words: expect.stringContaining('went back') });
  });
  it('fails one 10 kWh above what it could draw in 5 s', () => {
    expect(judgeMeterStop(facts(1_510_000))).toMatchObject({ ok: false, words: expect.stringContaining('more than it could have drawn') });
  });
  it('passes one within 10 Wh of the reckoning', () => {
    // 7 kW × 1.1 for 5 s is about 11 Wh, plus 10.
    expect(judgeMeterStop(facts(1_500_020)).ok).toBe(true);
    expect(judgeMeterStop(facts(1_499_991)).ok).toBe(true);
  });
});
