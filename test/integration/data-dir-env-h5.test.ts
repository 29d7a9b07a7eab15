// $CHARGEBENCH_DATA_DIR set but empty (or only spaces) is refused as `--data-dir ""` is (exit 2, naming the
// variable), rather than quietly meaning the current directory; set to a directory, it is the one used.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin } from '../helpers/cli';

const work = mkdtempSync(join(tmpdir(), 'cb-data-dir-env-h5-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the command to its end in `work`, with CHARGEBENCH_DATA_DIR as given. */
function run(args: string[], dataDirEnv: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, cwd: work, env: { ...process.env, CHARGEBENCH_DATA_DIR: dataDirEnv } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CHARGEBENCH_DATA_DIR', () => {
  it('empty or all spaces: refused (exit 2), naming the variable, and nothing is made in the current directory', () => {
    for (const value of ['', '   ']) {
      for (const command of [
        ['serve', '--port', '0', '--ftp-port', '0', '--api-port', '0'],
        ['test', '--charger', 'CP1', '--connect-timeout', '1'],
      ]) {
        const r = run(command, value);
        expect(r.status, `${command[0]} with ${JSON.stringify(value)}`).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^chargebench ${command[0]}: .*CHARGEBENCH_DATA_DIR.*must not be empty`));
      }
    }
    expect(readdirSync(work)).toEqual([]);
  });

  it('--data-dir given wins over an empty variable', () => {
    const dir = join(work, 'given');
    const r = run(['test', '--charger', 'CP1', '--connect-timeout', '1', '--data-dir', dir], '');
    expect(r.status).toBe(4);
    expect(existsSync(join(dir, 'chargebench.sqlite'))).toBe(true);
  });

  it('set to a directory: the record is kept there', () => {
    const dir = join(work, 'from-env');
    const r = run(['test', '--charger', 'CP1', '--connect-timeout', '1'], dir);
    // The charger never connects (exit 4), but the bench ran on the variable's directory.
    expect(r.status, r.stderr).toBe(4);
    expect(existsSync(join(dir, 'chargebench.sqlite'))).toBe(true);
  });
});
