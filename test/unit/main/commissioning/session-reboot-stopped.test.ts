// The charger rebooted during the test session and the step waits for the session's StopTransaction after
// the boot: when the run's Stop (or the bench's shutdown) cuts that wait short, the step was stopped. It does
// not say the charger "lost transaction N without a StopTransaction (none came within 30 s …)": nobody waited.
import { describe, expect, it } from 'vitest';
import { rebootedDuringSession } from '../../../../src/main/commissioning/session-reboot';
import { RunStopped } from '../../../../src/main/conformance/types';
import { FakeClock } from '../../../../src/main/clock';
import type { CaseContext } from '../../../../src/main/conformance/context';
import type { SeenFrame } from '../../../../src/main/conformance/frames';

const call = (seq: number, action: string, payload: object, ts: string): SeenFrame =>
  ({ seq, ts, chargerId: 'CP001', direction: 'in', kind: 'CALL', messageId: `m${seq}`, action, raw: JSON.stringify([2, `m${seq}`, action, payload]), error: null }) as SeenFrame;

const frames = [
  call(1, 'StartTransaction', { connectorId: 1, idTag: 'INSTALLER-1', meterStart: 0, timestamp: '2026-01-01T00:00:01.000Z' }, '2026-01-01T00:00:01.000Z'),
  call(2, 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }, '2026-01-01T00:00:30.000Z'),
];

/** The test session's context, the charger rebooted during its transaction 7; `waited` is what its wait does. */
function session(waited: (abort: AbortController) => Promise<SeenFrame | null>): CaseContext {
  const abort = new AbortController();
  return {
    host: { frames: { since: () => frames }, signal: abort.signal },
    firstSeq: 0,
    connectorId: 1,
    clock: new FakeClock('2026-01-01T00:00:31.000Z'),
    data: { chargerTimeoutS: 30 },
    waitFor: () => waited(abort),
  } as unknown as CaseContext;
}

describe('the wait for the StopTransaction after a reboot during the test session', () => {
  it('cut short by the run’s Stop: the step was stopped, not "lost transaction 7 without a StopTransaction"', async () => {
    const t = session(async (abort) => {
      abort.abort();
      return null;
    });
    await expect(rebootedDuringSession(t, 7, [])).rejects.toBeInstanceOf(RunStopped);
  });

  it('run out with no StopTransaction: the transaction was lost', async () => {
    const r = await rebootedDuringSession(
      session(async () => null),
      7,
      [],
    );
    expect(r?.message).toContain('lost transaction 7 without a StopTransaction (none came within 30 s of its BootNotification)');
  });
});
