// A signal heard while `chargebench test`'s bench is still starting (before the run's Interrupt exists) is
// not lost: the Interrupt made next stops at once (nothing is run, the signal's exit status), and a second
// one before then quits at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitStatus, hearEarly, Interrupt } from '../../src/main/cli/interrupt';

const made: Interrupt[] = [];
afterEach(() => {
  for (const i of made.splice(0)) i.dispose();
  vi.restoreAllMocks();
});

const interrupt = (exit = vi.fn()) => {
  const i = new Interrupt('test', { process: false, exit });
  made.push(i);
  return i;
};

describe('hearEarly', () => {
  it('a SIGTERM while the bench starts stops the command as soon as its Interrupt is made: nothing is run, exit 143', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    hearEarly('test');
    process.emit('SIGTERM', 'SIGTERM');
    expect(log.mock.calls.flat().join('\n')).toContain('Heard SIGTERM while the bench starts');
    const i = interrupt();
    expect(i.signal.aborted).toBe(true);
    expect(i.by).toBe('SIGTERM');
    expect(i.status).toBe(exitStatus.SIGTERM);
    expect(log.mock.calls.flat().join('\n')).toContain('Stopped by SIGTERM: nothing was run');
    // Its listeners are gone: the Interrupt hears from now on.
    const next = interrupt();
    expect(next.signal.aborted).toBe(false);
  });

  it('a Ctrl-C twice while the bench starts quits at once with 130', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const exit = vi.fn();
    hearEarly('test', exit);
    process.emit('SIGINT', 'SIGINT');
    expect(exit).not.toHaveBeenCalled();
    process.emit('SIGINT', 'SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
    expect(err.mock.calls.flat().join('\n')).toContain('chargebench test: stopped by Ctrl-C again, quitting at once');
    expect(interrupt().by).toBe('SIGINT');
  });

  it('no signal: the Interrupt runs as before', () => {
    const listening = process.listenerCount('SIGTERM');
    hearEarly('test');
    expect(process.listenerCount('SIGTERM')).toBe(listening + 1);
    const i = interrupt();
    expect(i.signal.aborted).toBe(false);
    expect(process.listenerCount('SIGTERM')).toBe(listening);
  });
});
