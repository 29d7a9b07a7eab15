// The put-back after a case, for a session the charger ended during the case with a StopTransaction for the
// wrong transactionId (the virtual charger's wrongStopTransactionId fault; the cable unplugged while it
// charges): the record still holds the session open, the charger refuses to stop it (it no longer has it),
// and what is not put back names that StopTransaction, its unknown id and when it came.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualRunBench, type VirtualRunBench } from '../../helpers/virtual-run';
import { waitFor } from '../../helpers/bench';

let v: VirtualRunBench;
beforeAll(async () => {
  v = await startVirtualRunBench('putback-stop-before', { chargerId: 'PUTBACK-STOPID', connectors: 1 });
}, 60_000);
afterAll(async () => {
  await v.stop();
});

const vcp = () => v.bench.virtualChargers.charger(v.target.id);
const cleanup: Array<() => void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) c();
  vcp().setFaults({ actions: {}, wrongStopTransactionId: false });
  await waitFor(async () => (v.bench.centralSystem.isConnected(v.target.id) && vcp().view().connection === 'connected' ? true : null), 30_000);
});

describe('a session the charger stopped during the case with the wrong transactionId', () => {
  it('is named in the put-back with that StopTransaction, not only as a session the charger may have lost', async () => {
    vcp().setFaults({ wrongStopTransactionId: true });
    // Once the charger reports connector 1 Charging, the cable comes out: it ends the session, sending the wrong id.
    let unplugged = false;
    const off = v.bench.bus.subscribe((e) => {
      if (unplugged || e.type !== 'frameLogged') return;
      const m = e.message;
      if (m.chargerId !== v.target.id || m.direction !== 'in' || m.action !== 'StatusNotification' || !m.raw.includes('"Charging"')) return;
      unplugged = true;
      setImmediate(() => vcp().unplug(1));
    });
    cleanup.push(off);
    const run = await v.run(['TC_010_CS']);
    expect(unplugged).toBe(true);
    const [c] = run.cases;
    const given = transactionIdGiven(c!.frames);
    const stop = c!.frames.find((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StopTransaction')!;
    expect((JSON.parse(stop.raw) as [number, string, string, { transactionId: number }])[3].transactionId).toBe(given + 1000);
    // The charger refused the bench's RemoteStopTransaction, and the reason is named.
    const refused = `stopping transaction ${given}: the charger answered Rejected: it may have lost the session; before the bench asked, the charger had sent a StopTransaction for unknown transaction ${given + 1000} (not ${given}) at ${stop.ts}`;
    expect(c!.cleanupProblems).toHaveLength(1);
    expect(c!.cleanupProblems[0]).toMatch(
      new RegExp(`^${escape(refused)}, (during the case|while the charger was being put back): if it was meant for ${given}, its firmware sends the wrong transactionId`),
    );
  }, 180_000);
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The transactionId of the bench's last StartTransaction answer among `frames`. */
function transactionIdGiven(frames: Array<{ direction: string; kind: string; raw: string }>): number {
  const answer = frames.findLast((f) => f.direction === 'out' && f.kind === 'CALLRESULT' && f.raw.includes('"transactionId"'))!;
  return (JSON.parse(answer.raw) as [number, string, { transactionId: number }])[2].transactionId;
}
