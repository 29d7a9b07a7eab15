// Names of files the bench hosts: characters no file system takes are refused; names Windows cannot
// store are made storable.
import { describe, expect, it } from 'vitest';
import { checkFileName } from '../../../../src/main/core/file-host';

describe('hosted file names', () => {
  it('makes Windows device names and trailing dots storable', () => {
    expect(checkFileName('CON')).toBe('CON_');
    expect(checkFileName('nul.txt')).toBe('nul_.txt');
    expect(checkFileName('com1.bin')).toBe('com1_.bin');
    expect(checkFileName('LPT9')).toBe('LPT9_');
    expect(checkFileName('firmware.bin.')).toBe('firmware.bin');
    expect(checkFileName('firmware 1.2 ')).toBe('firmware 1.2');
    expect(checkFileName('console.bin')).toBe('console.bin');
    expect(checkFileName('fw-2.0.bin')).toBe('fw-2.0.bin');
  });

  it('refuses what no file system takes, naming the field', () => {
    for (const bad of ['a/b', 'a\\b', 'a:b', 'what?', 'x\u0001', '...', '', '   ']) expect(() => checkFileName(bad), bad).toThrow(/file name/);
    expect(() => checkFileName('x'.repeat(201))).toThrow(/longer than 200/);
  });
});
