// Runs the TypeScript CLI (and the benchmarks' bench processes) from a bundle esbuild makes on demand,
// instead of compiling every module at start through tsx: tsx keeps a loader thread and every compiled
// module's source for the process's life, about 70 MB of the bench's resident memory (155 → 86 MB idle,
// measured on `chargebench serve`). A fresh clone still needs no build step: the first start builds
// (under a second), later starts check that no source file changed since (a stat per file) and reuse it.
//
// Each build goes to a directory of its own and `current.json` names the one to use, so a process that
// is running (or one whose threads load later) keeps the files it started with when another rebuilds.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** The record's threads: every bundle that can start a bench has them beside its index.js. */
const THREADS = {
  'writer-thread': 'src/main/store/writer/thread.ts',
  'reader-thread': 'src/main/store/reader/thread.ts',
};

/**
 * When a new build is made, older ones go once they are a day old and three newer ones exist, unless a
 * process that started from one still runs (it may start its writer thread again from it): each process
 * leaves a `running-<pid>` mark in the build it uses.
 */
const KEEP_MS = 24 * 60 * 60 * 1000;
const KEEP_NEWEST = 3;

/**
 * The path of `<name>`'s index.js, bundled from `entry` (a TypeScript file relative to the project root)
 * with the record's threads beside it; built now unless an up-to-date build is there. `options.root` and
 * `options.threads` are for tests.
 */
export async function bundled(name, entry, options = {}) {
  const at = options.root ?? root;
  const dir = join(at, 'node_modules', '.cache', 'chargebench', name);
  const current = readCurrent(dir);
  const index = current && upToDate(at, dir, current) ? join(dir, current.build, 'index.js') : await build(at, dir, entry, options.threads ?? THREADS);
  markRunning(dirname(index));
  return index;
}

/** Builds this process has marked (a benchmark asks for its bundle once per bench process it starts). */
const marked = new Set();

/** Leaves this process's mark in the build it runs, removed when it exits. */
function markRunning(buildDir) {
  if (marked.has(buildDir)) return;
  marked.add(buildDir);
  const mark = join(buildDir, `running-${process.pid}`);
  try {
    writeFileSync(mark, '');
    process.once('exit', () => {
      try {
        unlinkSync(mark);
      } catch {
        // gone already
      }
    });
  } catch {
    // a read-only install: the build is then never removed either
  }
}

/** Whether a process that started from this build still runs. */
function inUse(buildDir) {
  try {
    return readdirSync(buildDir).some((f) => {
      const pid = /^running-(\d+)$/.exec(f)?.[1];
      if (!pid) return false;
      try {
        process.kill(Number(pid), 0);
        return true;
      } catch (e) {
        return e.code === 'EPERM';
      }
    });
  } catch {
    return false;
  }
}

function readCurrent(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'current.json'), 'utf8'));
  } catch {
    return null;
  }
}

function upToDate(root, dir, current) {
  try {
    statSync(join(dir, current.build, 'index.js'));
  } catch {
    return false;
  }
  return current.inputs.every(([file, mtimeMs, size]) => {
    try {
      const s = statSync(join(root, file));
      return s.mtimeMs === mtimeMs && s.size === size;
    } catch {
      return false;
    }
  });
}

async function build(root, dir, entry, threads) {
  const { build: esbuild } = await import('esbuild');
  // A file saved while the build reads it may not be in the bundle: such a build is used this once and
  // not named current, so the next start builds again.
  const began = Date.now();
  const name = `b-${Date.now().toString(36).padStart(9, '0')}-${process.pid}`;
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: { index: resolve(root, entry), ...Object.fromEntries(Object.entries(threads).map(([k, v]) => [k, resolve(root, v)])) },
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies (better-sqlite3 with its native addon, ws, zod, ...) load from node_modules as they are.
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'error',
  });
  // What the build read, with what each was then: a later start rebuilds when any of them changed.
  // The TypeScript settings esbuild follows, and the package's own, count as inputs too.
  const files = [...Object.keys(result.metafile.inputs), ...['package.json', 'tsconfig.json', 'tsconfig.base.json'].filter((f) => existsSync(join(root, f)))];
  const inputs = files.map((file) => {
    const s = statSync(join(root, file));
    return [file, s.mtimeMs, s.size];
  });
  if (inputs.every(([, mtimeMs]) => mtimeMs < began - 1000)) {
    const temp = join(dir, `current.${process.pid}.json`);
    writeFileSync(temp, JSON.stringify({ build: name, inputs }));
    renameSync(temp, join(dir, 'current.json'));
  }
  removeOld(dir, name);
  return join(out, 'index.js');
}

function removeOld(dir, keep) {
  // Named by their time of building: the newest sort last.
  const builds = readdirSync(dir)
    .filter((e) => e.startsWith('b-') && e !== keep)
    .sort()
    .slice(0, -KEEP_NEWEST);
  for (const entry of builds) {
    const path = join(dir, entry);
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_MS && !inUse(path)) rmSync(path, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}
