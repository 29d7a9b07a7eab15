// The report files of `chargebench test` and `commission`: a folder that is not there or not writable is
// found before the run (a usage error), and a report that cannot be written after it is said on one line
// while the others are still written.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOutputs, writeOutputs } from '../../../../src/main/cli/outputs';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'chargebench-outputs-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('checkOutputs', () => {
  it('passes files in folders that are there, and ones not asked for', () => {
    const d = temp();
    expect(
      checkOutputs([
        { option: '--json', label: 'the JSON report', path: join(d, 'r.json') },
        { option: '--junit', label: 'the JUnit report', path: undefined },
      ]),
    ).toBeNull();
  });

  it('names the option, the file and why: a folder not there, a file that is a folder, a folder that is a file, the same file twice', () => {
    const d = temp();
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'file'), '');
    const check = (path: string, option = '--json') => checkOutputs([{ option, label: 'the JSON report', path }]);
    expect(check(join(d, 'missing', 'r.json'))).toBe(`--json ${join(d, 'missing', 'r.json')}: no such directory ${join(d, 'missing')}; nothing was run`);
    expect(check(join(d, 'sub'))).toBe(`--json ${join(d, 'sub')}: it is a directory; nothing was run`);
    expect(check(join(d, 'file', 'r.json'))).toMatch(/: .*file is not a directory; nothing was run$/);
    expect(
      checkOutputs([
        { option: '--json', label: '', path: join(d, 'r') },
        { option: '--junit', label: '', path: join(d, 'r') },
      ]),
    ).toBe(`--json and --junit name the same file ${join(d, 'r')}`);
  });
});

describe('writeOutputs', () => {
  it('says which report could not be written, where and why, writes the others, and answers false', async () => {
    const d = temp();
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const bad = join(d, 'gone', 'r.json');
    const ok = await writeOutputs('test', [
      { option: '--json', label: 'the JSON report', path: bad, body: async () => '{}' },
      { option: '--junit', label: 'the JUnit report', path: join(d, 'ok.xml'), body: async () => '<testsuites/>' },
      { option: '--html', label: 'the HTML report', path: undefined, body: async () => 'never asked' },
    ]);
    expect(ok).toBe(false);
    expect(errors).toEqual([`chargebench test: could not write the JSON report to ${bad}: no such directory`]);
    expect(readFileSync(join(d, 'ok.xml'), 'utf8')).toBe('<testsuites/>');
  });

  it('answers false for a report that could not be made (no PDF printer), with its reason', async () => {
    const d = temp();
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const ok = await writeOutputs('commission', [
      {
        option: '--pdf',
        label: 'the PDF report',
        path: join(d, 'r.pdf'),
        body: async () => {
          throw new Error('No Chromium, Chrome or Edge found');
        },
      },
    ]);
    expect([ok, errors]).toEqual([false, [`chargebench commission: could not write the PDF report to ${join(d, 'r.pdf')}: No Chromium, Chrome or Edge found`]]);
  });
});
