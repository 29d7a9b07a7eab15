// `chargebench test --charger` stopped where a person leaves a charger changed: SIGHUP (the terminal closed, an
// SSH session dropped, its output gone with it) mid-case stops the run as SIGTERM does (the charger put back,
// the reports written, the run kept as stopped, exit 129), never killed at once; Ctrl-C just after the case's
// Reset (the charger rebooting) waits for the charger to come back, saying so on the terminal, puts it back
// (its connector Operative again) and says on the terminal what was put back; its report says when Ctrl-C came,
// before the wait, as well as when the stop took effect. The charger is a virtual charge
// point of this process, unknown to the command's bench: to it, a real charger.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { VirtualChargePoint, type VcpFrame } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';
import { waitFor } from '../helpers/bench';
import { cliRecord } from '../helpers/cli-record';
import { freePort, testCommand } from '../helpers/cli';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A one-connector charger; `onCall(action, payload)` for each call the bench sends it (after it has handled it). Not started. */
function charger(id: string, port: number, onCall: (action: string, raw: string) => void) {
  const cp = new VirtualChargePoint({
    definition: VirtualChargerDefinition.parse({ id, connectors: 1 }),
    url: `ws://127.0.0.1:${port}/ocpp`,
    onFrame: (f: VcpFrame) => {
      if (f.direction === 'in' && f.kind === 'CALL') setImmediate(() => onCall(f.action ?? '', f.raw));
    },
  });
  cleanup.push(() => cp.stop());
  return cp;
}

const connector1 = (cp: VirtualChargePoint) => cp.view().connectors.find((c) => c.connectorId === 1)!;

/** The run kept in the record for `chargerId`, as the UI lists it. */
async function kept(dataDir: string, chargerId: string) {
  const after = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0 });
  try {
    return after.conformance.list(chargerId);
  } finally {
    await after.stop();
  }
}

describe('chargebench test: a closed terminal (SIGHUP)', () => {
  it('stops the run as SIGTERM does: the connector Operative again, the report written, the run kept as stopped, exit 129', async () => {
    const { dataDir, out } = await cliRecord('cli-hup', cleanup);
    const port = await freePort();
    const id = 'CP-HUP';
    const run = testCommand(
      ['--charger', id, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--cases', 'TC_013_CS,TC_019_CS,TC_021_CS', '--json', join(out, 'hup.json')],
      cleanup,
    );
    await waitFor(() => run.out.some((l) => l.startsWith(`Waiting for ${id}`)), 30_000);
    let hungUp = false;
    const cp = charger(id, port, (action, raw) => {
      // Mid-case: the connector just made Inoperative; the terminal goes, and the command's output with it.
      if (hungUp || action !== 'ChangeAvailability' || !raw.includes('Inoperative')) return;
      hungUp = true;
      run.child.kill('SIGHUP');
      run.child.stdout!.destroy();
      run.child.stderr!.destroy();
    });
    cp.start();
    expect(await run.exited).toBe(129);
    expect(hungUp).toBe(true);
    const json = JSON.parse(readFileSync(join(out, 'hup.json'), 'utf8'));
    expect(json).toMatchObject({ chargerId: id, state: 'stopped' });
    expect(json.cases.map((c: { id: string; verdict: string }) => [c.id, c.verdict])).toEqual([['TC_013_CS', 'inconclusive']]);
    expect(json.cases[0].cleanupProblems).toEqual([]);
    // Put back: the connector the case made Inoperative is Operative (Available) again.
    expect(connector1(cp)).toMatchObject({ availability: 'Operative', status: 'Available' });
    expect(await kept(dataDir, id)).toMatchObject([{ chargerId: id, state: 'stopped' }]);
  }, 90_000);
});

describe('chargebench test: Ctrl-C while the run has the charger rebooting', () => {
  it('waits for the charger to come back, puts it back (connector Operative) and says so on the terminal', async () => {
    const { dataDir, out } = await cliRecord('cli-comeback', cleanup);
    const port = await freePort();
    const id = 'CP-BACK';
    const run = testCommand(['--charger', id, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--cases', 'TC_013_CS,TC_019_CS', '--json', join(out, 'r.json')], cleanup);
    await waitFor(() => run.out.some((l) => l.startsWith(`Waiting for ${id}`)), 30_000);
    let stopped = false;
    const cp = charger(id, port, (action) => {
      // Right after the case's Reset Hard (its connector Inoperative): the charger reboots.
      if (stopped || action !== 'Reset') return;
      stopped = true;
      run.child.kill('SIGINT');
    });
    // When the rebooted charger begins to connect again: the stop waited for that, so it took effect after it.
    let reconnecting: number | null = null;
    const connect = cp.connection.connect.bind(cp.connection);
    cp.connection.connect = () => {
      if (stopped) reconnecting ??= Date.now();
      connect();
    };
    cp.start();
    expect(await run.exited).toBe(130);
    const text = run.out.join('\n');
    expect(text).toMatch(new RegExp(`^Waiting up to 30 s for ${id} to come back to put it back \\(the run reset it at .*; Ctrl-C again to leave it as it is\\)$`, 'm'));
    expect(text).toMatch(new RegExp(`^\\S.*  ${id} is back \\(after \\d+ s\\): putting it back; Ctrl-C again quits at once$`, 'm'));
    // What was put back, on the terminal (not only in the reports), before the closing line.
    expect(text).toMatch(/^Put back after TC_013_CS: nothing was left undone\nStopped by Ctrl-C: 1 of 2 cases ended; the run is kept in the record as stopped$/m);
    expect(run.stderr()).toBe('');
    expect(connector1(cp)).toMatchObject({ availability: 'Operative', status: 'Available' });
    const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    expect(json).toMatchObject({ state: 'stopped', cases: [{ id: 'TC_013_CS', verdict: 'inconclusive', cleanupProblems: [] }] });
    // The report says when Ctrl-C came (before the charger came back), not only when the stop took effect.
    expect(json.stop).toMatchObject({ by: 'signal', signal: 'SIGINT' });
    expect(Date.parse(json.stop.requestedAt)).toBeLessThan(reconnecting!);
    expect(Date.parse(json.stop.at)).toBeGreaterThan(reconnecting!);
  }, 90_000);
});
