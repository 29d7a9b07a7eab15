// The `chargebench` command as the CLI tests run it: the built bin in a child process of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const bin = join(process.cwd(), 'bin', 'chargebench.mjs');

/** A loopback port free at the time of asking (for a command's bench to listen on). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** `chargebench test …`, as cliCommand runs it. */
export const testCommand = (args: string[], cleanup: Array<() => unknown>) => cliCommand('test', args, cleanup);

/**
 * `chargebench <command> …` with stdin not a terminal (as in a CI): its stdout lines as they come, its stderr,
 * and its exit code. `cleanup` gets a kill of the child (for the test file's afterEach).
 */
export function cliCommand(command: string, args: string[], cleanup: Array<() => unknown>) {
  const child: ChildProcess = spawn(process.execPath, [bin, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => child.kill('SIGKILL'));
  const out: string[] = [];
  let err = '';
  createInterface({ input: child.stdout! }).on('line', (l) => out.push(l));
  child.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out, stderr: () => err, exited };
}
