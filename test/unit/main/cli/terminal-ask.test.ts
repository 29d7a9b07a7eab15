// A request asked on the terminal that goes away unanswered while the person types: the run's own timer
// withdraws it at its deadline (as the bench does, just before the terminal's own timer), and the run asks
// the next at once. The terminal says which request timed out and when, as the UI's notice does; a late Enter
// aimed at it only acknowledges that, and the next request is shown after it; an answer typed for a request
// that has closed is never given to the next one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import { answerIfOpen, terminalAsk } from '../../../../src/main/cli/terminal-ask';
import { formatClock } from '../../../../src/shared/format/time';
import type { OperatorAnswer, OperatorPrompt } from '../../../../src/shared/api/test-runs';
import { plugPrompt, powerCyclePrompt } from '../../../helpers/operator-prompts';

afterEach(() => vi.restoreAllMocks());

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d) => (shown += String(d)));
  const rl = createInterface({ input, output, terminal: true });
  const logs: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(String(m)));
  return { rl, key: (k: string) => input.write(k), shown: () => shown, logs };
}

/** TC_001_CS step 2, 30 s to answer, its deadline `inMs` from now. */
const powerCycle = (inMs: number): OperatorPrompt => powerCyclePrompt(Date.now() + inMs - 30_000);

/** TC_003_CS step 1, asked now with 30 s to answer. */
const plug = (): OperatorPrompt => plugPrompt(Date.now());

describe('a request that times out while the person types', () => {
  it('says which request timed out and when, and a late Enter does not answer the next request', async () => {
    const t = terminal();
    try {
      const ask = terminalAsk(t.rl);
      const a = powerCycle(200);
      // The run's timer withdraws it at its deadline, before the terminal's own (as the bench's fires first).
      const withdrawnA = new AbortController();
      setTimeout(() => withdrawnA.abort(), 100);
      const first = ask(a, withdrawnA.signal);
      t.key('c');
      expect(await first).toBe('timeout');
      expect(t.logs.join('\n')).toContain(
        `Nobody answered in time: TC_001_CS step 2 (Switch the charger off at the mains, wait 10 seconds, switch it on again) ended as inconclusive at ${formatClock(a.deadline!)}.`,
      );
      // The run asks the next at once; the person's Enter, aimed at the request that went away, comes now.
      const b = plug();
      let answered: OperatorAnswer | null = null;
      const second = ask(b, new AbortController().signal).then((x) => (answered = x));
      const notice = `The run has asked something else since (TC_003_CS step 1, asked at ${formatClock(b.issuedAt!)}), to be answered by ${formatClock(b.deadline!)}: press Enter to see it`;
      await tick();
      expect(t.shown()).toContain(notice);
      expect(t.shown()).not.toContain('>>> TC_003_CS step 1');
      t.key('\r');
      await tick();
      // The late Enter only said the notice was read: the next request is shown now, after it, and not answered.
      expect(answered).toBeNull();
      expect(t.shown().indexOf('>>> TC_003_CS step 1: Plug the EV cable into connector 1, then press Done.')).toBeGreaterThan(t.shown().indexOf(notice));
      t.key('s\r');
      expect(await second).toBe('skip');
    } finally {
      t.rl.close();
    }
  });

  it('says a request closed before its time (answered at another screen) once the run asks again, and the next waits for Enter', async () => {
    const t = terminal();
    try {
      const ask = terminalAsk(t.rl);
      const a = powerCycle(20_000);
      const withdrawnA = new AbortController();
      const first = ask(a, withdrawnA.signal);
      await tick();
      withdrawnA.abort();
      expect(await first).toBe('stopped');
      // Nothing said yet: a run that stopped asks nothing more.
      expect(t.logs.join('\n')).not.toContain('was closed');
      let answered: OperatorAnswer | null = null;
      const second = ask(plug(), new AbortController().signal).then((x) => (answered = x));
      await tick();
      expect(t.logs.join('\n')).toMatch(/TC_001_CS step 2 \(Switch the charger off .*\) was closed at .*, before its time was up, without an answer from this terminal \(answered at another screen/);
      expect(t.shown()).toContain('press Enter to see it');
      expect(t.shown()).not.toContain('>>> TC_003_CS step 1');
      t.key('\r');
      await tick();
      expect(answered).toBeNull();
      expect(t.shown()).toContain('>>> TC_003_CS step 1');
      t.key('c\r');
      expect(await second).toBe('cannot');
    } finally {
      t.rl.close();
    }
  });

  it('asks the next request at once when the one before was answered here', async () => {
    const t = terminal();
    try {
      const ask = terminalAsk(t.rl);
      const first = ask(powerCycle(20_000), new AbortController().signal);
      await tick();
      t.key('\r');
      expect(await first).toBe('done');
      const second = ask(plug(), new AbortController().signal);
      await tick();
      expect(t.shown()).toContain('>>> TC_003_CS step 1');
      expect(t.shown()).not.toContain('press Enter to see it');
      t.key('s\r');
      expect(await second).toBe('skip');
    } finally {
      t.rl.close();
    }
  });
});

describe('an answer typed for a request that has closed', () => {
  it('is not given to the request open now, and the terminal says so', () => {
    const lines: string[] = [];
    const given: string[] = [];
    const a = powerCycle(20_000);
    expect(
      answerIfOpen(
        a,
        'done',
        plug(),
        (x) => given.push(x),
        (l) => lines.push(l),
      ),
    ).toBe(false);
    expect(given).toEqual([]);
    expect(lines).toEqual(['    (Your “Done” for TC_001_CS step 2 came after that request had closed: it was not taken)']);
    // The request it was typed for, still open: given.
    expect(
      answerIfOpen(
        a,
        'cannot',
        a,
        (x) => given.push(x),
        (l) => lines.push(l),
      ),
    ).toBe(true);
    expect(given).toEqual(['cannot']);
    // Nobody answered, or the question was withdrawn: nothing to give.
    expect(answerIfOpen(a, 'timeout', a, (x) => given.push(x))).toBe(false);
  });
});
