// `chargebench vcp` as a user runs it against a central system: frames printed readably, physical
// actions typed on stdin, a fleet with --count, and clear errors for bad options.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startTestBench, waitFor, type TestBench } from '../helpers/bench';
import { fleetIds } from '../../src/main/cli/vcp';

const bin = join(process.cwd(), 'bin', 'chargebench.mjs');
let tb: TestBench;
const children: ChildProcess[] = [];

beforeAll(async () => {
  tb = await startTestBench();
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await tb.stop();
});

function run(args: string[]) {
  const child = spawn(process.execPath, [bin, 'vcp', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

function failure(args: string[]): string {
  try {
    execFileSync(process.execPath, [bin, 'vcp', ...args], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const err = e as { status: number; stderr: string };
    return `${err.status} ${err.stderr}`;
  }
  return 'exited 0';
}

describe('chargebench vcp', () => {
  it('names fleet ids after the first one', () => {
    expect(fleetIds('CP001', 3)).toEqual(['CP001', 'CP002', 'CP003']);
    expect(fleetIds('CP8', 3)).toEqual(['CP8', 'CP9', 'CP10']);
    expect(fleetIds('BENCH', 2)).toEqual(['BENCH001', 'BENCH002']);
    expect(fleetIds('CP001', 1)).toEqual(['CP001']);
  });

  it('prints every frame readably and takes physical actions from stdin', async () => {
    const { child, lines, exited } = run(['--url', tb.wsUrl(), '--id', 'CLI1', '--connectors', '2']);
    await waitFor(() => lines.some((l) => /CLI1 <- BootNotification result {2}\{"status":"Accepted"/.test(l)), 15_000);
    expect(lines.some((l) => /^\d{1,2}:\d\d:\d\d(\s?[AP]M)? {2}CLI1 -> BootNotification {2}\{"chargePointVendor":"ChargeBench"/.test(l))).toBe(true);
    child.stdin!.write('plug 1\n');
    child.stdin!.write('tag 1 CLITAG\n');
    await waitFor(() => lines.some((l) => l.includes('CLI1 -> StartTransaction')), 10_000);
    await waitFor(async () => (await tb.request('GET', '/api/transactions?active=true')).body.some((t: any) => t.chargerId === 'CLI1' && t.idTag === 'CLITAG'));
    child.stdin!.write('plug 7\n');
    await waitFor(() => lines.some((l) => l.startsWith('Cannot plug: ') && l.includes('no connector 7')));
    child.stdin!.write('quit\n');
    expect(await exited).toBe(0);
  });

  it('runs a fleet with --count', async () => {
    const { child, lines } = run(['--url', tb.wsUrl(), '--id', 'FLEET01', '--count', '3']);
    expect(await waitFor(() => lines.find((l) => l.includes('FLEET01..FLEET03 (3)')), 15_000)).toBeTruthy();
    await waitFor(async () => {
      const chargers = (await tb.request('GET', '/api/chargers')).body as any[];
      return ['FLEET01', 'FLEET02', 'FLEET03'].every((id) => chargers.some((c) => c.id === id && c.connected && c.registrationStatus === 'Accepted'));
    }, 15_000);
    // A fleet prints a summary, not every frame.
    expect(lines.some((l) => l.includes('-> BootNotification'))).toBe(false);
    child.kill('SIGTERM');
  });

  it('refuses bad options with a message naming them', () => {
    expect(failure(['--url', 'http://x', '--id', 'A'])).toMatch(/^2 .*--url must be a ws:\/\/ or wss:\/\/ URL/s);
    expect(failure(['--url', 'ws://127.0.0.1:1/ocpp', '--id', 'A', '--password', 'short'])).toMatch(/^2 .*--password: /s);
    expect(failure(['--url', 'ws://127.0.0.1:1/ocpp', '--id', 'A', '--connectors', '11'])).toMatch(/^2 .*--connectors must be a whole number from 1 to 10/s);
    expect(failure(['--id', 'A'])).toMatch(/^2 chargebench vcp: required option '--url <url>' not specified\n$/);
  });
});
