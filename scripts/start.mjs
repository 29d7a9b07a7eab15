// `npm start`: the desktop app when the Electron binary is installed (building better-sqlite3 for
// Electron's ABI on first run); otherwise serve mode, printing the link that opens the bench in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP_NODE, runsDesktop } from './desktop-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
/** `--prepare-only`: fetch Electron, build its better-sqlite3 and the app, then exit (the desktop e2e test uses it). */
const prepareOnly = process.argv.includes('--prepare-only');
const extraArgs = process.argv.slice(2).filter((a) => a !== '--prepare-only');

/** The Electron executable, or null when it is not installed (e.g. its download was skipped). */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  // electron's index.js starts a download when the binary is missing: require it only once it is there.
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const pathTxt = join(pkgDir, 'path.txt');
    if (!existsSync(pathTxt)) return null;
    if (!existsSync(join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim()))) return null;
  }
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** node-gyp: the project's own if installed, else the copy bundled with npm. */
function nodeGypScript() {
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    // fall through to npm's copy
  }
  const npmDirs = [
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm'), // Unix layout
    join(dirname(process.execPath), 'node_modules', 'npm'), // Windows layout
  ];
  if (process.env.npm_execpath) npmDirs.unshift(join(dirname(process.env.npm_execpath), '..'));
  for (const dir of npmDirs) {
    const script = join(dir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (existsSync(script)) return script;
  }
  throw new Error("node-gyp was not found (neither in node_modules nor in npm's own node_modules).");
}

/**
 * The Electron app needs better-sqlite3 compiled against Electron's headers; node_modules keeps the
 * Node build that serve mode and the tests use, so the Electron one lives in .electron-native/.
 */
function ensureElectronSqlite() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const sourceDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(readFileSync(join(sourceDir, 'package.json'), 'utf8')).version;
  const targetDir = join(root, '.electron-native', 'better-sqlite3');
  const addon = join(targetDir, 'build', 'Release', 'better_sqlite3.node');
  const stamp = join(targetDir, '.built-for');
  const wanted = `better-sqlite3 ${sqliteVersion} electron ${electronVersion}`;
  if (existsSync(addon) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return;

  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (first run only)...`);
  rmSync(targetDir, { recursive: true, force: true });
  const skip = join(sourceDir, 'build');
  cpSync(sourceDir, targetDir, {
    recursive: true,
    filter: (src) => src !== skip && !src.startsWith(skip + sep),
  });
  // npm passes its `nodedir` setting on as npm_config_nodedir; node-gyp would then compile against
  // that Node's headers instead of Electron's, giving an addon Electron refuses to load.
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];
  const result = spawnSync(process.execPath, [nodeGypScript(), 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], {
    cwd: targetDir,
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0 || !existsSync(addon)) {
    throw new Error(`building better-sqlite3 for Electron failed; see the output above (sources in ${relative(process.cwd(), targetDir) || targetDir}).`);
  }
  writeFileSync(stamp, wanted + '\n');
}

/** Runs a child with our stdio, passes Ctrl+C / SIGTERM on, and exits with its exit code. */
function runForwarding(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (e) => {
    console.error(`chargebench: could not start ${command}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
}

/** Whether the Electron download server answers at all (any HTTP status will do), within `ms`. */
async function downloadServerReachable(ms) {
  const mirror = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || 'https://github.com/electron/electron/releases/download/';
  try {
    await fetch(mirror, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(ms) });
    return true;
  } catch {
    return false;
  }
}

/**
 * npm does not run electron's download script (package.json denies it, so offline installs work); on a
 * machine with internet the first `npm start` fetches the runtime instead (or unpacks it from Electron's
 * download cache). Silent unless it takes a while, so an offline machine sees only the one line about
 * serve mode; and where the network swallows connections instead of refusing them, it gives up after
 * half a minute rather than hang.
 */
