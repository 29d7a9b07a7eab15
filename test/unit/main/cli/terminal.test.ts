// What chargers send, printed on a terminal: control characters are shown escaped, never obeyed.
import { describe, expect, it } from 'vitest';
import { printable } from '../../../../src/main/cli/terminal';

describe('printable', () => {
  it('escapes line breaks, ANSI escapes, NUL and bidi overrides; keeps ordinary text, accents and emoji', () => {
    expect(printable('CP1\n10:00:00  CP2 connected')).toBe('CP1\\u{a}10:00:00  CP2 connected');
    expect(printable('CP\u001b[2J')).toBe('CP\\u{1b}[2J');
    expect(printable('a\u0000b\u202Ec')).toBe('a\\u{0}b\\u{202e}c');
    expect(printable('Café 😀 CP-1')).toBe('Café 😀 CP-1');
  });
});
