// The outside-script rule "Available after the case's own stop is an observation, not a failure" after the
// script's last step (in the quiet end of the case, judged by scriptEnded), not only during a step: TC_012_CS
// stops the session remotely (StopTransaction, Finishing: its last step); the driver then unplugs and the
// charger reports Available. The case passes, with the Available as an observation. A status that does
// contradict the scenario there (Charging after the stop, no new session) still fails it, in the end-of-script step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualRunBench, type VirtualRunBench } from '../helpers/virtual-run';
import type { CaseResult } from '../../src/main/conformance/types';

let v: VirtualRunBench;
beforeAll(async () => {
  v = await startVirtualRunBench('outside-after-stop-h3', { ftpPort: 0 });
}, 60_000);
afterAll(async () => {
  await v.stop();
});

const vcp = () => v.bench.virtualChargers.charger(v.target.id);

/**
 * Runs TC_012_CS; once the bench has the charger's Finishing (the session stopped, the case's last expected
 * message), `after` is done on the charger: what it then sends comes after the script's last step.
 */
async function runThen(after: () => void) {
  let done = false;
  const off = v.bench.bus.subscribe((e) => {
    if (done || e.type !== 'frameLogged') return;
    const m = e.message;
    if (m.chargerId !== v.target.id || m.direction !== 'in' || m.kind !== 'CALL' || m.action !== 'StatusNotification' || !m.raw.includes('"Finishing"')) return;
    done = true;
    setImmediate(after);
  });
  try {
    const run = await v.run(['TC_012_CS']);
    expect(done).toBe(true);
    return run.cases[0]!;
  } finally {
    off();
  }
}

/** The charger's StatusNotifications (in) of the case with this status, by message id. */
const statusIds = (c: CaseResult, status: string) =>
  c.frames.filter((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StatusNotification' && f.raw.includes(`"${status}"`)).map((f) => f.messageId!);

describe('TC_012_CS: a status after the last step, once the case stopped the session', () => {
  it('passes when the charger reports Available after Finishing and the StopTransaction (the cable unplugged): an observation', async () => {
    const c = await runThen(() => vcp().unplug(1));
    expect({ verdict: c.verdict, reason: c.reason }).toEqual({ verdict: 'pass', reason: null });
    const [available] = statusIds(c, 'Available').slice(-1);
    expect(available).toBeDefined();
    // Taken by no step: it came after the script's last one, and is the case's observation.
    expect(c.steps.some((s) => s.messageIds.includes(available!))).toBe(false);
    expect(c.observations).toContainEqual(expect.objectContaining({ text: 'StatusNotification Available on connector 1 outside the script', messageId: available }));
  }, 120_000);

  it('fails when the charger reports Charging there instead (after its StopTransaction, with no new session)', async () => {
    const c = await runThen(() => void vcp().call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' }));
    expect(c.verdict).toBe('fail');
    expect(c.reason).toMatch(/Charging on connector 1 after its session stopped \(StopTransaction\), with no new one started/);
    const failed = c.steps.find((s) => s.status === 'failed')!;
    expect(failed.title).toBe('Charger sends nothing outside the script but what the declared policy tolerates');
    expect(failed.messageIds).toEqual(statusIds(c, 'Charging').slice(-1));
  }, 120_000);
});
