// TC_044_1_CS installs the test's firmware file on the charger (the bench's dummy image), which the bench
// cannot undo. The case names it as not put back (and the next case begins with it), and the run records the
// firmware at its end beside the one at its start and says it was replaced and not restored: in the API's
// run, the HTML report, the JUnit and the evidence pack's charger.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { Bench } from '../../../src/main/core/bench';
import type { VirtualTarget } from '../../../src/main/conformance/virtual';
import { startVirtualRunBench, type VirtualRunBench } from '../../helpers/virtual-run';
import { waitFor } from '../../helpers/bench';

let bench: Bench;
let target: VirtualTarget;
let stop: VirtualRunBench['stop'];
beforeAll(async () => void ({ bench, target, stop } = await startVirtualRunBench('firmware-replaced', { chargerId: 'FW-VCP', connectors: 1, ftpPort: 0 })), 60_000);
afterAll(() => stop());

const DUMMY = 'chargebench-octt-1.0.1';

describe('a run whose firmware case installs the test’s file', () => {
  it('says the firmware was replaced and not restored, with the firmware at the start and at the end', async () => {
    // The firmware the virtual charger booted with, once the record has its BootNotification.
    const before = await waitFor(async () => {
      await bench.record.settled();
      return bench.record.chargers.get(target.id)?.boot?.firmwareVersion ?? null;
    }, 20_000);
    expect(before).not.toBe(DUMMY);
    const { runId } = bench.conformance.start({ chargerId: target.id, cases: ['TC_044_1_CS', 'TC_044_2_CS'] });
    const run = await bench.conformance.settled(runId);
    expect(run.cases.map((c) => [c.id, c.verdict])).toEqual([
      ['TC_044_1_CS', 'pass'],
      ['TC_044_2_CS', 'pass'],
    ]);
    // The charger does run the test's file now.
    expect(bench.record.chargers.get(target.id)?.boot?.firmwareVersion).toBe(DUMMY);

    // The case says it did not put the firmware back, and the next case began with it.
    const [install, next] = run.cases;
    const replaced = new RegExp(
      `^the charger's firmware was replaced by the test's file and not restored: it runs ${DUMMY} now \\(${before!.replace(/\./g, '\\.')} before TC_044_1_CS; UpdateFirmware location \\S+`,
    );
    expect(install!.cleanupProblems).toEqual([expect.stringMatching(replaced)]);
    expect(next!.notPutBack).toEqual({ after: 'TC_044_1_CS', problems: install!.cleanupProblems });
    expect(next!.cleanupProblems).toEqual([]);

    // The run: the firmware at the start as it was, at the end the test's file, and the run's end names it.
    const got = bench.conformance.get(runId);
    expect(got.charger.firmware).toBe(before);
    expect(got.firmwareAtEnd).toBe(DUMMY);
    expect(got.firmwareReplacedBy).toEqual({ caseId: 'TC_044_1_CS', location: expect.stringContaining('chargebench-octt-1.0.1.bin') });
    expect(got.notPutBackAtEnd).toEqual([expect.stringContaining(`The charger's firmware was replaced by the test's file by TC_044_1_CS's UpdateFirmware`)]);
    expect(got.notPutBackAtEnd![0]).toContain(`it ran ${before} at the start of the run and runs ${DUMMY} at its end`);
    // Not a failure of the run: its cases stand, and it finished.
    expect(got.state).toBe('finished');
    expect(got.error).toBeUndefined();

    const html = (await bench.conformance.report(runId, 'html')).body as string;
    expect(html).toContain(`<dt>Firmware</dt><dd>${before} at the start; ${DUMMY} at the end (replaced by TC_044_1_CS's file, not restored)</dd>`);
    expect(html).toContain(`<h2>After the last case</h2><p>Not put back at the end of the run:</p><ul class="warn"><li>The charger's firmware was replaced by the test's file`);
    expect(html).toContain("Could not put back afterwards: the charger's firmware was replaced");

    const junit = (await bench.conformance.report(runId, 'junit')).body as string;
    expect(junit).toContain("Not put back after the case: the charger's firmware was replaced");
    expect(junit).toContain("Not put back at the end of the run: The charger's firmware was replaced by the test's file");
    // A note, not an error: no testcase of its own.
    expect(junit).not.toContain('after the last case');

    const json = JSON.parse((await bench.conformance.report(runId, 'json')).body as string);
    expect(json).toMatchObject({ charger: { firmware: before }, firmwareAtEnd: DUMMY, notPutBackAtEnd: got.notPutBackAtEnd });

    const zip = unzipSync((await bench.conformance.report(runId, 'evidence')).body as Uint8Array);
    const charger = JSON.parse(strFromU8(zip['charger.json']!));
    expect(charger).toMatchObject({ firmwareAtStart: before, firmwareAtEnd: DUMMY, firmwareReplacedBy: { caseId: 'TC_044_1_CS' }, notPutBackAtEnd: got.notPutBackAtEnd });

    // The next run on the charger starts on the test's file, and records no change (none happened in it).
    const again = await bench.conformance.settled(bench.conformance.start({ chargerId: target.id, cases: ['TC_044_2_CS'] }).runId);
    expect(again.charger.firmware).toBe(DUMMY);
    expect(again.firmwareAtEnd).toBe(DUMMY);
    expect(again.notPutBackAtEnd).toBeUndefined();
  }, 120_000);
});
