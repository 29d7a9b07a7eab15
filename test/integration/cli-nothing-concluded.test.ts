// `chargebench test` when the run concluded nothing: no case failed or erred, but none passed (every case
// that ran was inconclusive or did not apply): exit status 5, not 0, so a CI that certified nothing does
// not go green, with a closing line that says why; --strict makes any inconclusive case 5; a failure (1)
// and a report not written (3) come first.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from '../../src/main/core/bench';
import type { VirtualTarget } from '../../src/main/conformance/virtual';
import { VirtualOperator } from '../../src/main/conformance/operator';
import { octt16Cases } from '../../src/main/conformance/octt16';
import { defaultTestData } from '../../src/main/conformance/test-data';
import { runOnCharger } from '../../src/main/cli/run-on-charger';
import { startVirtualRunBench, type VirtualRunBench } from '../helpers/virtual-run';

const bin = join(process.cwd(), 'bin', 'chargebench.mjs');

afterEach(() => {
  vi.restoreAllMocks();
});

const cases = (ids: string[]) => octt16Cases.filter((c) => ids.includes(c.id));

describe('chargebench test --virtual, as a CI runs it', () => {
  it('exits 5 when every case run did not apply, saying why on its last line; the run itself is as before', async () => {
    const out = mkdtempSync(join(tmpdir(), 'chargebench-nothing-concluded-'));
    try {
      // The Reservation case against a charger declared without the profile: it does not apply.
      const args = [bin, 'test', '--virtual', '--profiles', 'Core', '--cases', 'TC_046_1_CS', '--json', join(out, 'r.json')];
      const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = execFile(process.execPath, args, (_e, stdout) => resolve({ code: child.exitCode, stdout }));
      });
      expect(stdout).toMatch(/N\/A\s+TC_046_1_CS/);
      expect(stdout).toContain('1 case: 0 passed, 0 failed, 1 not applicable');
      expect(stdout.trimEnd().split('\n').at(-1)).toBe('Nothing concluded: 1 case not applicable, none passed (exit status 5)');
      expect(code).toBe(5);
      expect(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'))).toMatchObject({ state: 'finished', summary: { pass: 0, fail: 0, error: 0, notApplicable: 1 } });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('runOnCharger on a bench on fake time whose virtual charger will not plug in (the operator step skipped)', () => {
  let bench: Bench;
  let dataDir: string;
  let target: VirtualTarget;
  let cli: VirtualRunBench['cli'];
  let stop: VirtualRunBench['stop'];
  beforeAll(async () => void ({ bench, dataDir, target, cli, stop } = await startVirtualRunBench('nothing-concluded-run', { chargerId: 'NOTHING-CONCLUDED', connectors: 1, ftpPort: 0 })), 60_000);
  afterAll(() => stop());

  /** The charger's operator skips plugging in: a case that plugs in ends inconclusive. */
  function skipPlugging() {
    const perform = VirtualOperator.prototype.perform;
    vi.spyOn(VirtualOperator.prototype, 'perform').mockImplementation(function (this: VirtualOperator, p) {
      return p.action.kind === 'plug' ? Promise.resolve('skip') : perform.call(this, p);
    });
  }

  async function run(ids: string[], opts: Record<string, unknown> = {}) {
    const { open, logs } = cli();
    const code = await runOnCharger({ command: 'test', opts: { virtual: true, ...opts }, cases: cases(ids), data: defaultTestData(), open });
    const run = bench.conformance.list(target.id)[0]!;
    vi.restoreAllMocks();
    return { code, logs, summary: run.summary };
  }

  it('exits 5 when the only case was inconclusive, and says so last', async () => {
    skipPlugging();
    const { code, logs, summary } = await run(['TC_003_CS']);
    expect(summary).toMatchObject({ pass: 0, fail: 0, error: 0, inconclusive: 1 });
    expect(logs.at(-1)).toBe('Nothing concluded: 1 case inconclusive, none passed (exit status 5)');
    expect(code).toBe(5);
  }, 60_000);

  it('exits 0 when a case passed beside the inconclusive one, and 5 with --strict', async () => {
    skipPlugging();
    const plain = await run(['TC_003_CS', 'TC_019_CS']);
    expect(plain.summary).toMatchObject({ pass: 1, fail: 0, error: 0, inconclusive: 1 });
    expect(plain.logs.join('\n')).not.toContain('exit status 5');
    expect(plain.code).toBe(0);
    skipPlugging();
    const strict = await run(['TC_003_CS', 'TC_019_CS'], { strict: true });
    expect(strict.summary).toMatchObject({ pass: 1, fail: 0, error: 0, inconclusive: 1 });
    expect(strict.logs.at(-1)).toBe('Inconclusive under --strict: 1 case inconclusive, 1 passed, none failed (exit status 5)');
    expect(strict.code).toBe(5);
    // Nothing inconclusive: --strict leaves a passing run at 0.
    const clean = await run(['TC_019_CS'], { strict: true });
    expect(clean.code).toBe(0);
  }, 60_000);

  it('puts a report not written (3) before nothing concluded, and says nothing of 5 then', async () => {
    skipPlugging();
    const { code, logs } = await run(['TC_003_CS'], { json: join(dataDir, 'no-such-dir', 'r.json') });
    expect(code).toBe(3);
    expect(logs.join('\n')).not.toContain('exit status 5');
  }, 60_000);
});
