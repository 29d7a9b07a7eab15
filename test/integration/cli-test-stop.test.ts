// `chargebench test --charger` as a CI runs it: Ctrl-C (SIGINT) mid-case works like the UI's Stop (the
// case ends inconclusive, the charger is put back, the reports asked for are written, the run is kept in
// the record, exit 130), a second Ctrl-C while the charger is put back quits at once naming what may be
// left; a charger that never connects ends the wait after --connect-timeout (exit 4) after printing the
// real addresses to use. The charger is a virtual charge point of this process, unknown to the command's
// bench: to it, a real charger.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { VirtualChargePoint, type VcpFrame } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';
import { waitFor } from '../helpers/bench';
import { cliRecord } from '../helpers/cli-record';
import { bin, freePort, testCommand } from '../helpers/cli';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const record = () => cliRecord('cli-stop', cleanup);

/** `chargebench test …` with stdin not a terminal (as in a CI). */
const command = (args: string[]) => testCommand(args, cleanup);

/**
 * The charger: answers every call, the GetConfiguration that follows the case's ChangeConfiguration 3 s late
 * (the case is mid-step); `onHeld` is called then. (OCPP-J has one call outstanding at a time: the putting
 * back waits for that answer.)
 */
function charger(id: string, port: number, onHeld: (cp: VirtualChargePoint) => void) {
  let held = false;
  const cp: VirtualChargePoint = new VirtualChargePoint({
    definition: VirtualChargerDefinition.parse({ id, connectors: 1 }),
    url: `ws://127.0.0.1:${port}/ocpp`,
    onFrame: (f: VcpFrame) => {
      if (f.direction !== 'in' || f.kind !== 'CALL') return;
      if (f.action === 'ChangeConfiguration' && f.raw.includes('MeterValueSampleInterval') && !held) {
        held = true;
        cp.setFaults({ actions: { GetConfiguration: { mode: 'delay', delaySeconds: 3, errorCode: 'InternalError' } } });
      } else if (f.action === 'GetConfiguration' && held) setImmediate(() => onHeld(cp));
    },
  });
  cleanup.push(() => cp.stop());
  return cp;
}

const interval = (cp: VirtualChargePoint) => cp.config.get(['MeterValueSampleInterval']).configurationKey?.[0]?.value;

