// What a nightly job's empty variable gives the CLI: a list option given empty (`--cases "$CASES"`,
// `--profiles "$PROFILES"`) is an error naming the option, not the option left out; an environment variable
// set but empty ($CHARGEBENCH_DATA_DIR) counts as not set with --virtual (a temporary record), and is refused
// otherwise. And a report that cannot be made in a folder that
// is there is not blamed on "no such directory".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { DATA_DIR_ENV, dataDirOption, defaultDataDir, listItems } from '../../../../src/main/cli/options';
import { declaredPics } from '../../../../src/main/cli/run-on-charger';
import { writeOutputs } from '../../../../src/main/cli/outputs';

const savedEnv = process.env[DATA_DIR_ENV];
afterEach(() => {
  vi.restoreAllMocks();
  if (savedEnv === undefined) delete process.env[DATA_DIR_ENV];
  else process.env[DATA_DIR_ENV] = savedEnv;
});

describe('a list option given empty', () => {
  it('is an error naming the option, for "" and for only commas and spaces', () => {
    for (const value of ['', ' , ', ',']) {
      expect(() => listItems('--cases', value, 'test case', 'case ids', 'to run every case')).toThrow(
        `--cases ${JSON.stringify(value)} names no test case: give case ids, or leave --cases out to run every case`,
      );
    }
    expect(listItems('--cases', ' TC_003_CS, ,TC_010_CS ', 'test case', 'case ids', 'to run every case')).toEqual(['TC_003_CS', 'TC_010_CS']);
  });

  it('--profiles "" is refused, not taken as the profiles the charger reports', () => {
    expect(() => declaredPics({ profiles: '' })).toThrow(/^--profiles "" names no feature profile: .*leave --profiles out/);
    expect(() => declaredPics({ profiles: ' , ' })).toThrow(/^--profiles " , " names no feature profile/);
    expect(declaredPics({})).toEqual({});
  });
});

describe('$CHARGEBENCH_DATA_DIR set but empty', () => {
  /** --data-dir as a command parses it, with the variable as given and the command line's words `argv`. */
  const parse = (env: string | undefined, args: string[] = [], argv: string[] = args) => {
    if (env === undefined) delete process.env[DATA_DIR_ENV];
    else process.env[DATA_DIR_ENV] = env;
    const command = new Command()
      .exitOverride()
      .configureOutput({ writeErr: () => undefined })
      .option('--virtual')
      .addOption(dataDirOption('the record', argv));
    command.parse(args, { from: 'user' });
    return { dataDir: command.opts().dataDir as string, source: command.getOptionValueSource('dataDir') };
  };

  it('with --virtual (a temporary record): counts as not set, empty or all spaces', () => {
    expect(parse(undefined, ['--virtual'])).toEqual({ dataDir: defaultDataDir(), source: 'default' });
    expect(parse('', ['--virtual'])).toEqual({ dataDir: defaultDataDir(), source: 'default' });
    expect(parse('   ', ['--virtual'])).toEqual({ dataDir: defaultDataDir(), source: 'default' });
  });

  it('without --virtual: refused, naming the variable (a job must not write its record somewhere else)', () => {
    expect(() => parse('')).toThrow(/CHARGEBENCH_DATA_DIR.*must not be empty/);
    expect(() => parse('   ')).toThrow(/CHARGEBENCH_DATA_DIR.*must not be empty/);
  });

  it('set to a folder, it is used; --data-dir given wins; --data-dir "" is still refused', () => {
    expect(parse('/srv/bench')).toEqual({ dataDir: '/srv/bench', source: 'env' });
    expect(parse('', ['--data-dir', '/srv/other'])).toEqual({ dataDir: '/srv/other', source: 'cli' });
    expect(() => parse(undefined, ['--data-dir', ''])).toThrow(/--data-dir must not be empty/);
  });
});

describe('a report that cannot be created in a folder that is there', () => {
  it.skipIf(!existsSync('/proc/self'))('says the file cannot be created there (ENOENT), not "no such directory"', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    expect(await writeOutputs('test', [{ option: '--json', label: 'the JSON report', path: '/proc/r.json', body: async () => '{}' }])).toBe(false);
    expect(errors).toEqual(['chargebench test: could not write the JSON report to /proc/r.json: the file cannot be created there (ENOENT)']);
  });

  it('a folder gone since the check is still "no such directory"', async () => {
    const d = mkdtempSync(join(tmpdir(), 'chargebench-empty-values-'));
    rmSync(d, { recursive: true, force: true });
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    expect(await writeOutputs('commission', [{ option: '--json', label: 'the JSON report', path: join(d, 'r.json'), body: async () => '{}' }])).toBe(false);
    expect(errors).toEqual([`chargebench commission: could not write the JSON report to ${join(d, 'r.json')}: no such directory`]);
  });
});
