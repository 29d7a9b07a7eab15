// Output closed by its reader (`chargebench test --help | head -1`): the command ends quietly, never with an
// unhandled `Error: write EPIPE` and its stack trace (exit 1). --help and --version exit 0 as the README says;
// a usage error keeps its 2; a run still at work is stopped as by SIGTERM (the charger put back), exit 143.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { bin } from '../helpers/cli';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/**
 * `chargebench …` with its stdout (or stderr) closed by the reader: at once (`at: 'start'`, before the command
 * has written anything, so its first write meets the closed pipe) or after its first line (`at: 'firstLine'`,
 * as `| head -1`). The exit code and what came on the stream left open.
 */
function closedOutput(args: string[], stream: 'stdout' | 'stderr', at: 'start' | 'firstLine') {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => child.kill('SIGKILL'));
  const closed = child[stream]!;
  const open = stream === 'stdout' ? child.stderr! : child.stdout!;
  let other = '';
  open.on('data', (d) => (other += String(d)));
  const lines: string[] = [];
  if (at === 'start') closed.destroy();
  else {
    const rl = createInterface({ input: closed });
    rl.once('line', (l) => {
      lines.push(l);
      rl.close();
      closed.destroy();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { exited, other: () => other, lines };
}

describe('a closed stdout or stderr ends the command quietly', () => {
  it('test --help with stdout closed before it writes: exit 0, nothing on stderr', async () => {
    const run = closedOutput(['test', '--help'], 'stdout', 'start');
    expect({ code: await run.exited, stderr: run.other() }).toEqual({ code: 0, stderr: '' });
  }, 60_000);

  it('test --help | head -1: the first line read, exit 0, no EPIPE', async () => {
    const run = closedOutput(['test', '--help'], 'stdout', 'firstLine');
    const code = await run.exited;
    expect(run.lines).toEqual(['Usage: chargebench test [options]']);
    expect({ code, stderr: run.other() }).toEqual({ code: 0, stderr: '' });
  }, 60_000);

  it('--version with stdout closed: exit 0, nothing on stderr', async () => {
    const run = closedOutput(['--version'], 'stdout', 'start');
    expect({ code: await run.exited, stderr: run.other() }).toEqual({ code: 0, stderr: '' });
  }, 60_000);

  it('a usage error with stderr closed keeps its exit status 2 (not a crash)', async () => {
    const run = closedOutput(['test', '--bogus'], 'stderr', 'start');
    expect({ code: await run.exited, stdout: run.other() }).toEqual({ code: 2, stdout: '' });
  }, 60_000);

  it('a run whose stdout is closed after its first line is stopped as by SIGTERM (143), without a stack trace', async () => {
    const run = closedOutput(['test', '--virtual', '--cases', 'TC_003_CS,TC_004_1_CS,TC_010_CS'], 'stdout', 'firstLine');
    const code = await run.exited;
    expect(run.lines).toHaveLength(1);
    expect({ code, stderr: run.other() }).toEqual({ code: 143, stderr: '' });
  }, 60_000);
});
