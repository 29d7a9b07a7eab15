// "Run again" of an earlier run reads that run's test data by the rule its cards were taken under: an older
// bench trimmed a card and took any characters, so a card the idTag rule now refuses (a zero-width space
// inside it) is no 400 on a re-run; a card the request itself gives still gets the rule.
import { describe, expect, it } from 'vitest';
import { checkRunRequest } from '../../../../src/main/conformance/run-request';
import type { Bench } from '../../../../src/main/core/bench';
import type { CaseDefinition } from '../../../../src/main/conformance/types';
import type { RunResult } from '../../../../src/shared/api/test-runs';

const OLD_CARD = 'OLD\u200BCARD';
const bench = { virtualChargers: { has: () => true, get: () => ({ definition: { connectors: 2 } }) } } as unknown as Bench;
const suite = [
  { id: 'TC_A', profile: 'Core' },
  { id: 'TC_B', profile: 'Core' },
] as unknown as CaseDefinition[];
const earlier = {
  cases: [
    { id: 'TC_A', verdict: 'fail' },
    { id: 'TC_B', verdict: 'pass' },
  ],
  data: { validIdTag: OLD_CARD, parentIdTag: 'OLD-PARENT', connectorId: 2 },
  charger: { firmware: '2.3.1' },
} as unknown as RunResult;

describe('checkRunRequest of a re-run', () => {
  it("takes the earlier run's cards as it kept them", () => {
    const run = checkRunRequest(bench, { chargerId: 'VCP-1' }, suite, earlier);
    expect(run.cases.map((c) => c.id)).toEqual(['TC_A']);
    expect(run.data).toMatchObject({ validIdTag: OLD_CARD, parentIdTag: 'OLD-PARENT', connectorId: 2, validIdTag2: 'OCTT-VALID-2' });
  });

  it('a card the request gives gets the idTag rule, naming the field', () => {
    expect(() => checkRunRequest(bench, { chargerId: 'VCP-1', data: { validIdTag: OLD_CARD } }, suite, earlier)).toThrow(
      expect.objectContaining({ status: 400, extra: expect.objectContaining({ field: 'data.validIdTag' }), message: expect.stringMatching(/printable/) }),
    );
    expect(() => checkRunRequest(bench, { chargerId: 'VCP-1', data: { validIdTag: ' NEW ' } }, suite, null)).toThrow(
      expect.objectContaining({ status: 400, extra: expect.objectContaining({ field: 'data.validIdTag' }) }),
    );
    // A good card the request gives replaces the earlier one.
    expect(checkRunRequest(bench, { chargerId: 'VCP-1', data: { validIdTag: 'NEW' } }, suite, earlier).data.validIdTag).toBe('NEW');
  });
});
