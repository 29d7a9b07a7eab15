// A run's setup stopped while it waits on the charger is told by the error's class (SetupStopped), not by its
// words: a Stop elsewhere (a case's step) whose message reads the same is not taken for one, and the
// setup's call failing by itself is passed on as it failed.
import { describe, expect, it } from 'vitest';
import { setupHost, setupStopped, stoppedInSetup } from '../../../../src/main/conformance/setup-stop';
import { RunStopped, SetupStopped } from '../../../../src/main/conformance/types';
import type { CaseHost } from '../../../../src/main/conformance/host';

/** A host whose calls to the charger are answered as `operate` says, stopped by `stop`. */
function hostOf(operate: () => Promise<unknown>) {
  const stop = new AbortController();
  const host = { operate, signal: stop.signal } as unknown as CaseHost;
  return { host, stop };
}

describe("a Stop during a run's setup", () => {
  it('ends the call the setup waits on with a SetupStopped (a RunStopped), and names the call left unanswered', async () => {
    const { host, stop } = hostOf(() => new Promise(() => undefined));
    const setup = setupHost(host);
    const call = setup.host.operate('GetConfiguration', {}, 30_000);
    stop.abort();
    const e = await call.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SetupStopped);
    expect(e).toBeInstanceOf(RunStopped);
    expect(stoppedInSetup(e, host.signal)).toBe(true);
    expect(setup.unanswered()).toBe('GetConfiguration');
    // Once stopped, nothing more is asked: the next call ends at once the same way.
    const next = await setup.host.operate('ClearCache', {}, 30_000).catch((x: unknown) => x);
    expect(stoppedInSetup(next, host.signal)).toBe(true);
  });

  it('is told by its class: a RunStopped with the same words is not a stop of the setup', async () => {
    const { host, stop } = hostOf(() => new Promise(() => undefined));
    stop.abort();
    const words = setupStopped().message;
    expect(stoppedInSetup(new RunStopped(words), host.signal)).toBe(false);
    expect(stoppedInSetup(new Error(words), host.signal)).toBe(false);
    expect(stoppedInSetup(setupStopped(), host.signal)).toBe(true);
  });

  it("passes on the setup call's own failure, and a stop of the setup only while the run is stopped", async () => {
    const failure = new RunStopped('The run was stopped');
    const { host } = hostOf(() => Promise.reject(failure));
    const e = await setupHost(host)
      .host.operate('GetConfiguration', {}, 30_000)
      .catch((x: unknown) => x);
    expect(e).toBe(failure);
    expect(stoppedInSetup(e, host.signal)).toBe(false);
    // Not stopped: not a stop of the setup, whatever it is.
    expect(stoppedInSetup(setupStopped(), host.signal)).toBe(false);
  });
});
