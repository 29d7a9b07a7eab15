// The chargebench command as a user runs it: --help, and serve printing its token and answering the
// API with it, then stopping cleanly on SIGTERM; the exit status a CI reads: 0 done, 1 a case failed or
// erred, 2 a usage error (of every command, commander's own included), said on one line.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const bin = join(process.cwd(), 'bin', 'chargebench.mjs');

/** Runs the command to its end: its exit status and what it wrote to stderr. */
function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A usage error: exit 2 and one line on stderr, for the command named. */
function expectUsageError(args: string[], command: string): string {
  const r = run(args);
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^chargebench ${command}: `));
  return lines[0]!;
}

describe('chargebench CLI', () => {
  it('prints help for the serve command', () => {
    const out = execFileSync(process.execPath, [bin, 'serve', '--help'], { encoding: 'utf8' });
    expect(out).toContain('--api-port');
    expect(out).toContain('--data-dir');
  });

  it('rejects a bad option value with a clear message', () => {
    let err = '';
    try {
      execFileSync(process.execPath, [bin, 'serve', '--port', 'ninety'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = `${(e as { status: number }).status} ${(e as { stderr: string }).stderr}`;
    }
    expect(err).toMatch(/^2 .*--port must be a whole number/s);
  });

  it('serves: prints the API token and the charger URL, answers the API, stops on SIGTERM', async () => {
    await serve(['--boot-status', 'Pending'], async (text, api) => {
      expect(text).toMatch(/ws:\/\/127\.0\.0\.1:\d+\/ocpp\/<chargePointId>/);
      expect(text).toContain('Boot answer Pending');
      expect(/API token\s+(\S+)/.exec(text)![1].length).toBeGreaterThanOrEqual(20);
      expect(await api('/api/settings')).toMatchObject({ defaultBootStatus: 'Pending' });
    });
  });

  it('saves --require-password and --unknown-chargers and shows them in the summary line', async () => {
    await serve(['--require-password', '--unknown-chargers', 'reject'], async (text, api) => {
      expect(text).toContain('passwords required, unknown chargers refused');
      expect(await api('/api/settings')).toMatchObject({ requirePassword: true, unknownChargers: 'reject' });
    });
  });

  it('rejects an unknown --unknown-chargers policy', () => {
    let err = '';
    try {
      execFileSync(process.execPath, [bin, 'serve', '--unknown-chargers', 'maybe'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toContain('--unknown-chargers');
    expect(err).toContain('accept, reject');
  });
});

describe('chargebench exit status', () => {
  it('exits 2, not 1 (a failed case), on an unknown option, naming it on one line', () => {
    expect(expectUsageError(['test', '--virtual', '--bogus'], 'test')).toContain("unknown option '--bogus'");
    // A suggestion stays on the same line.
    expect(expectUsageError(['test', '--virtu'], 'test')).toMatch(/unknown option '--virtu' \(Did you mean --virtual\?\)$/);
    expect(expectUsageError(['commission', '--virtual', '--bogus'], 'commission')).toContain("unknown option '--bogus'");
  }, 60_000);

  it('exits 2 on a choice not offered, a missing or invalid option argument, a missing option, an extra argument', () => {
    expect(expectUsageError(['test', '--virtual', '--profile', 'Nope'], 'test')).toMatch(/--profile .*'Nope' is invalid\. Allowed choices are Core, /);
    expect(expectUsageError(['serve', '--boot-status', 'Maybe'], 'serve')).toContain('Accepted, Pending, Rejected');
    expect(expectUsageError(['test', '--cases'], 'test')).toContain("option '--cases <ids>' argument missing");
    expect(expectUsageError(['serve', '--port', 'ninety'], 'serve')).toContain('--port must be a whole number from 0 to 65535');
    expect(expectUsageError(['commission', '--virtual', '--session-seconds', '5'], 'commission')).toContain('--session-seconds must be a whole number from 10 to 3600');
    expect(expectUsageError(['vcp', '--id', 'A'], 'vcp')).toContain("required option '--url <url>' not specified");
    expect(expectUsageError(['test', '--virtual', 'extra'], 'test')).toContain('too many arguments');
  }, 60_000);

  it('exits 2 on an unknown command, and on none', () => {
    const r = run(['bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd()).toBe("chargebench: unknown command 'bogus'");
    const none = run([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Usage: chargebench');
  });

  it('exits 2 on test data of the wrong type, naming the field on one line as the API does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chargebench-cli-data-'));
    try {
      const data = join(dir, 'data.json');
      writeFileSync(data, JSON.stringify({ operatorTimeoutS: 'x' }));
      expect(expectUsageError(['test', '--virtual', '--data', data], 'test')).toBe(`chargebench test: --data ${data}: operatorTimeoutS: Invalid input: expected number, received string`);
      writeFileSync(data, '{not json');
      expect(expectUsageError(['test', '--virtual', '--data', data], 'test')).toContain(`--data ${data}: `);
      // And a commissioning template, and the site and job, the same way.
      const template = join(dir, 'template.json');
      writeFileSync(template, JSON.stringify({ name: 'Mine', keys: {}, offlinePolicy: 'anyCard', sessionSeconds: 'long' }));
      expect(expectUsageError(['commission', '--virtual', '--template', template], 'commission')).toMatch(/--template .*: sessionSeconds: /);
      expect(expectUsageError(['commission', '--virtual', '--template', 'Public AC'], 'commission')).toContain('neither a file nor a built-in template');
      expect(expectUsageError(['commission', '--virtual', '--site', ' '], 'commission')).toBe('chargebench commission: --site: Name the site');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits 2 when no case is left to run, before starting a bench', () => {
    expect(expectUsageError(['test', '--virtual', '--cases', 'TC_003_CS', '--profile', 'SmartCharging'], 'test')).toContain('no test case is left to run');
  });

  it('exits 2 on options that do not go together, naming both on one line, before starting a bench', () => {
    expect(expectUsageError(['test', '--virtual', '--charger', 'CP-QA-2', '--cases', 'TC_003_CS'], 'test')).toMatch(/--virtual and --charger cannot be used together/);
    expect(expectUsageError(['commission', '--virtual', '--charger', 'CP-QA-2'], 'commission')).toMatch(/--virtual and --charger cannot be used together/);
    for (const [option, value] of [
      ['--data-dir', tmpdir()],
      ['--host', '127.0.0.1'],
      ['--port', '9000'],
      ['--connect-timeout', '5'],
    ])
      expect(expectUsageError(['test', '--virtual', option!, value!], 'test')).toContain(`--virtual and ${option} cannot be used together`);
  }, 60_000);

  it('exits 2 when none of the cases can run yet, saying why', () => {
    expect(expectUsageError(['test', '--virtual', '--cases', 'TC_074_CS'], 'test')).toMatch(/none of the cases under --cases TC_074_CS can run yet: TC_074_CS: Not supported yet: /);
  });

  it('exits 2 before the run on a report whose folder is not there, naming it; nothing is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chargebench-cli-out-'));
    try {
      const missing = join(dir, 'nonexistent', 'r.json');
      expect(expectUsageError(['test', '--virtual', '--cases', 'TC_003_CS', '--json', missing, '--junit', join(dir, 'ok.xml')], 'test')).toBe(
        `chargebench test: --json ${missing}: no such directory ${join(dir, 'nonexistent')}; nothing was run`,
      );
      expect(existsSync(join(dir, 'ok.xml'))).toBe(false);
      expect(expectUsageError(['commission', '--virtual', '--bundle', join(dir, 'nonexistent', 'b.zip')], 'commission')).toContain('--bundle ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('lists only the cases --profile and --cases choose', () => {
    const ids = (args: string[]) => {
      const r = run(['test', '--list', ...args]);
      expect([r.status, r.stderr]).toEqual([0, '']);
      return r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/\s+/).slice(0, 2));
    };
    const trigger = ids(['--profile', 'RemoteTrigger']);
    expect(trigger.length).toBeGreaterThan(0);
    expect(trigger.every(([, profile]) => profile === 'RemoteTrigger')).toBe(true);
    expect(ids(['--cases', 'TC_003_CS,TC_074_CS']).map(([id]) => id)).toEqual(['TC_003_CS', 'TC_074_CS']);
    expect(ids([]).length).toBe(102);
    expect(expectUsageError(['test', '--list', '--cases', 'TC_003_CS', '--profile', 'SmartCharging'], 'test')).toContain('no test case is left to run');
  }, 60_000);

  it('exits 0 on --help and --version', () => {
    for (const args of [['--help'], ['--version'], ['test', '--help'], ['commission', '--help'], ['help', 'test']]) {
      const r = run(args);
      expect([args.join(' '), r.status, r.stderr]).toEqual([args.join(' '), 0, '']);
      expect(r.stdout).not.toBe('');
    }
  }, 60_000);

  it('keeps exit 1 for a run that errs: the bench cannot start on its record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chargebench-cli-error-'));
    try {
      // The record's folder under a file: the bench fails (ERROR), which is not a usage error.
      writeFileSync(join(dir, 'file'), '');
      const r = run(['test', '--charger', 'CP001', '--data-dir', join(dir, 'file', 'record'), '--host', '127.0.0.1', '--port', '0', '--cases', 'TC_003_CS']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^chargebench: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Runs `serve` with these options until it is up, lets `check` read its output and API, then stops it with SIGTERM. */
async function serve(options: string[], check: (text: string, api: (path: string) => Promise<unknown>) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-cli-'));
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--api-port', '0', '--data-dir', dataDir, '--host', '127.0.0.1', ...options], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve, reject) => {
      rl.on('line', (l) => {
        lines.push(l);
        if (l.startsWith('Press Ctrl+C')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${lines.join('\n')}`)));
    });
    const text = lines.join('\n');
    const token = /API token\s+(\S+)/.exec(text)![1];
    const apiPort = /http:\/\/127\.0\.0\.1:(\d+)\/api\//.exec(text)![1];
    await check(text, async (path) => (await fetch(`http://127.0.0.1:${apiPort}${path}`, { headers: { Authorization: `Bearer ${token}` } })).json());
    const exit = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