async function fetchElectron() {
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return 'the electron package is not installed';
  }
  // Through a proxy the installer may get out where a direct probe cannot: then trust the installer alone.
  const viaProxy = ['ELECTRON_GET_USE_PROXY', 'HTTPS_PROXY', 'https_proxy', 'GLOBAL_AGENT_HTTPS_PROXY'].some((k) => process.env[k]);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let reachable = viaProxy;
    let gaveUp = null;
    child.stderr.on('data', (d) => (err += d));
    const notice = setTimeout(() => reachable && console.log('Fetching the Electron runtime (first start only)...'), 2000);
    const limit = setTimeout(() => child.kill(), 10 * 60 * 1000);
    const timers = [notice, limit];
    if (!viaProxy) {
      downloadServerReachable(8000).then((ok) => {
        reachable = ok;
        if (ok || child.exitCode !== null) return;
        // Offline: a cached runtime still unpacks in this time; a download never would.
        timers.push(
          setTimeout(() => {
            gaveUp = 'no connection to its download server';
            child.kill();
          }, 15_000),
        );
      });
    }
    child.on('exit', (code) => {
      timers.forEach(clearTimeout);
      const offline = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|ECONNRESET/.test(err);
      const reason =
        gaveUp ??
        (offline ? 'no connection to its download server' : null) ??
        err
          .trim()
          .split('\n')
          .find((l) => /error|fail/i.test(l)) ??
        `exit code ${code}`;
      resolve(code === 0 ? null : reason.trim());
    });
  });
}

/** The newest modification time of any file under `path` (0 when there is none). */
function newestMtime(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Builds main, preload and renderer into out/ (electron-vite) when a build is missing or older than its
 * sources, so a fresh clone gets a working window or browser link. Quiet unless it fails.
 * Returns false when the build failed.
 */
function buildIfStale() {
  const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((f) => join(root, f));
  const built = Math.min(...outputs.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  const sources = Math.max(...['src', 'electron.vite.config.ts', 'package.json'].map((f) => newestMtime(join(root, f))));
  if (built > 0 && built >= sources) return true;
  console.log(built > 0 ? 'Rebuilding ChargeBench (its sources changed)...' : 'Building ChargeBench (first start only)...');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status === 0) return true;
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
  console.error(`chargebench: building the UI failed (${build.error?.message ?? `exit code ${build.status}`}); see above.`);
  return false;
}

/** Electron 45's tools (its runtime download, electron-builder) need Node 22.12+; serve mode runs on older Node too. */
const desktopNode = runsDesktop();
let electron = desktopNode ? electronBinary() : null;
let unavailable = desktopNode ? 'its runtime is not installed' : `the desktop app needs Node ${DESKTOP_NODE} or newer, this is Node ${process.versions.node}`;
if (!electron && desktopNode && !process.env.CHARGEBENCH_NO_ELECTRON_DOWNLOAD) {
  const failure = await fetchElectron();
  electron = electronBinary();
  if (failure) unavailable = `its runtime could not be fetched: ${failure.slice(0, 120)}`;
}
if (electron) {
  try {
    ensureElectronSqlite();
  } catch (e) {
    console.error(`chargebench: ${e.message}`);
    process.exit(1);
  }
  if (!buildIfStale()) process.exit(1);
  if (prepareOnly) process.exit(0);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron behave as plain Node
  delete env.ELECTRON_RENDERER_URL; // load the build, not a dev server
  runForwarding(electron, ['.', ...extraArgs], { env });
} else if (prepareOnly) {
  console.error(`chargebench: Electron is not available on this machine (${unavailable}).`);
  process.exit(1);
} else {
  console.log(`Electron is not available on this machine (${unavailable}); starting serve mode instead, the same bench UI in your browser:`);
  // serve prints the link; an old build still serves if this one fails, and the API works without one.
  buildIfStale();
  // V8 options as the bench runs everywhere (NODE_HEAP_ARGS in src/main/memory.ts).
  runForwarding(process.execPath, ['--max-semi-space-size=8', '--expose-gc', '--no-allocation-site-pretenuring', join(root, 'bin', 'chargebench.mjs'), 'serve', ...extraArgs]);
}
