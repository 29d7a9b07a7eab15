// What `chargebench test` tells the person at a real charger: each request names its case and step, as the
// UI's does; a case as it starts; a case a signal's stop came too late for says its verdict stands; the
// times a reason names are written as the terminal writes times. And the files: --data that cannot be read
// says so in words; every report file gets the same mode (0644), also over a file left private.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseLines, caseStartLine, finishedBeforeStop, terminalAsk } from '../../../../src/main/cli/run-on-charger';
import { jsonFileOption } from '../../../../src/main/cli/options';
import { writeOutputs } from '../../../../src/main/cli/outputs';
import { TestData } from '../../../../src/main/conformance/test-data';
import { formatClock } from '../../../../src/shared/format/time';
import type { OperatorPrompt } from '../../../../src/main/conformance/operator';
import type { CaseResult } from '../../../../src/main/conformance/types';

afterEach(() => vi.restoreAllMocks());

describe('the operator prompt on the terminal', () => {
  it('names the case and the step, as the UI does', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (d) => (shown += String(d)));
    const rl = createInterface({ input, output, terminal: true });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const prompt: OperatorPrompt = { caseId: 'TC_003_CS', step: 1, action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable into connector 1, then press Done.', timeoutS: 0.05 };
      expect(await terminalAsk(rl)(prompt, new AbortController().signal)).toBe('timeout');
      expect(shown).toContain('>>> TC_003_CS step 1: Plug the EV cable into connector 1, then press Done.');
    } finally {
      rl.close();
    }
  });
});

describe('progress lines', () => {
  it('names a case as it starts, with its title', () => {
    expect(caseStartLine('TC_003_CS', 'Regular Charging Session - Plugin First', 0)).toBe(`${formatClock(0)}  TC_003_CS: Regular Charging Session - Plugin First`);
  });

  it('says a case the stop came too late for finished before it, with its verdict', () => {
    expect(finishedBeforeStop({ id: 'TC_016_CS', verdict: 'pass' })).toBe('TC_016_CS finished before the stop took effect: PASS');
  });

  it('writes the times a reason names as the terminal writes its times, not as ISO', () => {
    const reason = 'The charger was not connected all through the 25 s: its connection closed at 2026-12-06T16:43:58.309Z';
    const c = { id: 'TC_004_2_CS', title: 'A case', verdict: 'inconclusive', reason, decidingStep: 4, observations: [] } as unknown as CaseResult;
    const [, why] = caseLines(c, 0);
    expect(why!.trim()).toBe(`step 4: The charger was not connected all through the 25 s: its connection closed at ${formatClock('2026-12-06T16:43:58.309Z')}`);
  });
});

describe('files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-cli-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--data naming no file says "cannot read …: no such file" (usage error), not the system’s ENOENT line', () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const path = join(dir, 'nonexist.json');
    expect(() => jsonFileOption('test', '--data', path, TestData)).toThrow('exit 2');
    expect(errors).toEqual([`chargebench test: --data: cannot read ${path}: no such file`]);
  });

  it.skipIf(process.platform === 'win32')('writes every report 0644, a new file and one left private (0600) alike', async () => {
    const fresh = join(dir, 'r.xml');
    const leftPrivate = join(dir, 'r.json');
    writeFileSync(leftPrivate, '{}');
    chmodSync(leftPrivate, 0o600);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const ok = await writeOutputs('test', [
      { option: '--json', label: 'the JSON report', path: leftPrivate, body: async () => '{"a":1}' },
      { option: '--junit', label: 'the JUnit report', path: fresh, body: async () => '<testsuites/>' },
    ]);
    expect(ok).toBe(true);
    expect(statSync(leftPrivate).mode & 0o777).toBe(0o644);
    expect(statSync(fresh).mode & 0o777).toBe(0o644);
  });
});
