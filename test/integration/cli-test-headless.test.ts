// `chargebench test` as a CI runs it, with no terminal (stdin not a TTY): a case that needs the person at a
// real charger ends inconclusive saying that nobody could be asked (not that someone skipped it), and the
// run exits 5 (nothing concluded of those cases) however many others passed; a connector the charger does
// not have is a usage error (exit 2); the command's own bench takes any free FTP port, so a taken 2121 is
// nothing to say (and no "Settings" to point at). The charger is a virtual charge point of this process,
// unknown to the command's bench: to it, a real charger.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualChargePoint } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';
import { waitFor } from '../helpers/bench';
import { bin, freePort, testCommand } from '../helpers/cli';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const folder = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `chargebench-${name}-`));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** `chargebench test …` with stdin not a terminal (as in a CI). */
const command = (args: string[]) => testCommand(args, cleanup);

describe('chargebench test --charger without a terminal', () => {
  it('ends a case that needs a person inconclusive, saying nobody could be asked, and exits 5 though another case passed', async () => {
    const dataDir = folder('headless');
    const out = folder('headless-out');
    const port = await freePort();
    const run = command(['--charger', 'CP-CI-1', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--cases', 'TC_003_CS,TC_019_CS', '--json', join(out, 'r.json')]);
    await waitFor(() => run.out.some((l) => l.startsWith('Waiting for CP-CI-1')), 30_000);
    const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id: 'CP-CI-1', connectors: 1 }), url: `ws://127.0.0.1:${port}/ocpp` });
    cleanup.push(() => cp.stop());
    cp.start();
    const code = await run.exited;
    const text = run.out.join('\n');
    expect({ code, stderr: run.stderr() }).toEqual({ code: 5, stderr: '' });
    expect(text).toContain('No one can be asked at the charger: the run had no terminal to ask (stdin is not a terminal). A case that needs a person ends inconclusive.');
    expect(text).toMatch(/INCONCLUSIVE +TC_003_CS/);
    expect(text).toContain('step 1: No operator: the run had no terminal to ask (stdin is not a terminal): Plug the EV cable into connector 1');
    expect(text).not.toContain('The operator skipped');
    expect(text).toMatch(/PASS +TC_019_CS/);
    // The charger's coming, and each case as it starts, are said before anything of the case.
    expect(text).toMatch(/^\S.* CP-CI-1 connected$/m);
    expect(text.indexOf(' TC_003_CS: Regular Charging Session')).toBeGreaterThan(text.search(/ CP-CI-1 connected$/m));
    expect(text.indexOf(' TC_003_CS: Regular Charging Session')).toBeLessThan(text.search(/INCONCLUSIVE +TC_003_CS/));
    expect(text.indexOf(' TC_019_CS: ')).toBeGreaterThan(text.search(/INCONCLUSIVE +TC_003_CS/));
    // The report of the first run in a fresh data directory reads as every report does (0644).
    if (process.platform !== 'win32') expect(statSync(join(out, 'r.json')).mode & 0o777).toBe(0o644);
    expect(run.out.at(-1)).toBe('Inconclusive for want of a person: 1 case needed a person at the charger and nobody could be asked; 1 passed, none failed (exit status 5)');
    const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    const tc003 = json.cases.find((c: { id: string }) => c.id === 'TC_003_CS');
    expect(tc003).toMatchObject({
      verdict: 'inconclusive',
      decidingStep: 1,
      reason: expect.stringMatching(/^No operator: the run had no terminal to ask \(stdin is not a terminal\): Plug the EV cable/),
    });
    expect(tc003.steps[0]).toMatchObject({ by: 'operator', status: 'notJudged', actual: tc003.reason });
  }, 90_000);
});

describe('chargebench test: test data the charger cannot take', () => {
  it('exits 2 on a connector the charger does not have, naming connectorId on one line; nothing is run', () => {
    const dir = folder('connector');
    writeFileSync(join(dir, 'data.json'), JSON.stringify({ connectorId: 3 }));
    const r = spawnSync(process.execPath, [bin, 'test', '--virtual', '--cases', 'TC_003_CS', '--data', join(dir, 'data.json'), '--json', join(dir, 'r.json')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^chargebench test: Test data: connectorId: \S+ has no connector 3: it has 2 \(as the virtual charger is defined\); nothing was run$/),
    ]);
    expect(r.stdout).not.toMatch(/TC_003_CS/);
  }, 90_000);
});

describe("chargebench test's FTP server", () => {
  it('says nothing of a taken FTP port 2121, with --charger and with --virtual: its bench takes any free one', async () => {
    // 2121 taken on the address the bench listens on (by this test, or already by another program).
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.once('error', () => resolve()).listen(2121, '127.0.0.1', () => resolve()));
    cleanup.push(() => new Promise((resolve) => blocker.close(() => resolve(undefined))));
    const dataDir = folder('ftp');
    const waiting = spawnSync(process.execPath, [bin, 'test', '--charger', 'CP-NONE', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--connect-timeout', '1', '--cases', 'TC_003_CS'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: waiting.status, stderr: waiting.stderr.trimEnd() }).toEqual({ status: 4, stderr: 'chargebench test: CP-NONE did not connect within 1 s (--connect-timeout); nothing was run' });
    const virtual = spawnSync(process.execPath, [bin, 'test', '--virtual', '--cases', 'TC_019_CS'], { encoding: 'utf8', timeout: 60_000 });
    expect({ status: virtual.status, stderr: virtual.stderr }).toEqual({ status: 0, stderr: '' });
  }, 90_000);
});
