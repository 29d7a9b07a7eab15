// What `chargebench test` declares of a charger from its flags: only what a flag says. A flag not given
// leaves what the bench knows (a built-in virtual charger's fixed cable and back-up power) standing.
import { describe, expect, it, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import { caseLines, declaredPics, summaryLine, terminalAsk } from '../../../../src/main/cli/run-on-charger';
import { Interrupt } from '../../../../src/main/cli/interrupt';
import type { OperatorPrompt } from '../../../../src/main/conformance/operator';
import type { CaseResult } from '../../../../src/main/conformance/types';

describe('declaredPics', () => {
  it('declares a fixed cable and back-up power only when their flags are given', () => {
    // commander gives true for --no-connector-lock and --no-reader not given: not declared either.
    expect(declaredPics({ connectorLock: true, reader: true })).toEqual({});
    expect(declaredPics({ fixedCable: true, backupPower: true })).toEqual({ fixedCable: true, backupPower: true });
  });

  it('takes --no-connector-lock, --no-reader and a list of profiles', () => {
    expect(declaredPics({ connectorLock: false, reader: false, profiles: 'Core, SmartCharging' })).toMatchObject({ connectorLock: false, reader: false, profiles: ['Core', 'SmartCharging'] });
  });
});

describe('Ctrl-C at an operator prompt on the terminal', () => {
  /** A terminal as readline sees one: Ctrl-C arrives as a key (raw mode), not as a signal. */
  function terminal() {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const rl = createInterface({ input, output, terminal: true });
    return { rl, key: (k: string) => input.write(k) };
  }
  const prompt: OperatorPrompt = { caseId: 'TC_004_1_CS', step: 3, action: { kind: 'presentIdTag', connectorId: 1, idTag: 'VALID' }, text: 'Present the card', timeoutS: 60 };

  // The run's stop withdrawing the question through the real wiring (the service's prompt withdrawn) is in
  // test/integration/cli-run-wiring.test.ts; here the question is withdrawn by hand.
  it('stops the run (not a time-out), a withdrawn question ends as stopped, and a second Ctrl-C quits at once with 130 saying what may be left', async () => {
    const { rl, key } = terminal();
    const logs: string[] = [];
    const errors: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m));
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const exits: number[] = [];
    const interrupt = new Interrupt('test', { rl, exit: (s) => exits.push(s), process: false });
    try {
      interrupt.stopsRun('ending the case in progress (inconclusive), putting the charger back, writing the reports');
      interrupt.left = () => 'TC_021_CS was in progress; configuration set: MeterValueSampleInterval=10';
      const withdrawn = new AbortController();
      const answer = terminalAsk(rl)(prompt, withdrawn.signal);
      key('\x03');
      await new Promise((r) => setTimeout(r, 20));
      // The run is told to stop: what waits on the interrupt's signal (the service's stop) is aborted.
      expect([interrupt.by, interrupt.signal.aborted, interrupt.status]).toEqual(['SIGINT', true, 130]);
      expect(logs.join('\n')).toContain('Stopped by Ctrl-C: ending the case in progress (inconclusive), putting the charger back');
      // The stopped run withdraws its question: the prompt ends as stopped, not as nobody answering.
      withdrawn.abort();
      expect(await answer).toBe('stopped');
      expect(logs.join('\n')).not.toContain('nobody answered');
      expect(exits).toEqual([]);
      // A second Ctrl-C while the charger is put back quits at once, naming what may not have been put back.
      key('\x03');
      await new Promise((r) => setTimeout(r, 20));
      expect(exits).toEqual([130]);
      expect(errors).toEqual([
        'chargebench test: stopped by Ctrl-C again, quitting at once: the charger may not have been put back (TC_021_CS was in progress; configuration set: MeterValueSampleInterval=10); no report was written',
      ]);
    } finally {
      interrupt.dispose();
      rl.close();
      vi.restoreAllMocks();
    }
  });

  it('says what the bench is doing when the request is not a step, and what no answer does there', async () => {
    const { rl } = terminal();
    let shown = '';
    (rl as unknown as { output: PassThrough }).output.on('data', (d) => (shown += String(d)));
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m));
    try {
      const during = 'Putting the charger back after TC_003_CS';
      const onTimeout = 'Without an answer the run goes on, and the cable is named with TC_003_CS as perhaps still in (what follows may fail on it).';
      const answer = terminalAsk(rl)({ ...prompt, action: { kind: 'unplug', connectorId: 1 }, text: 'Unplug the cable', during, onTimeout, timeoutS: 0.05 }, new AbortController().signal);
      expect(await answer).toBe('timeout');
      expect(shown).toContain(`>>> ${during}: Unplug the cable`);
      // Which request, when its time was up, and what that does (the run goes on: nothing is given up).
      expect(logs.join('\n')).toMatch(
        new RegExp(`Nobody answered in time: putting the charger back after TC_003_CS \\(Unplug the cable\\) ran out of time at [^.]+\\. ${onTimeout.replace(/[()]/g, '\\$&')}`),
      );
      expect(logs.join('\n')).not.toContain('inconclusive');
    } finally {
      rl.close();
      vi.restoreAllMocks();
    }
  });

  it('still says when nobody answered in time', async () => {
    const { rl } = terminal();
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m));
    try {
      const answer = terminalAsk(rl)({ ...prompt, timeoutS: 0.05 }, new AbortController().signal);
      expect(await answer).toBe('timeout');
      expect(logs.join('\n')).toContain('Nobody answered in time: TC_004_1_CS step 3 (Present the card) ended as inconclusive at');
    } finally {
      rl.close();
      vi.restoreAllMocks();
    }
  });
});

describe('progress lines', () => {
  const result = (verdict: CaseResult['verdict'], id: string, reason: string | null = null) =>
    ({ id, title: 'A case', verdict, reason, decidingStep: null, observations: [] }) as unknown as CaseResult;

  it('lines up the case ids whatever the verdict, NOT SUPPORTED and INCONCLUSIVE included, and the reason under them', () => {
    const lines = (['pass', 'fail', 'notApplicable', 'inconclusive', 'error', 'notSupported'] as const).map((v) => caseLines(result(v, 'TC_074_CS', 'why'), 0));
    const column = lines[0]![0]!.indexOf('TC_074_CS');
    for (const [head, why] of lines.slice(1)) expect([head!.indexOf('TC_074_CS'), why!.indexOf('why')]).toEqual([column, column]);
  });

  it("prints a step's notes under it whatever its verdict, and no protocol observation", () => {
    const step = {
      ...result('pass', 'C8_SESSION'),
      observations: [
        { at: '', text: 'MeterValues outside the script', messageId: 'm1' },
        { at: '', text: 'The charger was offline for 30 s during the session', messageId: null, note: true },
      ],
    } as CaseResult;
    const lines = caseLines(step, 0);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.trim()).toBe('Note: The charger was offline for 30 s during the session');
  });

  it('says "1 case" and "1 error", and the plural otherwise', () => {
    expect(summaryLine('case', [result('notSupported', 'TC_074_CS')], 1000, null)).toMatch(/^1 case: 0 passed, .* 0 errors, 1 not supported; 1\.0 s$/);
    expect(summaryLine('step', [result('error', 'C3'), result('pass', 'C4')], 1000, null)).toMatch(/^2 steps: 1 passed, .* 1 error; /);
  });
});
