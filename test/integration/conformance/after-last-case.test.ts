// A run whose every case ended stays a finished run when the bench fails after its cases (the disk filling
// up, the record refusing the ChangeConfiguration that puts MinimumStatusDuration back): its verdicts stand,
// and the problem is named after the cases in the API, the HTML, the JUnit and the CLI. It is not "Could not
// run" with "0 of N planned cases not run".
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from '../../../src/main/core/bench';
import type { VirtualTarget } from '../../../src/main/conformance/virtual';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { defaultTestData } from '../../../src/main/conformance/test-data';
import { runOnCharger } from '../../../src/main/cli/run-on-charger';
import { startVirtualRunBench, type VirtualRunBench } from '../../helpers/virtual-run';

const ids = ['TC_017_1_CS'];
const cases = octt16Cases.filter((c) => ids.includes(c.id));
const afterLast = /^After the last case, the bench could not put MinimumStatusDuration back to 5 \(the run had set it to 0\): Nothing was sent: No space left on the disk/;

let bench: Bench;
let target: VirtualTarget;
let out: string;
let cli: VirtualRunBench['cli'];
let stop: VirtualRunBench['stop'];
beforeAll(async () => void ({ bench, target, out, cli, stop } = await startVirtualRunBench('after-last-case', { chargerId: 'ALC-1', connectors: 1, ftpPort: 0 })), 60_000);
afterAll(() => stop());
afterEach(() => vi.restoreAllMocks());

/** The charger reports MinimumStatusDuration 5 (the run sets it to 0 for its cases and puts it back after them); the disk fills up once the last case has ended. */
async function diskFillsAfterTheLastCase(): Promise<() => void> {
  const set = await bench.operations.operateByName(target.id, 'ChangeConfiguration', { key: 'MinimumStatusDuration', value: '5' }, {});
  expect(set).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
  return bench.bus.subscribe((e) => {
    if (e.type !== 'testCaseFinished' || e.result.id !== ids.at(-1)) return;
    vi.spyOn(bench.record, 'writable', 'get').mockReturnValue(false);
    vi.spyOn(bench.record, 'problem', 'get').mockReturnValue({ kind: 'diskFull' } as never);
  });
}

describe('a run that fails after its last case', () => {
  it('is finished with its verdicts, and names the problem after the cases in the API, the HTML and the JUnit', async () => {
    const off = await diskFillsAfterTheLastCase();
    const { runId } = bench.conformance.start({ chargerId: target.id, cases: ids });
    const run = await bench.conformance.settled(runId).finally(off);
    vi.restoreAllMocks();
    expect(run.state).toBe('finished');
    expect(run.cases.map((c) => c.id)).toEqual(ids);
    expect(run.error).toMatch(afterLast);
    expect(bench.conformance.get(runId)).toMatchObject({ state: 'finished', error: run.error });
    const listed = bench.conformance.list(target.id).find((r) => r.id === runId)!;
    expect(listed.state).toBe('finished');
    expect(listed).not.toHaveProperty('planned');

    const html = (await bench.conformance.report(runId, 'html')).body as string;
    expect(html).not.toContain('<p class="could-not-run"');
    expect(html).not.toContain('· stopped');
    expect(html).toMatch(/<h2>After the last case<\/h2><p class="warn" role="alert">After the last case, the bench could not put MinimumStatusDuration back to 5/);

    const xml = (await bench.conformance.report(runId, 'junit')).body as string;
    expect(xml).not.toContain('could not be carried out');
    expect(xml).toMatch(/<system-err>[^<]*After the last case, the bench could not put MinimumStatusDuration back to 5/);
    // Red for a CI that reads only the JUnit, as the CLI's exit status is: an <error> testcase after the cases.
    expect(xml).toMatch(
      /<testsuite name="OCTT 1\.6 after the last case \([^)]*\)" tests="1" failures="0" errors="1"[^>]*>\s*<testcase classname="octt16\.run"[^>]*>\s*<error message="After the last case, the bench could not put MinimumStatusDuration back to 5/,
    );
    expect(xml).toMatch(/<testsuites [^>]*errors="1"/);
  }, 60_000);

  it('the CLI prints the verdicts and the problem, not "Could not run"; exit status 1', async () => {
    const off = await diskFillsAfterTheLastCase();
    const { open, logs, errors } = cli();
    const junit = join(out, 'cli.xml');
    const code = await runOnCharger({ command: 'test', opts: { virtual: true }, cases, data: defaultTestData(), junit, open }).finally(off);
    expect(code).toBe(1);
    const text = logs.join('\n');
    expect(text).not.toMatch(/Could not run/);
    expect(text).toMatch(/^1 case: /m);
    expect(errors.some((e) => /^chargebench test: After the last case, the bench could not put MinimumStatusDuration back to 5/.test(e))).toBe(true);
    expect(readFileSync(junit, 'utf8')).not.toContain('could not be carried out');
  }, 60_000);
});
