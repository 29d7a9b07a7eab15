// What the commands share: where the record lives by default, and a whole-number option checked with a
// message that names it.
import { InvalidArgumentError } from 'commander';
import envPaths from 'env-paths';

export const int = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

export function defaultDataDir(): string {
  return process.env.CHARGEBENCH_DATA_DIR ?? envPaths('chargebench', { suffix: '' }).data;
}
