// MinimumStatusDuration, set to 0 by a run for its cases, is put back after them; when it could not be (the
// charger offline when the run was stopped, or refusing the ChangeConfiguration), the run says so after its
// cases rather than ending with the charger left at 0 without a word. Not only a throw: the bench's send
// answers an offline charger with an outcome, and a Rejected answer is an answer.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { afterCasesProblem } from '../../../src/main/conformance/after-cases';
import { waitFor } from '../../helpers/bench';

const ids = ['TC_017_1_CS'];

let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-msd-back-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  target = await virtualTarget(bench, 'MSD-1', 1);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

const vcp = () => bench.virtualChargers.charger(target.id);

/** The charger reports MinimumStatusDuration 5: the run sets it to 0 for its cases and puts it back after them. */
async function minimumStatusDuration5(): Promise<void> {
  const set = await bench.operations.operateByName(target.id, 'ChangeConfiguration', { key: 'MinimumStatusDuration', value: '5' }, {});
  expect(set).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
}

describe('MinimumStatusDuration not put back after the cases', () => {
  it('the charger refusing it: the run names it after its cases (verdicts kept)', async () => {
    await minimumStatusDuration5();
    const config = vcp().config;
    const change = config.change.bind(config);
    // The charger takes 0 for the run, then refuses any other value.
    vi.spyOn(config, 'change').mockImplementation((key, value) => (key === 'MinimumStatusDuration' && value !== '0' ? { status: 'Rejected' } : change(key, value)));
    const { runId } = bench.conformance.start({ chargerId: target.id, cases: ids });
    const run = await bench.conformance.settled(runId);
    vi.restoreAllMocks();
    expect(run.state).toBe('finished');
    expect(run.cases.map((c) => c.id)).toEqual(ids);
    expect(run.error).toBe('After the last case, MinimumStatusDuration was not put back to 5: it is still 0 on the charger (the charger answered ChangeConfiguration with Rejected)');
    expect(afterCasesProblem(run)).toBe(run.error);
    expect(vcp().config.string('MinimumStatusDuration')).toBe('0');
    const html = (await bench.conformance.report(runId, 'html')).body as string;
    expect(html).toMatch(/<h2>After the last case<\/h2><p class="warn" role="alert">After the last case, MinimumStatusDuration was not put back to 5: it is still 0 on the charger/);
    // Put right for the next test.
    expect(await bench.operations.operateByName(target.id, 'ChangeConfiguration', { key: 'MinimumStatusDuration', value: '0' }, {})).toMatchObject({ outcome: 'completed' });
  }, 60_000);

  it('stopped with the charger offline: the run says MinimumStatusDuration is still 0 on the charger', async () => {
    await minimumStatusDuration5();
    let offline = false;
    // Once the case is under way, the charger drops off the network with no end.
    const off = bench.bus.subscribe((e) => {
      if (offline || e.type !== 'testRunChanged' || !e.run.caseId) return;
      offline = true;
      vcp().setFaults({ offline: true, offlineSeconds: 0 });
    });
    const { runId } = bench.conformance.start({ chargerId: target.id, cases: ids });
    try {
      await waitFor(async () => (offline && !bench.centralSystem.isConnected(target.id) ? true : null), 30_000);
      bench.conformance.stop(runId);
      const run = await bench.conformance.settled(runId);
      expect(run.state).toBe('stopped');
      expect(run.error).toBe('After the last case, MinimumStatusDuration was not put back to 5: it is still 0 on the charger (it was offline when the run was stopped)');
      expect(afterCasesProblem(run)).toBe(run.error);
      expect(vcp().config.string('MinimumStatusDuration')).toBe('0');
    } finally {
      off();
      vcp().setFaults({ offline: false });
    }
  }, 60_000);
});
