// A stop that waits for the charger to come back (the run just reset it) takes effect as soon as the case it
// stopped ends, in the same turn as the case's end (the run checks its stop before it begins the next case),
// never once the next case has begun; and a run that ended while it waited is not said to be stopped now.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Interrupt } from '../../../../src/main/cli/interrupt';
import { stopAfterComeBack, type ComeBack } from '../../../../src/main/cli/come-back';

afterEach(() => vi.restoreAllMocks());

/** A charger away since the run's Reset, never back while the test runs. */
const away = (): ComeBack => ({ awaited: () => 'the run reset it at 10:00:00', back: () => false, onChange: () => () => undefined, off: () => undefined }) as unknown as ComeBack;

function stopWaiting() {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const interrupt = new Interrupt('test', { process: false, exit: () => undefined });
  interrupt.stopsRun('ending the case in progress (inconclusive), putting the charger back, writing the reports');
  const stop = vi.fn();
  const lines: string[] = [];
  const stopping = stopAfterComeBack(interrupt, away(), 'CP1', stop, (l) => lines.push(l));
  interrupt.heard('SIGINT');
  return { interrupt, stop, lines, stopping };
}

describe('a stop waiting for the charger to come back', () => {
  it('stops the run in the same turn as the case it waited in ends', async () => {
    const { stop, lines, stopping, interrupt } = stopWaiting();
    expect(stop).not.toHaveBeenCalled();
    stopping.moveOn();
    // At once, not after a promise settles: the run begins no next case; as a stop that waited (its report says when the signal came).
    expect(stop).toHaveBeenCalledTimes(1);
    expect(stop).toHaveBeenCalledWith(true);
    await vi.waitFor(() => expect(lines.at(-1)).toMatch(/^The case in progress ended meanwhile \(after \d+ s\): stopping the run now; Ctrl-C again quits at once$/));
    expect(stop).toHaveBeenCalledTimes(1);
    interrupt.dispose();
  });

  it('with the charger not away, stops at once, as a stop that did not wait', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const interrupt = new Interrupt('test', { process: false, exit: () => undefined });
    const stop = vi.fn();
    stopAfterComeBack(interrupt, { ...away(), awaited: () => null } as ComeBack, 'CP1', stop, () => undefined);
    interrupt.heard('SIGINT');
    expect(stop).toHaveBeenCalledTimes(1);
    expect(stop).toHaveBeenCalledWith(false);
    interrupt.dispose();
  });

  it('does not say it stops a run that ended while it waited, nor stop it', async () => {
    const { stop, lines, stopping, interrupt } = stopWaiting();
    stopping.moveOn(true);
    await vi.waitFor(() => expect(lines.at(-1)).toBe('The run ended while the stop waited for CP1: there was nothing left to stop'));
    expect(stop).not.toHaveBeenCalled();
    interrupt.dispose();
  });
});
