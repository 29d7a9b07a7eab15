// A data directory the bench cannot write is refused, naming it and why, before SQLite is asked to open a
// record in it. The tests run as root, whom permissions do not stop: the check is tested with the file
// system's answer injected, and for real on a directory made immutable (chattr +i, which stops root too)
// where the file system allows it.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirError, ensureDataDir } from '../../src/main/store/data-dir';
import { bin } from '../helpers/cli';

const work = mkdtempSync(join(tmpdir(), 'cb-data-dir-unwritable-h5-'));
const immutable: string[] = [];
afterAll(() => {
  for (const d of immutable) spawnSync('chattr', ['-i', d]);
  rmSync(work, { recursive: true, force: true });
});

/** A directory made immutable (no entry can be made in it, even by root); null where chattr cannot. */
function immutableDir(name: string): string | null {
  const dir = join(work, name);
  mkdirSync(dir);
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  immutable.push(dir);
  return dir;
}

describe('a data directory that cannot be written', () => {
  it('is refused with the reason the file system gives (the access check injected)', () => {
    const dir = join(work, 'denied');
    mkdirSync(dir);
    const checked: Array<[string, number]> = [];
    const denied = (path: string, mode: number) => {
      checked.push([path, mode]);
      throw Object.assign(new Error(`EACCES: permission denied, access '${path}'`), { code: 'EACCES' });
    };
    let thrown: unknown = null;
    try {
      ensureDataDir(dir, denied);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DataDirError);
    expect((thrown as Error).message).toBe(`The data directory ${dir} cannot be written: permission denied (EACCES)`);
    expect(checked.map(([p]) => p)).toEqual([dir]);
    // Allowed, the same directory is taken.
    expect(() => ensureDataDir(dir, () => undefined)).not.toThrow();
  });

  it.runIf(process.platform === 'linux')('is refused for real on an immutable directory, by the record and by serve (exit 1)', (ctx) => {
    const dir = immutableDir('immutable');
    if (!dir) return ctx.skip();
    expect(() => ensureDataDir(dir)).toThrow(`The data directory ${dir} cannot be written: operation not permitted (EPERM)`);
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--ftp-port', '0', '--api-port', '0', '--data-dir', dir], { encoding: 'utf8', timeout: 60_000, cwd: work });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`The data directory ${dir} cannot be written: operation not permitted (EPERM)`);
    expect(r.stderr).not.toContain('unable to open database file');
    expect(existsSync(join(dir, 'chargebench.sqlite'))).toBe(false);
  });
});
