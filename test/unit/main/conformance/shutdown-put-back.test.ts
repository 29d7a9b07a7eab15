// What a run the bench's shutdown cut short left changed (ConfigLeft, fed the run's own calls as the runner sends
// them), and how the shutdown's cutShort records it: an AuthorizationKey judged without its value ever shown, a
// put-back still unanswered said as maybe put back, a run that ended meanwhile left to record its own end, one cut
// short while only reading the configuration at its end said as put back.
import { describe, expect, it, vi } from 'vitest';
import { ConfigLeft, cutShortStop, notPutBackAtShutdown, readCutShort } from '../../../../src/main/conformance/shutdown-put-back';
import { ConformanceService } from '../../../../src/main/conformance/service';
import { CommissioningService } from '../../../../src/main/commissioning/service';
import type { Bench } from '../../../../src/main/core/bench';
import type { OperationResult } from '../../../../src/shared/api/views';

const answered = (status: string): OperationResult => ({ outcome: 'completed', response: { status } }) as OperationResult;
const read = (keys: Array<{ key: string; value?: string }>): OperationResult => ({ outcome: 'completed', response: { configurationKey: keys } }) as OperationResult;
const change = (c: ConfigLeft, key: string, value: string) => c.call('ChangeConfiguration', { key, value });
const OLD = 'old-password-16ch';
const NEW = 'OCA_OCTT_admin_test-hex';

describe('the AuthorizationKey a run changed', () => {
  it('put back (the charger accepted the password from before): not listed, whether or not the charger reports the key', () => {
    for (const reports of [false, true]) {
      const c = new ConfigLeft(OLD);
      c.call('GetConfiguration', {})(read(reports ? [{ key: 'AuthorizationKey', value: '[redacted]' }] : []));
      change(c, 'AuthorizationKey', NEW)(answered('Accepted'));
      change(c, 'AuthorizationKey', OLD)(answered('Accepted'));
      expect(c.left()).toEqual([]);
    }
  });

  it('left changed: named, never its value, whether or not the charger reports the key', () => {
    for (const reports of [false, true]) {
      const c = new ConfigLeft(OLD);
      c.call('GetConfiguration', {})(read(reports ? [{ key: 'AuthorizationKey', value: '[redacted]' }] : []));
      change(c, 'AuthorizationKey', NEW)(answered('Accepted'));
      change(c, 'AuthorizationKey', OLD)(answered('Rejected'));
      expect(c.left()).toEqual(['AuthorizationKey (changed by the run)']);
      expect(c.left().join()).not.toContain(NEW);
    }
  });

  it('its put-back unanswered at the cutoff: maybe put back, no value', () => {
    const c = new ConfigLeft(OLD);
    change(c, 'AuthorizationKey', NEW)(answered('Accepted'));
    change(c, 'AuthorizationKey', OLD);
    expect(c.left()).toEqual(['AuthorizationKey (maybe put back: the charger had not answered)']);
  });
});

describe('a key whose put-back the charger had not answered when the wait ran out', () => {
  it('is said as maybe put back to its value, not as left changed', () => {
    const c = new ConfigLeft();
    c.call('GetConfiguration', {})(read([{ key: 'MinimumStatusDuration', value: '5' }]));
    change(c, 'MinimumStatusDuration', '0')(answered('Accepted'));
    change(c, 'MinimumStatusDuration', '5');
    expect(c.left()).toEqual(['MinimumStatusDuration (maybe put back to 5: the charger had not answered)']);
    expect(c.changing()).toBe(true);
  });

  it('one left changed reads "still as the run set them", not "as they were"', () => {
    const c = new ConfigLeft();
    c.call('GetConfiguration', {})(read([{ key: 'MinimumStatusDuration', value: '5' }]));
    change(c, 'MinimumStatusDuration', '0')(answered('Accepted'));
    expect(notPutBackAtShutdown(5000, c.left())).toBe(
      'the bench shut down before the charger was put back (it waits at most 5 s for that); configuration keys still as the run set them: MinimumStatusDuration (left at 0; it was 5)',
    );
  });
});

