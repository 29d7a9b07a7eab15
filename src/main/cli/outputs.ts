// The report files `chargebench test` and `chargebench commission` write: checked before the run (a folder
// that is not there or not writable is a usage error, exit 2, so nobody waits out a long run to lose its
// report), and written after it, each on its own (one that cannot be written is said on one line, the
// others are still written, and the command exits 3).
import { accessSync, chmodSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A report asked for: the option that names it, its words ("the JSON report") and where it goes. */
export interface Output {
  option: string;
  label: string;
  path: string | undefined;
}

/**
 * Why a file could not be written, in words. ENOENT for `file` (the one written) in a directory that is
 * there (a folder such as /proc, where no file can be made) is not "no such directory".
 */
export function writeProblem(e: NodeJS.ErrnoException, file?: string): string {
  switch (e.code) {
    case 'ENOENT':
      return file !== undefined && isDirectory(dirname(resolve(file))) ? 'the file cannot be created there (ENOENT)' : 'no such directory';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return e.message;
  }
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The first report that could not be written where its option says, as a usage error's words; null when all can be. */
export function checkOutputs(outputs: Output[]): string | null {
  const seen = new Map<string, string>();
  for (const { option, path } of outputs) {
    if (!path) continue;
    const file = resolve(path);
    const other = seen.get(file);
    if (other) return `${other} and ${option} name the same file ${path}`;
    seen.set(file, option);
    const dir = dirname(file);
    let problem: string | null = null;
    if (!existsSync(dir)) problem = `no such directory ${dir}`;
    else if (!statSync(dir).isDirectory()) problem = `${dir} is not a directory`;
    else if (existsSync(file) && statSync(file).isDirectory()) problem = 'it is a directory';
    else {
      try {
        accessSync(existsSync(file) ? file : dir, constants.W_OK);
      } catch (e) {
        problem = `cannot write there: ${writeProblem(e as NodeJS.ErrnoException, file)}`;
      }
    }
    if (problem) return `${option} ${path}: ${problem}; nothing was run`;
  }
  return null;
}

/** The reports asked for that are not written yet, in words ("the PDF report (--pdf r.pdf)"): what quitting now loses. */
export function unwritten(outputs: Output[], done: ReadonlySet<string>): string {
  return outputs
    .filter((o) => o.path && !done.has(o.option))
    .map((o) => `${o.label} (${o.option} ${o.path})`)
    .join(', ');
}

/** The mode of every report file written (rw-r--r--): none holds a secret (the evidence pack keeps no password). */
export const REPORT_MODE = 0o644;

/** Sets a report's mode (a file already there keeps its own on a write); where the system cannot (not its owner), it stays as it was. */
function keepMode(file: string): void {
  try {
    chmodSync(file, REPORT_MODE);
  } catch {
    // Written, but not ours to change (another user's file we may write): its mode stands.
  }
}

/**
 * Writes each report asked for; false when one could not be made or written (said on stderr, the others
 * still written). `done` gets the option of each one tried (written or not), as it goes.
 */
export async function writeOutputs(command: string, outputs: Array<Output & { body: () => Promise<string | Uint8Array> }>, done?: Set<string>): Promise<boolean> {
  let all = true;
  for (const o of outputs) {
    if (!o.path) continue;
    try {
      const file = resolve(o.path);
      writeFileSync(file, await o.body(), { mode: REPORT_MODE });
      // A report holds no secret and is for others to read: the same mode every time, also over a file left
      // private (a bench made its data directory's files private, a report written there before included).
      keepMode(file);
    } catch (e) {
      all = false;
      const err = e as NodeJS.ErrnoException;
      console.error(`chargebench ${command}: could not write ${o.label} to ${o.path}: ${err.code ? writeProblem(err, o.path) : err.message}`);
    } finally {
      done?.add(o.option);
    }
  }
  return all;
}
