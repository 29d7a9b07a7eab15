// A checklist entry as the bench saves it: a reading given anew is read as the UI reads one typed (a decimal
// comma made a point); one given back as the bench holds it (stored with a comma before this rule) is kept
// as it is, never rewritten.
import { describe, expect, it } from 'vitest';
import { savedEntry } from '../../../../src/main/commissioning/checklist-reading';
import type { ChecklistEntry } from '../../../../src/shared/api/commissioning';

const entry = (value: string, result: ChecklistEntry['result'] = 'conform'): ChecklistEntry => ({ id: 'rcdTripCurrent', result, value, note: '' });

describe('savedEntry', () => {
  it('saves a reading given anew with its decimal comma as a point', () => {
    expect(savedEntry(entry(''), entry('25,5'))).toEqual(entry('25.5'));
    expect(savedEntry(undefined, entry('<0,5'))).toEqual(entry('<0.5'));
    expect(savedEntry(entry('25,5'), entry('26,5'))).toEqual(entry('26.5'));
  });

  it('keeps a reading given back as the bench holds it', () => {
    expect(savedEntry(entry('25,5'), entry('25,5', 'notConform'))).toEqual(entry('25,5', 'notConform'));
  });

  it('keeps words and a reading with a point as given', () => {
    expect(savedEntry(entry(''), entry('25.5'))).toEqual(entry('25.5'));
    expect(savedEntry(undefined, { id: 'phaseRotation', result: 'conform', value: 'L1,L2,L3', note: '' }).value).toBe('L1,L2,L3');
  });
});
