// A signal that reaches `chargebench test` (or `commission`) before the command's own handling exists — while
// its bundle is made or loaded — is heard, not left to Node's default (the process ending without a word): the
// command says in one line it stopped before starting and exits 143 (SIGTERM) or 130 (Ctrl-C).
// The signal is sent as soon as the command's process has its bundle (it marks the build it runs with
// `running-<pid>`, then loads it): before then Node itself may still be starting, and no JavaScript hears anything.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../helpers/bench';
import { cliCommand, freePort } from '../helpers/cli';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const builds = join(process.cwd(), 'node_modules', '.cache', 'chargebench', 'cli');

/** Whether the process `pid` has its bundle (made or found) and is about to load it. */
const hasBundle = (pid: number) => {
  try {
    return readdirSync(builds).some((b) => existsSync(join(builds, b, `running-${pid}`)));
  } catch {
    return false;
  }
};

/** Resolves once `pid` has its bundle, checking often (the load that follows is the window this test aims at). */
const bundleMade = (pid: number, exited: Promise<unknown>) =>
  new Promise<boolean>((resolve) => {
    let over = false;
    void exited.then(() => (over = true));
    const check = () => {
      if (hasBundle(pid)) return resolve(true);
      if (over) return resolve(false);
      setTimeout(check, 2);
    };
    check();
  });

describe('a signal before the command has started', () => {
  for (const [command, args, signal, status, words] of [
    ['test', ['--virtual', '--cases', 'TC_003_CS'], 'SIGTERM', 143, 'SIGTERM'],
    ['test', ['--virtual', '--cases', 'TC_003_CS'], 'SIGINT', 130, 'Ctrl-C'],
    ['commission', ['--virtual', '--site', 'Depot'], 'SIGTERM', 143, 'SIGTERM'],
  ] as const) {
    it(`${command}: ${signal} while the CLI loads ends it, saying it stopped before starting, with exit ${status}`, async () => {
      const run = cliCommand(command, [...args], cleanup);
      expect(await bundleMade(run.child.pid!, run.exited)).toBe(true);
      run.child.kill(signal);
      const code = await run.exited;
      // Not Node's default (no exit code, no word): the conventional status and one line naming the signal.
      expect({ code, stderr: run.stderr(), out: run.out }).toEqual({
        code: status,
        stderr: `chargebench ${command}: stopped by ${words} before starting; nothing was run\n`,
        out: [],
      });
    }, 60_000);
  }
});

describe('a signal while serve starts its bench', () => {
  // ftp-srv adds signal listeners while the bench starts and the bench takes them out again at once: that
  // is not serve listening, so a signal then is still heard (before, it was lost and serve went on serving).
  it('ends serve (stopped before starting, or stopped by its own handling), never leaves it serving', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-serve-signal-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const [port, apiPort, ftpPort] = [await freePort(), await freePort(), await freePort()];
    const run = cliCommand('serve', ['--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--api-port', String(apiPort), '--ftp-port', String(ftpPort), '--quiet'], cleanup);
    await waitFor(() => existsSync(join(dataDir, 'chargebench.lock')), 30_000);
    run.child.kill('SIGINT');
    const code = await run.exited;
    expect([0, 130]).toContain(code);
    if (code === 130) expect(run.stderr()).toBe('chargebench serve: stopped by Ctrl-C before starting; nothing was run\n');
  }, 60_000);
});
