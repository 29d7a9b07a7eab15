// The bench shutting down while a commissioning runs: the record says so only for a run it really cut short.
// A person's Stop still waiting for the charger stands (stopped, not "nobody pressed Stop"); a shutdown with
// no step going on, or during a step that then ended whole, says after which step (not "during" one that
// passed); a run the runner had finished keeps
// no mark of the shutdown.
import { describe, expect, it } from 'vitest';
import { endedAs, markShutDown, shutDownRun, stepEnded, type ShutDownRun } from '../../../../src/main/commissioning/shutdown';
import { lastRunOf, type StoredCommissioning } from '../../../../src/main/commissioning/model';
import { shutDownWords, type RunShutDown } from '../../../../src/shared/api/commissioning';
import type { StopWaiting } from '../../../../src/shared/api/stop-waiting';

const AT = '2026-01-01T10:02:13.000Z';
const steps = [
  { id: 'C6_READER', title: 'Card reader' },
  { id: 'C8_SESSION', title: 'Test session' },
];
type Window = StoredCommissioning['runs'][number];
const windowOf = (): Window => ({ startedAt: '2026-01-01T10:00:00.000Z', finishedAt: null, outcome: 'running', steps: steps.map((s) => s.id), stoppedIn: null });
const run = (o: Partial<Omit<ShutDownRun, 'stopper'>> = {}, waiting: StopWaiting | null = null) => ({
  abort: new AbortController(),
  stepId: null,
  stopper: { waiting: () => waiting, stoppedAtOnce: () => undefined },
  ...o,
});
const words = (s: RunShutDown | undefined) => s && shutDownWords(s, (iso) => iso);

describe('the bench shutting down during a commissioning run', () => {
  it('leaves a person’s Stop waiting for the charger as their Stop: the run ends stopped, no shutdown', () => {
    const window = windowOf();
    const a = run({ stepId: 'C6_READER' }, { waitingFor: 'CP001', why: { kind: 'dropped', at: AT }, until: AT, seconds: 30 } as StopWaiting);
    shutDownRun(a, { steps, runs: [window] }, AT, () => undefined);
    expect(a.abort.signal.aborted).toBe(true);
    expect(a.shutDown).toBeUndefined();
    expect(window.shutDown).toBeUndefined();
    endedAs(window, 'stopped', a.shutDown);
    expect(window.outcome).toBe('stopped');
  });

  it('says during which step when one is going on', () => {
    const a = run({ stepId: 'C8_SESSION', ended: 'C6_READER' });
    expect(markShutDown(a, { steps, runs: [windowOf()] }, AT)).toBe(true);
    expect(words(a.shutDown)).toBe(`the bench shut down at ${AT} during Test session`);
  });

  it('says between steps, not during the step that had passed, when none is going on', () => {
    const a = run({ stepId: 'C6_READER', ended: 'C6_READER' });
    markShutDown(a, { steps, runs: [windowOf()] }, AT);
    expect(a.shutDown?.during).toBeNull();
    expect(words(a.shutDown)).toBe(`the bench shut down at ${AT} between steps (after Card reader)`);
  });

  it('says after the last step when the run was reading the configuration at its end', () => {
    const a = run({ stepId: 'C8_SESSION', ended: 'C8_SESSION' });
    markShutDown(a, { steps, runs: [windowOf()] }, AT);
    expect(words(a.shutDown)).toBe(`the bench shut down at ${AT} after the last step (Test session)`);
  });

  it('says after the step when the step it was marked during then ended whole (not cut short)', () => {
    const window = windowOf();
    const c = { steps, runs: [window] };
    const a = run({ stepId: 'C6_READER' });
    markShutDown(a, c, AT);
    stepEnded(a, c, 'C6_READER', false);
    expect(words(window.shutDown)).toBe(`the bench shut down at ${AT} between steps (after Card reader)`);
    // One it cut short stays "during".
    const b = run({ stepId: 'C8_SESSION', ended: 'C6_READER' });
    markShutDown(b, c, AT);
    stepEnded(b, c, 'C8_SESSION', true);
    expect(words(window.shutDown)).toBe(`the bench shut down at ${AT} during Test session`);
  });

  it('keeps no mark on a run the runner had finished (or that broke)', () => {
    for (const ended of ['finished', 'broken'] as const) {
      const window = windowOf();
      const a = run({ stepId: 'C8_SESSION', ended: 'C8_SESSION' });
      markShutDown(a, { steps, runs: [window] }, AT);
      expect(window.shutDown).toBeDefined();
      endedAs(window, ended, a.shutDown);
      window.finishedAt = AT;
      expect(window.shutDown).toBeUndefined();
      expect(lastRunOf({ runs: [window], runError: null, steps: [] })).not.toHaveProperty('shutDown');
      expect(lastRunOf({ runs: [window], runError: null, steps: [] })?.outcome).toBe(ended);
    }
  });

  it('marks a run nobody stopped as cut short by it', () => {
    const window = windowOf();
    const a = run({ stepId: 'C6_READER' });
    shutDownRun(a, { steps, runs: [window] }, AT, () => undefined);
    endedAs(window, 'stopped', a.shutDown);
    expect(window).toMatchObject({ outcome: 'shutDown', shutDown: { at: AT, during: 'Card reader' } });
  });
});
