// A measured item answered Conform or Not conform counts as done only with a reading the checklist takes:
// none, or one a record kept from before the checklist checked readings ("-5", "abc"), leaves it open.
import { describe, expect, it } from 'vitest';
import { openOf, readingMissing, verdictOf } from '../../../../src/main/commissioning/model';
import { builtInTemplates, checklistItems, type ChecklistEntry } from '../../../../src/shared/api/commissioning';

const answered = (patch: Partial<ChecklistEntry>): ChecklistEntry[] =>
  checklistItems.map((i) => ({ id: i.id, result: 'conform' as const, value: i.unit ? '1' : '', note: '', ...(i.id === patch.id ? patch : {}) }));
const judged = (checklist: ChecklistEntry[]) => {
  const c = { checklist, steps: [], template: builtInTemplates[0]!, configAfter: null, runError: null };
  return { verdict: verdictOf(c), open: openOf(c) };
};

describe('a measured value missing or not taken', () => {
  it('keeps a measured item answered without a reading open, naming it, and the verdict incomplete', () => {
    expect(judged(answered({ id: 'earthResistance', value: '' }))).toEqual({ verdict: 'incomplete', open: ['Earth resistance: its measured value is missing or was not accepted'] });
    expect(judged(answered({ id: 'phaseRotation', value: '  ' }))).toEqual({ verdict: 'incomplete', open: ['Phase rotation: its measured value is missing or was not accepted'] });
    expect(judged(answered({ id: 'rcdTripTime', value: '-5' })).open).toEqual(['RCD trip time: its measured value is missing or was not accepted']);
    expect(judged(answered({ id: 'insulation', value: 'abc' })).verdict).toBe('incomplete');
  });

  it('needs no reading for Not applicable, nor for an item without a measured value; a reading taken passes', () => {
    expect(judged(answered({ id: 'earthResistance', result: 'notApplicable', value: '' }))).toEqual({ verdict: 'pass', open: [] });
    expect(judged(answered({}))).toEqual({ verdict: 'pass', open: [] });
    expect(judged(answered({ id: 'insulation', value: '>500' }))).toEqual({ verdict: 'pass', open: [] });
    expect(readingMissing({ id: 'cable', result: 'conform', value: '' })).toBe(false);
    expect(readingMissing({ id: 'earthResistance', result: null, value: '' })).toBe(false);
  });
});
