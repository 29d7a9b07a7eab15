// The AuthorizationKey's put-back after TC_073_CS when the charger takes the new key and then does not come back
// within the waits (not a Stop: the run goes on; a slow reboot): the bench waits for it with the key the case
// set, then with the password from before, and, with neither letting it in, names it among what the case could
// not put back ("did not reconnect with either password"), asks nothing more of it, and is left expecting the
// key the charger accepted (it used to be left on the password from before, refusing the charger for good),
// saying so and what to set by hand. When the charger comes back later, with the key it took, it gets in.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualRunBench, type VirtualRunBench } from '../../helpers/virtual-run';
import { VIRTUAL_PASSWORD } from '../../../src/main/conformance/virtual';
import { OCTT_AUTHORIZATION_KEY } from '../../../src/main/conformance/octt16/security';
import { waitFor } from '../../helpers/bench';

let v: VirtualRunBench;
beforeAll(async () => {
  v = await startVirtualRunBench('password-back-either', { chargerId: 'PWBACK-EITHER', connectors: 1, ftpPort: 0 });
}, 60_000);
afterAll(async () => {
  await v.stop();
});

const vcp = () => v.bench.virtualChargers.charger(v.target.id);
const password = () => v.bench.centralSystem.registry.passwordOf(v.target.id);

afterEach(async () => {
  vcp().config.setInternal('AuthorizationKey', VIRTUAL_PASSWORD);
  await v.bench.centralSystem.registry.setPassword(v.target.id, VIRTUAL_PASSWORD);
  vcp().setFaults({ offline: false });
  await waitFor(async () => (v.bench.centralSystem.isConnected(v.target.id) && vcp().view().connection === 'connected' ? true : null), 30_000);
});

describe('the AuthorizationKey put back after the case, with the charger gone', () => {
  it('says the charger did not reconnect with either password, the bench expects the key it accepted, and lets it in when it comes back', async () => {
    // The charger takes the case's new key, answers, and goes off the network until the test brings it back.
    let change: string | null = null;
    let gone = false;
    const off = v.bench.bus.subscribe((e) => {
      if (gone || e.type !== 'frameLogged' || e.message.chargerId !== v.target.id) return;
      const m = e.message;
      if (change === null && m.direction === 'out' && m.kind === 'CALL' && m.action === 'ChangeConfiguration' && m.raw.includes('"AuthorizationKey"')) change = m.messageId;
      else if (change !== null && m.messageId === change && m.direction === 'in' && m.kind === 'CALLRESULT') {
        gone = true;
        setImmediate(() => vcp().setFaults({ offline: true, offlineSeconds: 0 }));
      }
    });
    try {
      const run = await v.run(['TC_073_CS']);
      expect(gone).toBe(true);
      expect(run.state).toBe('finished');
      const c = run.cases.find((x) => x.id === 'TC_073_CS')!;
      // The case itself fails on the reconnection it waited for; the put-back names only the password, nothing more asked.
      expect(c.verdict).toBe('fail');
      expect(c.reason).toMatch(/the charger did not connect/);
      // The problem names the password the bench now expects, and what to set by hand.
      expect(c.cleanupProblems).toEqual([
        "The charger did not reconnect with either password after the case; it accepted the key the case set, so the bench now expects that key (4F43415F…7374) from it, and refuses the password it had before the case: to go back to that password, set it by hand as the charger's AuthorizationKey and as the bench's password for the charger (its settings on the Chargers screen); a charger still on that password needs only the bench's set back",
      ]);
      // Nothing sent to the charger after the new key: it never came back.
      const sent = c.frames.filter((f) => f.direction === 'out' && f.kind === 'CALL');
      expect(sent.at(-1)?.action).toBe('ChangeConfiguration');
      expect(sent.filter((f) => f.action === 'ChangeConfiguration' && f.raw.includes('"AuthorizationKey"'))).toHaveLength(1);
      // The bench is left expecting the key the charger accepted, not the password from before.
      expect(vcp().config.string('AuthorizationKey')).toBe(OCTT_AUTHORIZATION_KEY);
      expect(password()).toBe(OCTT_AUTHORIZATION_KEY);
    } finally {
      off();
    }

    // The slow charger comes back with the key it accepted: let in, not refused (401).
    let refused: string | null = null;
    const heard = v.bench.bus.subscribe((e) => {
      if (e.type === 'connectionRefused' && e.chargerId === v.target.id) refused ??= `refused: ${e.reason}`;
    });
    try {
      vcp().setFaults({ offline: false });
      const back = await waitFor(async () => refused ?? (v.bench.centralSystem.isConnected(v.target.id) && vcp().view().connection === 'connected' ? 'let in' : null), 30_000);
      expect(back).toBe('let in');
    } finally {
      heard();
    }
  }, 180_000);
});
