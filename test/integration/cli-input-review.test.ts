// A robustness review's findings on the command line: a --data-dir that is a file, a device or cannot be
// made is named with why (not SQLite's "unable to open database file"), an empty --data-dir is refused
// rather than quietly meaning the current directory, a short --api-token is refused (without repeating
// it), and a --charger no charger could connect as is refused before anything waits for it.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin } from '../helpers/cli';

const work = mkdtempSync(join(tmpdir(), 'cb-cli-input-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the command to its end: its exit status and what it wrote. */
function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, cwd: work });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ports = ['--port', '0', '--ftp-port', '0', '--api-port', '0'];

describe('serve --data-dir', () => {
  it('names a file given as the data directory and says it is not a directory', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'not a directory\n');
    const r = run(['serve', ...ports, '--data-dir', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`The data directory ${file} is not a directory (it is a file)`);
    expect(r.stderr).not.toContain('unable to open database file');
  });

  it('names /dev/null as a device, not a directory', () => {
    const r = run(['serve', ...ports, '--data-dir', '/dev/null']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('The data directory /dev/null is not a directory (it is a device)');
  });

  it('says why a data directory cannot be created', () => {
    const file = join(work, 'another-file');
    writeFileSync(file, '');
    const r = run(['serve', ...ports, '--data-dir', join(file, 'record')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`The data directory ${join(file, 'record')} cannot be created: a part of its path is a file, not a directory (ENOTDIR)`);
  });

  it('refuses an empty --data-dir (exit 2, naming the flag) instead of using the current directory', () => {
    for (const command of [
      ['serve', ...ports],
      ['test', '--charger', 'CP1'],
    ]) {
      const r = run([...command, '--data-dir', '']);
      expect(r.status, command[0]).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^chargebench ${command[0]}: .*--data-dir must not be empty`));
    }
    // Nothing was made in the current directory.
    expect(existsSync(join(work, 'chargebench.sqlite'))).toBe(false);
  });
});

describe('serve --api-token', () => {
  it('refuses a token shorter than 16 characters, naming the flag and not repeating the token', () => {
    for (const token of ['x', 'short-secret']) {
      const r = run(['serve', ...ports, '--data-dir', join(work, 'd1'), '--api-token', token]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(`chargebench serve: --api-token must be at least 16 characters (this one has ${token.length}): a short token is easily guessed`);
    }
    const r = run(['serve', ...ports, '--data-dir', join(work, 'd1'), '--api-token', 'a token with spaces']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--api-token must be letters, digits and - _ . ~ only');
    expect(r.stderr).not.toContain('a token with spaces');
  });
});

describe('test --charger', () => {
  it('refuses an identity no charger could connect as (blank, spaces at its ends), naming the flag', () => {
    for (const [id, why] of [
      [' ', 'must not be blank'],
      ['CP1 ', 'must not begin or end with a space'],
    ]) {
      const r = run(['test', '--charger', id, '--data-dir', join(work, 'd2')]);
      expect(r.status, id).toBe(2);
      expect(r.stderr).toMatch(/^chargebench test: /);
      expect(r.stderr).toContain(`--charger ${why}`);
    }
  });
});
