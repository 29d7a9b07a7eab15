// The Node the project asks for agrees everywhere: README's table and words, package.json's engines,
// scripts/desktop-node.mjs (the desktop's own minimum) and the engines of the packages package-lock.json
// installs. On the serve minimum npm warns (EBADENGINE) for exactly the desktop tools README names; on the
// "everything" minimum for none; engines admits exactly the Node versions where nothing else would warn.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP_NODE, runsDesktop } from '../../scripts/desktop-node.mjs';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };

type Version = [number, number, number];
const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Whether `version` satisfies a node-semver range, for the forms engines fields use (`||`, comparators,
 * ^, ~, x-ranges); checked against the semver package on every range in package-lock.json.
 */
function satisfies(version: string, range: string): boolean {
  const v = version.split('.').map(Number) as Version;
  const one = (comparator: string): boolean => {
    const m = /^(>=|<=|>|<|=|\^|~)?v?(\*|x|\d+)(?:\.(\*|x|\d+))?(?:\.(\*|x|\d+))?$/i.exec(comparator);
    if (!m) throw new Error(`A range this test cannot read: "${range}"`);
    const [, op = '', ...parts] = m;
    const wild = parts.findIndex((p) => p === undefined || /^[*x]$/i.test(p));
    const given = wild === -1 ? 3 : wild; // how many parts are numbers
    const n = parts.map((p) => (p === undefined || /^[*x]$/i.test(p) ? 0 : Number(p))) as Version;
    // The first version past n with its first `i` parts fixed (i = 0: none).
    const past = (i: number): Version => (i === 0 ? [Infinity, 0, 0] : (n.map((x, j) => (j < i - 1 ? x : j === i - 1 ? x + 1 : 0)) as Version));
    const below = (upper: Version) => cmp(v, upper) < 0;
    switch (op) {
      case '>=':
        return cmp(v, n) >= 0;
      case '>':
        return given === 3 ? cmp(v, n) > 0 : !below(past(given));
      case '<=':
        return given === 3 ? cmp(v, n) <= 0 : below(past(given));
      case '<':
        return below(n);
      case '^':
        return cmp(v, n) >= 0 && below(past(Math.min(n[0] ? 1 : n[1] || given < 2 ? 2 : 3, Math.max(given, 1))));
      case '~':
        return cmp(v, n) >= 0 && below(past(Math.min(Math.max(given, 1), 2)));
      default:
        return cmp(v, n) >= 0 && below(past(given));
    }
  };
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|=)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every(one),
  );
}

/** "22.13" from README's table row whose text matches `what`. */
function readmeRow(what: RegExp): string {
  const row = readme.split('\n').find((line) => /^\| \d+\.\d+ or newer \|/.test(line) && what.test(line));
  if (!row) throw new Error(`README has no Node row for ${what}`);
  return /^\| (\d+\.\d+) or newer/.exec(row)![1];
}

const everything = readmeRow(/desktop app/);
const serve = readmeRow(/serve mode/);
const prose = readme.replace(/\s+/g, ' ');

/** The packages npm installs (an optional one it skips, silently, when its engines exclude this Node) that ask for a Node `version` is not. */
const warnedOn = (version: string) =>
  Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && !p.optional && !Array.isArray(p.engines) && p.engines?.node && !satisfies(version, p.engines.node))
    .map(([path]) => path.replace(/^.*node_modules\//, ''))
    .sort();

/** The Electron packages README says npm warns about on Node 20 (the desktop's tools). */
const sentence = /npm prints (\w+) `EBADENGINE` notes for ([^:]+):/.exec(prose);
const desktopTools = sentence ? [...sentence[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort() : [];

describe('the Node the project asks for', () => {
  it('reads the ranges engines fields use as node-semver does', () => {
    expect(satisfies('20.19.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('22.11.0', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '>= 22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '20.x || 22.x')).toBe(true);
    expect(satisfies('20.19.0', '6.* || 8.* || >= 10.*')).toBe(true);
    expect(satisfies('15.0.0', '>=16 || 14 >=14.17')).toBe(false);
    expect(satisfies('0.3.5', '^0.2.3')).toBe(false);
    expect(satisfies('20.19.0', '*')).toBe(true);
  });

  it("on the serve minimum, npm warns for exactly the desktop tools README names, in README's count", () => {
    expect(sentence, 'README says which EBADENGINE notes npm prints on Node 20').not.toBeNull();
    expect(warnedOn(`${serve}.0`)).toEqual(desktopTools);
    expect(['one', 'two', 'three', 'four', 'five', 'six'].indexOf(sentence![1]) + 1).toBe(desktopTools.length);
  });

  it('on the "everything" minimum, npm warns for nothing', () => {
    expect(warnedOn(`${everything}.0`)).toEqual([]);
  });

  it("package.json's engines (as README quotes it) admits exactly the Node versions where only the desktop tools would warn", () => {
    expect(prose.includes(`"engines": { "node": "${pkg.engines.node}" }`), `README quotes engines as ${pkg.engines.node}`).toBe(true);
    for (const version of ['18.20.0', '20.18.3', `${serve}.0`, '20.99.0', '21.7.3', '22.12.0', `${everything}.0`, '22.99.0', '23.11.1', '24.0.0', '25.2.0', '26.0.0']) {
      const others = warnedOn(version).filter((p) => !desktopTools.includes(p));
      expect(satisfies(version, pkg.engines.node), `Node ${version}: ${others.join(', ') || 'no package'} would warn`).toBe(others.length === 0);
    }
    expect(satisfies(`${serve}.0`, pkg.engines.node) && satisfies(`${everything}.0`, pkg.engines.node)).toBe(true);
  });

  it("scripts/desktop-node.mjs holds the desktop's own minimum: what the desktop tools ask for, as README says", () => {
    const asked = desktopTools.map((name) => {
      const range = (lock.packages[`node_modules/${name}`].engines as { node: string }).node;
      return /^>=\s*(\d+\.\d+)\.0$/.exec(range)![1];
    });
    expect(new Set(asked)).toEqual(new Set([DESKTOP_NODE]));
    expect(prose.includes(`Electron 45 and its packaging tools require Node ${DESKTOP_NODE}`), `README says the desktop tools need ${DESKTOP_NODE}`).toBe(true);
    expect(runsDesktop(`${DESKTOP_NODE}.0`)).toBe(true);
    expect(runsDesktop(`${everything}.0`)).toBe(true);
    expect(runsDesktop(`${serve}.0`)).toBe(false);
  });
});
