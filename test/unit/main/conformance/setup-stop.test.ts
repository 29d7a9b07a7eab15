// A Stop during a run's setup ends the wait for the charger's answer at once, and nothing more is sent to
// the charger after it: a call would queue behind the one left unanswered (one call at a time) and reach the
// charger after the run has ended, while the run says nothing more was asked of it.
import { describe, expect, it } from 'vitest';
import { setupHost } from '../../../../src/main/conformance/setup-stop';
import type { CaseHost } from '../../../../src/main/conformance/host';
import { RunStopped } from '../../../../src/main/conformance/types';

describe("a setup's calls after a Stop", () => {
  it('ends the unanswered one at once, names it, and sends nothing more', async () => {
    const stop = new AbortController();
    const sent: string[] = [];
    const host = {
      signal: stop.signal,
      operate: (action: string) => {
        sent.push(action);
        return new Promise(() => undefined); // the charger never answers
      },
    } as unknown as CaseHost;
    const setup = setupHost(host);
    const first = setup.host.operate('RemoteStopTransaction', { transactionId: 1 }, 30_000);
    stop.abort();
    await expect(first).rejects.toBeInstanceOf(RunStopped);
    await expect(setup.host.operate('ClearCache', {}, 30_000)).rejects.toBeInstanceOf(RunStopped);
    expect(sent).toEqual(['RemoteStopTransaction']);
    expect(setup.unanswered()).toBe('RemoteStopTransaction');
  });
});
