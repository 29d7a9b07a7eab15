// One reader of the checklist's measured values, for the UI and the bench: what it saves and what it refuses.
import { describe, expect, it } from 'vitest';
import { readReading } from '../../../../src/shared/format/reading';

describe('readReading', () => {
  it('saves a decimal comma as a point, trimmed, with < or > kept', () => {
    expect(readReading('Ω', ' 0,8 ')).toEqual({ value: '0.8' });
    expect(readReading('MΩ', '<0,5')).toEqual({ value: '<0.5' });
    expect(readReading('mA', '> 12,25')).toEqual({ value: '> 12.25' });
    expect(readReading('ms', '1,0000')).toEqual({ value: '1.0000' });
    expect(readReading('ms', '30')).toEqual({ value: '30' });
    expect(readReading('ms', '1.000')).toEqual({ value: '1.000' });
  });

  it('refuses a comma before exactly three digits as ambiguous, saying what to write', () => {
    expect(readReading('Ω', '1,000')).toEqual({ error: 'Is the comma a thousands separator or a decimal comma? Write the value without grouping: "1000" or "1.000"' });
    expect(readReading('Ω', '>1,000')).toEqual({ error: 'Is the comma a thousands separator or a decimal comma? Write the value without grouping: ">1000" or ">1.000"' });
    expect(readReading('Ω', '1,000,000')).toEqual({ error: 'Is the comma a thousands separator or a decimal comma? Write the value without grouping: "1000000"' });
  });

  it('refuses what is no number, naming the unit', () => {
    expect(readReading('Ω', 'abc').error).toBe("Enter the reading in Ω as a number, e.g. 0.8 (< or > before it for under or over the instrument's range)");
    expect(readReading('Ω', '-1').error).toMatch(/^Enter the reading in Ω/);
  });

  it('takes any text for an item read in words or without a reading, and nothing as none', () => {
    expect(readReading('sequence', ' L1,L2,L3 ')).toEqual({ value: 'L1,L2,L3' });
    expect(readReading(null, '1,000')).toEqual({ value: '1,000' });
    expect(readReading('Ω', '  ')).toEqual({ value: '' });
  });
});
