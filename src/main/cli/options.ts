// What the commands share: where the record lives by default, a whole-number option checked with a
// message that names it, and the project's folder.
import { InvalidArgumentError, Option } from 'commander';
import envPaths from 'env-paths';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { firstIssue } from '../../shared/api/issues';
import { identityProblem } from '../../shared/api/input-rules';

export const int = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

/** Why a file could not be read, in words. */
export function readProblem(e: NodeJS.ErrnoException): string {
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a directory',
  };
  return (e.code && words[e.code]) ?? e.message;
}

/**
 * A JSON file an option names (`--data t.json`), checked against its schema: on a file that cannot be read,
 * is not JSON or breaks the schema, one line naming the option and the field, and exit 2 (a usage error).
 * `unreadable` words a file that is not there (ENOENT) otherwise than the system does.
 */
export function jsonFileOption<S extends z.ZodType>(command: string, option: string, path: string, schema: S, unreadable?: (e: NodeJS.ErrnoException) => string | null): z.output<S> {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const own = unreadable?.(err);
    // A file that cannot be read says so in words ("no such file"), not as the system's ENOENT line.
    if (own === undefined || own === null) {
      if (err.code) console.error(`chargebench ${command}: ${option}: cannot read ${path}: ${readProblem(err)}`);
      else console.error(`chargebench ${command}: ${option} ${path}: ${err.message}`);
    } else console.error(`chargebench ${command}: ${option} ${path}: ${own}`);
    process.exit(2);
  }
  const checked = schema.safeParse(input);
  if (!checked.success) {
    // One line naming the field, as the API says it ("Test data: operatorTimeoutS: ...").
    const { field, message } = firstIssue(checked.error);
    console.error(`chargebench ${command}: ${option} ${path}: ${field ? `${field}: ` : ''}${message}`);
    process.exit(2);
  }
  return checked.data;
}

/** --data-dir's argument: a path, never empty (resolving "" would quietly be the current directory). */
export const dataDirArg = (v: string): string => {
  if (v.trim() === '') throw new InvalidArgumentError('--data-dir must not be empty: give the directory the record is kept in (left out, $CHARGEBENCH_DATA_DIR or the default one is used)');
  return v;
};

/** --charger's argument: a charge point identity by the one rule (one that cannot connect is never waited for). */
export const chargerIdArg = (v: string): string => {
  const p = identityProblem(v);
  if (p) throw new InvalidArgumentError(`--charger ${p.message}`);
  return v;
};

/** The environment variable that names the data directory when --data-dir is left out. */
export const DATA_DIR_ENV = 'CHARGEBENCH_DATA_DIR';

/** The platform's data directory for the bench (`~/.local/share/chargebench` on Linux). */
export function defaultDataDir(): string {
  return envPaths('chargebench', { suffix: '' }).data;
}

/**
 * The --data-dir option: given, or $CHARGEBENCH_DATA_DIR, or the platform's folder. The variable's value is
 * checked as the option's is: an empty (or all-spaces) one is refused, naming the variable, as `--data-dir ""`
 * is, rather than quietly meaning the current directory or the platform's folder (a job's
 * `CHARGEBENCH_DATA_DIR=$DIR` with $DIR empty must not write its record somewhere else). With `--virtual`,
 * which runs on a temporary record and never reads the variable, a blank one counts as not set.
 */
export function dataDirOption(description: string, argv: readonly string[] = process.argv.slice(2)): Option {
  if (process.env[DATA_DIR_ENV]?.trim() === '' && argv.includes('--virtual')) delete process.env[DATA_DIR_ENV];
  return new Option('--data-dir <dir>', description).argParser(dataDirArg).default(defaultDataDir()).env(DATA_DIR_ENV);
}

/**
 * The items of a comma-separated list option (--cases, --profiles), trimmed, blanks dropped. A list that names
 * none ("" or " , ": e.g. `--cases "$CASES"` with the variable empty) is an error naming the option, never
 * taken as the option left out (every case; the profiles the charger reports). `give`: what to give instead.
 */
export function listItems(option: string, value: unknown, what: string, give: string, leftOut: string): string[] {
  const text = String(value);
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new Error(`${option} ${JSON.stringify(text)} names no ${what}: give ${give}, or leave ${option} out ${leftOut}`);
  return items;
}

/**
 * The project's folder (the nearest one up holding package.json): from the sources, and from the bundle
 * bin/chargebench.mjs runs, which lives under node_modules/.cache.
 */
export function projectRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = up;
  }
  return dir;
}
