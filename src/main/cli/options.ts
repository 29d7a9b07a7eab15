// What the commands share: where the record lives by default, a whole-number option checked with a
// message that names it, and the project's folder.
import { InvalidArgumentError } from 'commander';
import envPaths from 'env-paths';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const int = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

export function defaultDataDir(): string {
  return process.env.CHARGEBENCH_DATA_DIR ?? envPaths('chargebench', { suffix: '' }).data;
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
