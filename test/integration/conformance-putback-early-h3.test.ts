// The put-back after a case, where it cannot be done: the AuthorizationKey the charger will not take back
// (TC_073_CS), and a charger that does not come back after the case. Each is named among what the case could
// not put back (cleanupProblems) and is what the next case begins with (notPutBack), which is not judged on
// it; the key not taken back leaves the rest of the put-back done (the cache is still cleared).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualRunBench, type VirtualRunBench } from '../helpers/virtual-run';
import { VIRTUAL_PASSWORD } from '../../src/main/conformance/virtual';
import { OCTT_AUTHORIZATION_KEY } from '../../src/main/conformance/octt16/security';
import { waitFor } from '../helpers/bench';

let v: VirtualRunBench;
beforeAll(async () => {
  v = await startVirtualRunBench('putback-early-h3', { chargerId: 'PUTBACK-H3', connectors: 1, ftpPort: 0 });
}, 60_000);
afterAll(async () => {
  await v.stop();
});

const vcp = () => v.bench.virtualChargers.charger(v.target.id);
const password = () => v.bench.centralSystem.registry.passwordOf(v.target.id);

// Each test begins with the charger online, its key and the bench's password as the virtual charger was made.
const cleanup: Array<() => void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) c();
  vcp().setFaults({ actions: {} });
  vcp().config.setInternal('AuthorizationKey', VIRTUAL_PASSWORD);
  await v.bench.centralSystem.registry.setPassword(v.target.id, VIRTUAL_PASSWORD);
  vcp().setFaults({ offline: false });
  await waitFor(async () => (v.bench.centralSystem.isConnected(v.target.id) && vcp().view().connection === 'connected' ? true : null), 30_000);
});

describe('the put-back cannot put the AuthorizationKey back', () => {
  it('names it, still puts the rest back, and the next case begins with it named, not failed on it', async () => {
    // The charger takes the case's key, then refuses every ChangeConfiguration: the old key is not taken back.
    let change: string | null = null;
    const off = v.bench.bus.subscribe((e) => {
      if (e.type !== 'frameLogged' || e.message.chargerId !== v.target.id) return;
      const m = e.message;
      if (change === null && m.direction === 'out' && m.kind === 'CALL' && m.action === 'ChangeConfiguration' && m.raw.includes('"AuthorizationKey"')) change = m.messageId;
      else if (change !== null && m.messageId === change && m.direction === 'in')
        vcp().setFaults({ actions: { ChangeConfiguration: { mode: 'reject', delaySeconds: 0, errorCode: 'InternalError' } } });
    });
    cleanup.push(off);
    const run = await v.run(['TC_073_CS', 'TC_085_CS']);
    const [key, next] = run.cases;
    expect(key!.verdict).toBe('pass');
    const problem = 'putting the AuthorizationKey back: the charger answered {"status":"Rejected"}; the bench now expects the key the case set';
    expect(key!.cleanupProblems).toEqual([problem]);
    // The bench expects the key the charger has: it is still let in.
    expect(password()).toBe(OCTT_AUTHORIZATION_KEY);
    // The rest of the put-back was done after the refusal (the case's frames run to the end of its put-back): the cache cleared, a general precondition.
    const sent = key!.frames.filter((f) => f.direction === 'out' && f.kind === 'CALL');
    const refused = sent.findLastIndex((f) => f.action === 'ChangeConfiguration' && f.raw.includes('"AuthorizationKey"'));
    expect(sent.filter((f) => f.action === 'ChangeConfiguration' && f.raw.includes('"AuthorizationKey"'))).toHaveLength(2);
    expect(sent.slice(refused + 1).map((f) => f.action)).toContain('ClearCache');
    // The next case begins with what was not put back, and runs on its own merits.
    expect(next!.notPutBack).toEqual({ after: 'TC_073_CS', problems: [problem] });
    expect({ verdict: next!.verdict, reason: next!.reason }).toEqual({ verdict: 'pass', reason: null });
  }, 180_000);
});

describe('the charger does not come back after the case', () => {
  it('names it, and the next case begins with it named', async () => {
    // At the case's last expected message (Finishing after the remote stop) the charger goes off the network for good.
    let gone = false;
    const off = v.bench.bus.subscribe((e) => {
      if (gone || e.type !== 'frameLogged') return;
      const m = e.message;
      if (m.chargerId !== v.target.id || m.direction !== 'in' || m.kind !== 'CALL' || m.action !== 'StatusNotification' || !m.raw.includes('"Finishing"')) return;
      gone = true;
      setImmediate(() => vcp().setFaults({ offline: true, offlineSeconds: 0 }));
    });
    try {
      const run = await v.run(['TC_012_CS', 'TC_013_CS']);
      expect(gone).toBe(true);
      const [stopped, next] = run.cases;
      expect(stopped!.verdict).toBe('pass');
      // Its Offline switch holds it off the network: said so, not blamed on the charger.
      const held = 'The charger stayed offline after the case: the Offline switch a person set holds it';
      expect(stopped!.cleanupProblems).toEqual([held]);
      expect(next!.notPutBack).toEqual({ after: 'TC_012_CS', problems: [held] });
    } finally {
      off();
    }
  }, 180_000);
});
