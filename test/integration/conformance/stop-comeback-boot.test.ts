// The UI's Stop of a TC_013_CS run right after its Reset, the charger rebooting: the put-back waits until the
// charger has connected again AND its BootNotification has been answered Accepted (a charger may reject or
// drop calls until then), never sent the moment it connects. Here the bench answers its BootNotification 2 s
// late (a standing behaviour), so the connection comes well before the boot is answered. And a charger that
// only dropped (no Reset) is not back on connecting alone but once it resumed: its first frame after it is
// not a BootNotification, or (the virtual one's, statuses unchanged) it says nothing for 5 s; one
// power-cycled meanwhile (no Reset by the run) boots first: back only once that boot is answered Accepted. On the wall clock; the chargers are the bench's built-in virtual ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { comeBack, waitForComeBack } from '../../../src/main/conformance/come-back';
import { waitFor } from '../../helpers/bench';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-stop-comeback-boot-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every frame and connection of `id`, in the order the bench published them, as "out CALL Reset" or "connected". */
function follow(id: string): { seen: string[]; off: () => void } {
  const seen: string[] = [];
  const off = bench.bus.subscribe((e) => {
    if (e.type === 'frameLogged' && e.message.chargerId === id) {
      const m = e.message;
      const status = m.kind === 'CALLRESULT' ? /"status"\s*:\s*"(\w+)"/.exec(m.raw)?.[1] : m.action === 'ChangeAvailability' ? /"type"\s*:\s*"(\w+)"/.exec(m.raw)?.[1] : undefined;
      seen.push([m.direction, m.kind, m.action, status].filter(Boolean).join(' '));
    } else if (e.type === 'chargerConnected' && e.chargerId === id) seen.push('connected');
    else if (e.type === 'chargerDisconnected' && e.chargerId === id) seen.push('disconnected');
  });
  return { seen, off };
}

describe('a test run stopped right after its Reset, the charger booting 2 s after it connects again', () => {
  it('puts the charger back only after its BootNotification was answered Accepted', async () => {
    const id = 'CB-BOOT-1';
    await virtualTarget(bench, id, 1);
    const behaviours = bench.centralSystem.behaviours;
    const { seen, off } = follow(id);
    let runId = '';
    let reset: string | null = null;
    const offReset = bench.bus.subscribe((e) => {
      if (e.type === 'frameLogged' && e.message.chargerId === id) {
        const m = e.message;
        if (m.direction === 'out' && m.kind === 'CALL' && m.action === 'Reset') reset = m.messageId;
        else if (reset && m.messageId === reset && m.direction === 'in' && m.kind === 'CALLRESULT' && /"Accepted"/.test(m.raw)) reset = 'accepted';
        // Its boot answered 2 s late (set as it comes in, whatever the case's end has reset): connected, not booted yet, for 2 s.
        else if (reset === 'stopped' && m.direction === 'in' && m.kind === 'CALL' && m.action === 'BootNotification')
          behaviours.setStanding(id, { actions: { BootNotification: { mode: 'delay', delaySeconds: 2, errorCode: 'InternalError' } } });
      } else if (e.type === 'chargerDisconnected' && e.chargerId === id && reset === 'accepted') {
        reset = 'stopped';
        bench.conformance.stop(runId);
      }
    });
    try {
      runId = bench.conformance.start({ chargerId: id, cases: ['TC_013_CS', 'TC_019_CS'] }).runId;
      const run = await bench.conformance.settled(runId);
      expect(run.state).toBe('stopped');
      expect(run.cases.map((c) => [c.id, c.cleanupProblems])).toEqual([['TC_013_CS', []]]);
      const after = seen.slice(seen.lastIndexOf('connected'));
      // Its boot answered first, then the put-back: nothing was sent to it between its connection and its boot's answer.
      expect(after.filter((f) => /BootNotification|ChangeAvailability Operative/.test(f)).slice(0, 3)).toEqual([
        'in CALL BootNotification',
        'out CALLRESULT BootNotification Accepted',
        'out CALL ChangeAvailability Operative',
      ]);
      expect(after.slice(0, after.indexOf('out CALLRESULT BootNotification Accepted')).filter((f) => f.startsWith('out CALL '))).toEqual([]);
    } finally {
      offReset();
      off();
      behaviours.reset(id);
    }
  }, 90_000);
});

/**
 * Waits until the watch says the charger is back (failing if it ends otherwise), and returns what the
 * connection and each frame after it made of it (`<last frame seen>: back` or `: not back`), as a stop would
 * have seen it then.
 */
async function waitedBack(cb: ReturnType<typeof comeBack>, seen: string[]): Promise<string[]> {
  const backAt: string[] = [];
  const offBack = cb.onChange(() => backAt.push(`${seen.at(-1)}: ${cb.back() ? 'back' : 'not back'}`));
  const end = await waitForComeBack(cb, { next: new AbortController().signal, moved: new AbortController().signal });
  offBack();
  expect(end).toBe('back');
  return backAt;
}

describe('a charger that only dropped (no Reset)', () => {
  it('is back once it resumed (no BootNotification), not on connecting alone', async () => {
    const id = 'CB-BOOT-2';
    await virtualTarget(bench, id, 1);
    const vcp = bench.virtualChargers.charger(id);
    // Following first: each change the watch sees has its event in `seen` already.
    const { seen, off } = follow(id);
    const cb = comeBack(bench, id);
    try {
      vcp.setFaults({ offline: true, offlineSeconds: 1 });
      await waitFor(() => !bench.connectedChargers().includes(id) || null, 10_000);
      expect(cb.reason()).toMatchObject({ kind: 'dropped' });
      expect(cb.back()).toBe(false);
      const backAt = await waitedBack(cb, seen);
      expect(backAt).toContain('connected: not back');
      expect(seen).not.toContain('in CALL BootNotification');
    } finally {
      off();
      cb.off();
      vcp.setFaults({ offline: false });
    }
  }, 60_000);

  it('power-cycled meanwhile (its first frame a BootNotification, answered 2 s late): back only once that is answered Accepted', async () => {
    const id = 'CB-BOOT-3';
    await virtualTarget(bench, id, 1);
    const vcp = bench.virtualChargers.charger(id);
    const behaviours = bench.centralSystem.behaviours;
    const { seen, off } = follow(id);
    const cb = comeBack(bench, id);
    try {
      behaviours.setStanding(id, { actions: { BootNotification: { mode: 'delay', delaySeconds: 2, errorCode: 'InternalError' } } });
      vcp.powerCycle();
      await waitFor(() => !bench.connectedChargers().includes(id) || null, 10_000);
      expect(cb.reason()).toMatchObject({ kind: 'dropped' });
      const backAt = await waitedBack(cb, seen);
      expect(backAt).toContain('connected: not back');
      expect(backAt).toContain('in CALL BootNotification: not back');
      expect(backAt.find((b) => b.endsWith(': back'))).toBe('out CALLRESULT BootNotification Accepted: back');
    } finally {
      off();
      cb.off();
      behaviours.reset(id);
    }
  }, 60_000);
});