const took = { at: '2025-01-01T10:00:00.000Z', caseId: null, step: null };

describe('a run cut short after the charger was put back, while reading the configuration at its end', () => {
  it('is put back; the read is what it did not finish', () => {
    const c = new ConfigLeft();
    c.call('GetConfiguration', {})(read([{ key: 'MinimumStatusDuration', value: '5' }]));
    change(c, 'MinimumStatusDuration', '0')(answered('Accepted'));
    change(c, 'MinimumStatusDuration', '5')(answered('Accepted'));
    c.call('GetConfiguration', {});
    const cut = cutShortStop(5000, { took, after: 'TC_021_CS', afterCases: true }, c);
    expect(cut.stop.putBack).toEqual({ after: 'TC_021_CS', problems: [] });
    expect(cut.readCut).toBe(true);
  });
});

/** A bench with a record whose saves are seen. */
function fakeBench() {
  const saved: unknown[] = [];
  const bench = {
    clock: { now: () => Date.parse('2025-01-01T10:00:05.000Z') },
    bus: { publish: () => undefined },
    record: { testRuns: { save: vi.fn(async (r: unknown) => void saved.push(structuredClone(r))) } },
  };
  return { bench: bench as unknown as Bench, saved };
}

const run = (state: string) => ({ id: 'run-1', chargerId: 'CP', state, cases: [{ id: 'TC_021_CS' }], finishedAt: null });

describe("the shutdown's cutShort of a test run", () => {
  it('leaves a run that has ended (its own save still queued) to record its end', async () => {
    const { bench, saved } = fakeBench();
    const svc = new ConformanceService(bench);
    let own!: () => void;
    const queued = new Promise<void>((resolve) => (own = resolve));
    (svc as unknown as { active: Map<string, unknown> }).active.set('run-1', { run: run('finished'), over: true, took, inCase: false, outside: null, saved: queued, left: new ConfigLeft() });
    const done = svc.cutShort(5000);
    own();
    await done;
    expect(saved).toEqual([]);
  });

  it('one cut short while reading the configuration at its end: put back, and the read named as cut short', async () => {
    const { bench, saved } = fakeBench();
    const svc = new ConformanceService(bench);
    const left = new ConfigLeft();
    left.call('GetConfiguration', {});
    const outside = "After the cases: reading the charger's configuration at the end of the run…";
    (svc as unknown as { active: Map<string, unknown> }).active.set('run-1', { run: run('running'), took, inCase: false, outside, saved: Promise.resolve(), left });
    await svc.cutShort(5000);
    expect(saved).toMatchObject([{ state: 'stopped', stop: { putBack: { after: 'TC_021_CS', problems: [] } }, configAtEndProblem: readCutShort(5000) }]);
  });
});

describe("the shutdown's cutShort of a commissioning", () => {
  it('saves a run whose own end is recorded but not yet saved, as it ended (not as cut short)', async () => {
    const { bench } = fakeBench();
    const svc = new CommissioningService(bench);
    const window = { startedAt: '2025-01-01T09:00:00.000Z', finishedAt: '2025-01-01T10:00:01.000Z', outcome: 'finished', steps: ['C3_IDENTITY'], stoppedIn: null };
    const c = { id: 'com-1', runs: [window] };
    const inner = svc as unknown as { active: Map<string, unknown>; known: Map<string, unknown>; save: (c: unknown) => Promise<void> };
    inner.known.set('com-1', c);
    inner.active.set('com-1', { left: new ConfigLeft(), took: undefined });
    const save = vi.fn(async (_c: unknown) => undefined);
    inner.save = save;
    await svc.cutShort(5000);
    expect(save).toHaveBeenCalledWith(c);
    expect(window).toMatchObject({ outcome: 'finished', finishedAt: '2025-01-01T10:00:01.000Z' });
  });
});
