// The command as a nightly job runs it, with a variable that came out empty: `--cases "$CASES"` and
// `--profiles "$PROFILES"` are usage errors naming the option (exit 2, nothing run), not "every case" or
// "what the charger reports"; an empty $CHARGEBENCH_DATA_DIR counts as not set with `--virtual` (which uses a
// temporary record) and is refused otherwise; and a report that cannot be created in a folder that is there says so (exit 3).
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin } from '../helpers/cli';

const work = mkdtempSync(join(tmpdir(), 'cb-cli-empty-values-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the command to its end in `work`, with the environment's changes given; the platform's data folder under `work`. */
function run(args: string[], env: Record<string, string> = {}, timeout = 60_000) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout, cwd: work, env: { ...process.env, XDG_DATA_HOME: join(work, 'xdg'), ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A usage error: exit 2, nothing on stdout, one line on stderr naming the command. */
function usageError(args: string[]): string {
  const r = run(args);
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('a list option given empty', () => {
  it('--cases "" is a usage error naming --cases, not a run of every case', () => {
    expect(usageError(['test', '--virtual', '--cases', ''])).toMatch(/^chargebench test: --cases "" names no test case: give case ids, .* or leave --cases out to run every case$/);
    expect(usageError(['test', '--list', '--cases', ''])).toMatch(/^chargebench test: --cases ""/);
  }, 120_000);

  it('--profiles "" is a usage error naming --profiles, for test and commission', () => {
    expect(usageError(['test', '--virtual', '--cases', 'TC_003_CS', '--profiles', ''])).toMatch(/^chargebench test: --profiles "" names no feature profile: .*leave --profiles out/);
    expect(usageError(['commission', '--virtual', '--profiles', ''])).toMatch(/^chargebench commission: --profiles "" names no feature profile/);
  }, 120_000);
});

describe('$CHARGEBENCH_DATA_DIR set but empty', () => {
  it('with --virtual: test and commission run (the variable counts as not set), nothing made in the current folder', () => {
    const t = run(['test', '--virtual', '--cases', 'TC_003_CS'], { CHARGEBENCH_DATA_DIR: '' });
    expect(t.status, t.stderr).toBe(0);
    const c = run(['commission', '--virtual'], { CHARGEBENCH_DATA_DIR: '' });
    expect(c.status, c.stderr).toBe(0);
    expect(readdirSync(work).filter((f) => f !== 'xdg')).toEqual([]);
  }, 120_000);

  it('with --charger: refused (exit 2), naming the variable; no record made anywhere', () => {
    const r = run(['test', '--charger', 'CP1', '--host', '127.0.0.1', '--port', '0', '--connect-timeout', '1'], { CHARGEBENCH_DATA_DIR: '  ' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^chargebench test: .*CHARGEBENCH_DATA_DIR.*must not be empty/);
    expect(existsSync(join(work, 'xdg', 'chargebench', 'chargebench.sqlite'))).toBe(false);
  }, 60_000);
});

describe('a report that cannot be created in a folder that is there', () => {
  it.skipIf(!existsSync('/proc/self'))(
    '--json /proc/r.json: says the file cannot be created there, not "no such directory"; exit 3',
    () => {
      const r = run(['test', '--virtual', '--cases', 'TC_003_CS', '--json', '/proc/r.json']);
      // Where the folder is refused up front (not root), that is a usage error naming why instead.
      if (r.status === 2) expect(r.stderr).toMatch(/^chargebench test: --json \/proc\/r\.json: cannot write there: permission denied/);
      else {
        expect(r.status).toBe(3);
        expect(r.stderr).toContain('chargebench test: could not write the JSON report to /proc/r.json: the file cannot be created there (ENOENT)');
        expect(r.stderr).not.toContain('no such directory');
      }
    },
    60_000,
  );
});