describe('chargebench test: Ctrl-C', () => {
  it('stops the case in progress, puts the charger back, writes the reports, keeps the run and exits 130', async () => {
    const { dataDir, out } = await record();
    const port = await freePort();
    const run = command([
      '--charger',
      'CP-QA-2',
      '--data-dir',
      dataDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--cases',
      'TC_021_CS,TC_040_1_CS',
      '--json',
      join(out, 'r.json'),
      '--junit',
      join(out, 'r.xml'),
    ]);
    await waitFor(() => run.out.some((l) => l.startsWith('Waiting for CP-QA-2')), 30_000);
    let stoppedAt = 0;
    const cp = charger('CP-QA-2', port, (c) => {
      if (stoppedAt) return;
      stoppedAt = Date.now();
      run.child.kill('SIGINT');
      c.setFaults({ actions: {} });
    });
    const before = interval(cp);
    cp.start();
    const code = await run.exited;
    expect({ code, stderr: run.stderr() }).toEqual({ code: 130, stderr: '' });
    // At once (the held answer, then the putting back), not after the prompt's or the charger's time-out (300 s, 30 s).
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    const text = run.out.join('\n');
    expect(text).toMatch(/^Stopped by Ctrl-C: ending the case in progress/m);
    expect(text).toMatch(/INCONCLUSIVE +TC_021_CS/);
    expect(text).toMatch(/^Stopped by Ctrl-C: 1 of 2 cases ended; the run is kept in the record as stopped$/m);
    // Put back: the key the case changed holds its value from before the run.
    expect(interval(cp)).toBe(before);
    const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    expect(json).toMatchObject({ chargerId: 'CP-QA-2', state: 'stopped' });
    expect(json.cases.map((c: { id: string; verdict: string }) => [c.id, c.verdict])).toEqual([['TC_021_CS', 'inconclusive']]);
    // Inconclusive because the run was stopped mid-step (not a time-out of the charger or of a person).
    expect(json.cases[0].reason).toMatch(/^The run was stopped during step \d+ /);
    expect(readFileSync(join(out, 'r.xml'), 'utf8')).toContain('TC_021_CS');
    // Kept in the record: the UI lists it.
    const after = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0 });
    try {
      expect(after.conformance.list('CP-QA-2')).toMatchObject([{ chargerId: 'CP-QA-2', state: 'stopped' }]);
    } finally {
      await after.stop();
    }
  }, 90_000);

  it('quits at once on a second Ctrl-C while the charger is put back, naming what may be left changed', async () => {
    const { dataDir, out } = await record();
    const port = await freePort();
    const run = command(['--charger', 'CP-QA-3', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--cases', 'TC_021_CS', '--json', join(out, 'r.json')]);
    await waitFor(() => run.out.some((l) => l.startsWith('Waiting for CP-QA-3')), 30_000);
    let first = false;
    const cp = charger('CP-QA-3', port, (c) => {
      if (first) return;
      first = true;
      // The charger answers nothing more: the putting back waits on it.
      c.setFaults({ actions: { ChangeConfiguration: { mode: 'ignore', delaySeconds: 10, errorCode: 'InternalError' } } });
      run.child.kill('SIGINT');
    });
    cp.start();
    await waitFor(() => run.out.some((l) => l.startsWith('Stopped by Ctrl-C')), 30_000);
    const second = Date.now();
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(Date.now() - second).toBeLessThan(5_000);
    expect(run.stderr()).toMatch(
      /^chargebench test: stopped by Ctrl-C again, quitting at once: the charger may not have been put back \(TC_021_CS was in progress; configuration set: MeterValueSampleInterval=\d+\)/,
    );
    expect(existsSync(join(out, 'r.json'))).toBe(false);
  }, 90_000);
});

describe('chargebench test --virtual: SIGINT and SIGTERM', () => {
  for (const [signal, status, words] of [
    ['SIGINT', 130, 'Ctrl-C'],
    ['SIGTERM', 143, 'SIGTERM'],
  ] as const) {
    it(`stops the run on ${signal}, prints the summary, writes the reports and exits ${status}`, async () => {
      const out = mkdtempSync(join(tmpdir(), 'chargebench-cli-stop-virtual-'));
      cleanup.push(() => rmSync(out, { recursive: true, force: true }));
      const run = command(['--virtual', '--json', join(out, 'r.json'), '--junit', join(out, 'r.xml')]);
      await waitFor(() => run.out.some((l) => /PASS +TC_/.test(l)), 30_000);
      run.child.kill(signal);
      expect(await run.exited).toBe(status);
      const text = run.out.join('\n');
      expect(text).toContain(`Stopped by ${words}: `);
      // Its temporary record is deleted on the way out: no record is claimed.
      expect(text).not.toContain('kept in the record');
      expect(text).toMatch(/^\d+ cases?: \d+ passed, /m);
      expect(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'))).toMatchObject({ state: 'stopped' });
      expect(existsSync(join(out, 'r.xml'))).toBe(true);
    }, 60_000);
  }
});

describe('chargebench test: a charger that does not connect', () => {
  it('prints the addresses to use, gives up after --connect-timeout and exits 4', async () => {
    const { dataDir } = await record();
    const started = Date.now();
    const r = spawnSync(process.execPath, [bin, 'test', '--charger', 'CP-NONE', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--connect-timeout', '1', '--cases', 'TC_003_CS'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(4);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stdout).toMatch(/^ {2}ws:\/\/127\.0\.0\.1:\d+\/ocpp\/CP-NONE$/m);
    expect(r.stdout).not.toContain('<this machine>');
    expect(r.stderr.trimEnd()).toBe('chargebench test: CP-NONE did not connect within 1 s (--connect-timeout); nothing was run');
  }, 60_000);
});
