// At a run's start the bench sets MinimumStatusDuration to 0 (so every status is reported): the charger's
// answer is checked. One that does not take 0 (a refusal, a CALLERROR) is named before the first case, with
// what it means for the cases that wait for a status, and the run's end does not "put back" a value that
// was never changed. RebootRequired is named too (0 only after a reboot), and its value is put back.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { minimumStatusDurationAtStart } from '../../../src/main/conformance/min-status-duration';

const ids = ['TC_017_1_CS'];

let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-msd-start-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  target = await virtualTarget(bench, 'MSDSTART-1', 1);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  vcp().connection.misbehaviours.set([]);
});

const vcp = () => bench.virtualChargers.charger(target.id);

/** Runs the case on a charger with MinimumStatusDuration 5; with the values the bench sent for the key during the run. */
async function runFrom5(arrange: () => void) {
  const set = await bench.operations.operateByName(target.id, 'ChangeConfiguration', { key: 'MinimumStatusDuration', value: '5' }, {});
  expect(set).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
  arrange();
  const sent: string[] = [];
  const off = bench.bus.subscribe((e) => {
    if (e.type !== 'frameLogged' || e.message.chargerId !== target.id || e.message.direction !== 'out' || e.message.action !== 'ChangeConfiguration') return;
    const p = (JSON.parse(e.message.raw) as [number, string, string, { key: string; value: string }])[3];
    if (p.key === 'MinimumStatusDuration') sent.push(p.value);
  });
  try {
    const { runId } = bench.conformance.start({ chargerId: target.id, cases: ids });
    const run = await bench.conformance.settled(runId);
    return { run, sent };
  } finally {
    off();
  }
}

/** The charger answers `status` to MinimumStatusDuration 0 and leaves it as it is; other values as usual. */
const answering0 = (status: string) => () => {
  const config = vcp().config;
  const change = config.change.bind(config);
  vi.spyOn(config, 'change').mockImplementation((key, value) => (key === 'MinimumStatusDuration' && value === '0' ? ({ status } as never) : change(key, value)));
};

describe('MinimumStatusDuration 0 at the start of a run, checked', () => {
  it('refused: named before the first case (UI, report), not put back at the end, and cases put back to its own value', async () => {
    const { run, sent } = await runFrom5(answering0('Rejected'));
    const note =
      'MinimumStatusDuration stays 5 (the bench sets MinimumStatusDuration to 0 for the run so every status is reported): the charger answered ChangeConfiguration with Rejected; the charger may hold back a status that lasts less than 5 s, so a case waiting for a StatusNotification may fail or pass because of it';
    expect(run.state).toBe('finished');
    expect(run.setupProblems).toEqual([note]);
    // Only the attempt at the start: nothing was changed, so nothing is put back (and no problem after the cases).
    expect(sent).toEqual(['0']);
    expect(run.error).toBeUndefined();
    expect(run.pics?.config.MinimumStatusDuration).toBe('5');
    expect(vcp().config.string('MinimumStatusDuration')).toBe('5');
    const html = (await bench.conformance.report(run.id, 'html')).body as string;
    expect(html).toContain('<h2>Before the first case</h2>');
    expect(html).toContain('MinimumStatusDuration stays 5 (the bench sets MinimumStatusDuration to 0 for the run so every status is reported): the charger answered ChangeConfiguration with Rejected');
  }, 60_000);

  it('answered with a CALLERROR: named, and not put back', async () => {
    const { run, sent } = await runFrom5(() =>
      vcp().connection.misbehaviours.set([{ kind: 'answer', action: 'ChangeConfiguration', where: { key: 'MinimumStatusDuration', value: '0' }, callError: 'NotSupported' }]),
    );
    expect(run.setupProblems).toEqual([expect.stringMatching(/^MinimumStatusDuration stays 5 \(.*\): the charger answered ChangeConfiguration with a CALLERROR NotSupported/)]);
    expect(sent).toEqual(['0']);
    expect(run.error).toBeUndefined();
  }, 60_000);

  it('RebootRequired: named (0 only after a reboot), and its own value put back at the end', async () => {
    const { run, sent } = await runFrom5(answering0('RebootRequired'));
    expect(run.setupProblems).toEqual([expect.stringMatching(/^MinimumStatusDuration is 5 until the charger reboots \(.*\): the charger answered RebootRequired/)]);
    expect(sent).toEqual(['0', '5']);
    expect(run.error).toBeUndefined();
  }, 60_000);

  it('accepted: nothing named, and put back at the end', async () => {
    const { run, sent } = await runFrom5(() => undefined);
    expect(run.setupProblems).toBeUndefined();
    expect(sent).toEqual(['0', '5']);
    expect(vcp().config.string('MinimumStatusDuration')).toBe('5');
  }, 60_000);

  it('no answer, or a dropped connection after sending: may have changed, so named and put back', () => {
    const timeout = minimumStatusDurationAtStart({ outcome: 'timeout', error: { description: 'x' } }, '5', 30);
    expect(timeout).toMatchObject({ changed: true, config: '5', note: expect.stringMatching(/^MinimumStatusDuration may still be 5 .*did not answer ChangeConfiguration within 30 s/) });
    expect(minimumStatusDurationAtStart({ outcome: 'offline', error: { description: 'x' }, sent: true }, '5', 30)).toMatchObject({ changed: true });
    expect(minimumStatusDurationAtStart({ outcome: 'offline', error: { description: 'x' } }, '5', 30)).toMatchObject({ changed: false, config: '5' });
    expect(minimumStatusDurationAtStart(new Error('boom'), '5', 30)).toMatchObject({ changed: false, note: expect.stringContaining('the bench could not send it: boom') });
  });
});
