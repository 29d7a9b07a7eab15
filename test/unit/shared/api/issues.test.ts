// Zod issues in words for a form: a bound no person set (a whole number's safe range) is not shown as
// sixteen digits.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { firstIssue, issueWords } from '../../../../src/shared/api/issues';

const words = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? {} : issueWords(r.error, { plain: { input, schema } });
};

describe('issue words', () => {
  it('says a number is too large or too small rather than naming the safe-integer range', () => {
    const n = z.strictObject({ count: z.int() });
    expect(words(n, { count: 1e17 })).toEqual({ count: 'Too large: enter a smaller number' });
    expect(words(n, { count: -1e17 })).toEqual({ count: 'Too small: enter a larger number' });
    expect(JSON.stringify(words(n, { count: 1e17 }))).not.toContain('9007199254740991');
  });

  it('still names a limit a person set', () => {
    expect(words(z.strictObject({ n: z.int().max(10) }), { n: 11 })).toEqual({ n: 'At most 10' });
  });

  it('gives a face the first problem alone: its field as a dotted path (or its first segment) and its words', () => {
    const schema = z.strictObject({ name: z.string().max(3, { error: 'must be at most 3 characters' }), data: z.strictObject({ n: z.int().min(1, { error: 'must be at least 1' }) }) });
    const error = schema.safeParse({ name: 'long', data: { n: 0 } }).error!;
    expect(firstIssue(error)).toEqual({ field: 'name', message: 'must be at most 3 characters' });
    const nested = schema.safeParse({ name: 'ok', data: { n: 0 } }).error!;
    expect(firstIssue(nested)).toEqual({ field: 'data.n', message: 'must be at least 1' });
    expect(firstIssue(nested, { key: 'first' }).field).toBe('data');
    // The input as a whole: no field.
    expect(firstIssue(schema.safeParse('text').error!).field).toBe('');
  });
});
