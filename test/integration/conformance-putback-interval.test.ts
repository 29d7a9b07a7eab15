// The put-back after a case, for what the charger was told outside a ChangeConfiguration of the case:
// - the heartbeat interval the bench's own BootNotification answer gave (TC_001_CS answers Accepted with the
//   test data's heartbeatIntervalS, 60 s): HeartbeatInterval is put back to what the charger had before
//   (300 s, the bench's setting), or named as not put back when the charger refuses it;
// - a session whose StopTransaction comes for another, unknown transaction (the virtual charger's
//   wrongStopTransactionId fault): what is not put back says that StopTransaction came, not that none did.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualRunBench, type VirtualRunBench } from '../helpers/virtual-run';
import { waitFor } from '../helpers/bench';

let v: VirtualRunBench;
beforeAll(async () => {
  v = await startVirtualRunBench('putback-interval', { chargerId: 'PUTBACK-HB', connectors: 1, ftpPort: 0 });
}, 60_000);
afterAll(async () => {
  await v.stop();
});

const vcp = () => v.bench.virtualChargers.charger(v.target.id);
const interval = () => vcp().config.string('HeartbeatInterval');

const cleanup: Array<() => void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) c();
  vcp().setFaults({ actions: {}, wrongStopTransactionId: false });
  vcp().config.setInternal('HeartbeatInterval', '300');
  await waitFor(async () => (v.bench.centralSystem.isConnected(v.target.id) && vcp().view().connection === 'connected' ? true : null), 30_000);
});

/** Calls `then` once, when the bench answers a BootNotification of the charger Accepted with `seconds` as its interval. */
function onBootAnswer(seconds: number, then: () => void): void {
  let done = false;
  const off = v.bench.bus.subscribe((e) => {
    if (done || e.type !== 'frameLogged') return;
    const m = e.message;
    if (m.chargerId !== v.target.id || m.direction !== 'out' || m.kind !== 'CALLRESULT' || !m.raw.includes('"Accepted"') || !m.raw.includes(`"interval":${seconds}`)) return;
    done = true;
    then();
  });
  cleanup.push(off);
}

describe('the heartbeat interval the bench gave in its BootNotification answer during a case', () => {
  it('is put back to the one the charger had before the case', async () => {
    expect(interval()).toBe('300');
    let given = false;
    onBootAnswer(60, () => (given = true));
    const run = await v.run(['TC_001_CS']);
    expect(given).toBe(true);
    const [boot] = run.cases;
    expect(boot!.verdict).toBe('pass');
    expect(boot!.cleanupProblems).toEqual([]);
    // The charger heartbeats at its own interval again, and the configuration read at the run's end says so.
    expect(interval()).toBe('300');
    expect(run.pics?.config.HeartbeatInterval).toBe('300');
    expect(run.configAtEnd?.HeartbeatInterval).toBe('300');
    const putBack = boot!.frames.filter((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'ChangeConfiguration');
    expect(putBack.map((f) => JSON.parse(f.raw)[3])).toEqual([{ key: 'HeartbeatInterval', value: '300' }]);
  }, 180_000);

  it('is named as not put back when the charger refuses it, and the next case begins with it named', async () => {
    // Once the case's boot is answered with 60 s, the charger refuses every ChangeConfiguration.
    onBootAnswer(60, () => vcp().setFaults({ actions: { ChangeConfiguration: { mode: 'reject', delaySeconds: 0, errorCode: 'InternalError' } } }));
    const run = await v.run(['TC_001_CS', 'TC_019_CS']);
    const [boot, next] = run.cases;
    expect(boot!.verdict).toBe('pass');
    const problem = `putting HeartbeatInterval back to 300 (the bench's BootNotification answer during the case gave 60 s): answered {"status":"Rejected"}`;
    expect(boot!.cleanupProblems).toEqual([problem]);
    expect(next!.notPutBack).toEqual({ after: 'TC_001_CS', problems: [problem] });
    expect(interval()).toBe('60');
  }, 180_000);
});

describe('a session whose StopTransaction comes for another transaction', () => {
  it('is named with the StopTransaction that came for the unknown transaction, not as none came', async () => {
    // TC_010_CS ends with its session charging: the put-back stops it, and the charger's StopTransaction carries the wrong id.
    vcp().setFaults({ wrongStopTransactionId: true });
    const run = await v.run(['TC_010_CS', 'TC_019_CS']);
    const [first, next] = run.cases;
    expect(first!.verdict).toBe('pass');
    const given = transactionIdGiven(first!.frames);
    const stops = first!.frames.filter((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StopTransaction');
    const wrong = stops.map((f) => (JSON.parse(f.raw) as [number, string, string, { transactionId: number }])[3].transactionId);
    expect(wrong).toEqual([given + 1000]);
    const problem = `stopping transaction ${given}: a StopTransaction came for unknown transaction ${given + 1000}, not ${given} (none for ${given} within 30 s; if it was meant for ${given}, the charger sent the wrong transactionId)`;
    expect(first!.cleanupProblems).toEqual([problem]);
    // The next case begins with it named, in the same words.
    expect(next!.notPutBack).toEqual({ after: 'TC_010_CS', problems: [problem] });
  }, 180_000);
});

/** The transactionId of the bench's last StartTransaction answer among `frames`. */
function transactionIdGiven(frames: Array<{ direction: string; kind: string; raw: string }>): number {
  const answer = frames.findLast((f) => f.direction === 'out' && f.kind === 'CALLRESULT' && f.raw.includes('"transactionId"'))!;
  return (JSON.parse(answer.raw) as [number, string, { transactionId: number }])[2].transactionId;
}
