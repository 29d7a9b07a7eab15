// A run the bench could not carry out (the charger's configuration unreadable: its GetConfiguration
// unanswered; the charger offline and never connecting) ends as such, state `error` with why: not as
// stopped (nobody stopped it). Every face says so: the API's run and list (why, how many cases were planned),
// the JUnit (an <error> naming why, so a CI reading only the JUnit sees red), the HTML, and the CLI's closing
// line (why, how many cases were planned and not run; exit status 1). A stop during the run's setup stops it.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from '../../../src/main/core/bench';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { defaultTestData } from '../../../src/main/conformance/test-data';
import { runOnCharger } from '../../../src/main/cli/run-on-charger';
import { waitFor } from '../../helpers/bench';
import { startVirtualRunBench, type VirtualRunBench } from '../../helpers/virtual-run';

const ids = ['TC_017_1_CS', 'TC_040_1_CS'];
const cases = octt16Cases.filter((c) => ids.includes(c.id));
const unanswered = /^GetConfiguration got no answer \(timeout\)/;

let bench: Bench;
let target: VirtualTarget;
let out: string;
/** `chargebench test` on this bench, its signals heard through the returned Interrupt; its printed lines. */
let cli: VirtualRunBench['cli'];
let stop: VirtualRunBench['stop'];
// On fake time: the charger's and the operator's time-outs pass at once.
beforeAll(async () => void ({ bench, target, out, cli, stop } = await startVirtualRunBench('could-not-run', { chargerId: 'CNR-1', connectors: 1, ftpPort: 0 })), 60_000);
afterAll(() => stop());
afterEach(() => {
  vi.restoreAllMocks();
  bench.virtualChargers.setFaults(target.id, { actions: {} });
});

describe('a run whose charger does not answer GetConfiguration', () => {
  it('ends as could not run (state error) with why, in the API, the list, the JUnit and the HTML', async () => {
    bench.virtualChargers.setFaults(target.id, { actions: { GetConfiguration: { mode: 'ignore' } } });
    const { runId } = bench.conformance.start({ chargerId: target.id, cases: ids });
    const run = await bench.conformance.settled(runId);
    expect(run).toMatchObject({ state: 'error', cases: [], planned: ids });
    expect(run.error).toMatch(unanswered);
    expect(bench.conformance.get(runId)).toMatchObject({ state: 'error', error: run.error });
    // The list says why and how many without reading the run's stored result.
    const read = vi.spyOn(bench.record.testRuns, 'get');
    expect(bench.conformance.list(target.id).find((r) => r.id === runId)).toMatchObject({ state: 'error', error: run.error, planned: 2 });
    expect(read).not.toHaveBeenCalled();

    const xml = (await bench.conformance.report(runId, 'junit')).body as string;
    // A CI that reads only the JUnit sees red, and why.
    expect(xml).toMatch(/<testsuites [^>]*tests="\d+" failures="0" errors="1"/);
    expect(xml).toContain(`<error message="The run could not be carried out: GetConfiguration got no answer (timeout)`);
    expect(xml).toContain('2 of 2 planned cases were not run.');
    for (const id of ids) expect(xml).toMatch(new RegExp(`name="${id} [^"]*" time="0.000">\\s*<skipped message="not run: the run could not be carried out: GetConfiguration got no answer`));

    const html = (await bench.conformance.report(runId, 'html')).body as string;
    expect(html).toContain('<p class="could-not-run" role="alert"><b>Could not run.</b> The bench could not carry the run out: GetConfiguration got no answer (timeout)');
    expect(html).not.toContain('· stopped');
  }, 60_000);

  it('the CLI says the run could not be carried out, why, and how many cases were planned and not run; exit status 1', async () => {
    bench.virtualChargers.setFaults(target.id, { actions: { GetConfiguration: { mode: 'ignore' } } });
    const { open, logs, errors } = cli();
    const junit = join(out, 'cli.xml');
    const code = await runOnCharger({ command: 'test', opts: { virtual: true }, cases, data: defaultTestData(), junit, open });
    expect(code).toBe(1);
    const text = logs.join('\n');
    expect(text).toMatch(/^Could not run: GetConfiguration got no answer \(timeout\): the charger's capabilities cannot be read; 2 of 2 planned cases not run; \d+\.\d s/m);
    expect(text).not.toMatch(/^0 cases: /m);
    expect(errors).toContain("chargebench test: the run could not be carried out: GetConfiguration got no answer (timeout): the charger's capabilities cannot be read");
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites [^>]*errors="1"/);
  }, 60_000);
});

describe('a run on a charger that is offline', () => {
  it('waits for it, then ends as could not run, saying it was offline and for how long it was waited for', async () => {
    const offline = await virtualTarget(bench, 'CNR-OFF', 1);
    await bench.virtualChargers.stop(offline.id);
    await waitFor(() => !bench.connectedChargers().includes(offline.id), 10_000);
    const { runId } = bench.conformance.start({ chargerId: offline.id, cases: ids, data: { operatorTimeoutS: 120 } });
    const run = await bench.conformance.settled(runId);
    expect(run).toMatchObject({ state: 'error', cases: [], error: "CNR-OFF was offline and did not connect within 120 s (the test data's operatorTimeoutS); no case was run" });
  }, 60_000);
});

describe('a stop while the run is set up', () => {
  it('stops the run: SIGTERM right after the run is created ends it stopped, with no case run, exit 143', async () => {
    const { open, interrupt, logs } = cli();
    const start = bench.conformance.start.bind(bench.conformance);
    let started: string | null = null;
    vi.spyOn(bench.conformance, 'start').mockImplementation((args) => {
      const r = start(args);
      started = r.runId;
      // The signal the moment the run exists, before it has read the charger.
      queueMicrotask(() => interrupt.heard('SIGTERM'));
      return r;
    });
    const code = await runOnCharger({ command: 'test', opts: { virtual: true }, cases, data: defaultTestData(), open });
    expect(code).toBe(143);
    expect(bench.conformance.get(started!)).toMatchObject({ state: 'stopped', cases: [] });
    expect(logs.join('\n')).toMatch(/^Stopped by SIGTERM: 0 of 2 cases ended$/m);
  }, 60_000);
});
