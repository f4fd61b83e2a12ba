// `npm start`: builds the renderer and the Electron bundles, then starts the desktop app if an
// Electron binary can be had, or browser mode (`packbench serve`) if it cannot. Arguments after
// `npm start --` go to whichever starts: --db PATH for both, --port N for browser mode.
//
// better-sqlite3 is a native module built for one ABI. node_modules keeps the Node build (tests,
// the CLI and browser mode need it); Electron gets its own copy in .packbench/electron-native,
// rebuilt once per Electron/better-sqlite3 version and loaded by the dev bundle by absolute path.
// Why a copy rather than rebuilding in place and back on exit: an in-place rebuild breaks
// `npm test` in another terminal for as long as the app is open, and a crash or kill -9 before
// the rebuild back leaves node_modules broken for Node until someone notices.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { buildElectron, buildRenderer, ROOT } from './build-electron.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** Seconds the Electron download may take once its host is known to answer. */
const DOWNLOAD_TIMEOUT_S = Number(process.env.PACKBENCH_ELECTRON_DOWNLOAD_TIMEOUT) || 300;
const PROBE_TIMEOUT_MS = 10_000;

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Runs a command with the terminal attached and resolves with its exit code. Ctrl-C reaches the
 * child directly (same process group), so SIGINT is only kept from killing this process before
 * the child has closed its database; a SIGTERM/SIGHUP sent to this process alone is passed on.
 */
function run(command, commandArgs, options = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit', ...options });
    const ignore = () => {};
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
      resolveRun(code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1));
    });
  });
}

function electronPackage() {
  const dir = dirname(require.resolve('electron/package.json'));
  const abiFile = join(dir, 'abi_version');
  return {
    dir,
    version: readJson(join(dir, 'package.json')).version,
    abi: existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : 'unknown',
  };
}

/**
 * The Electron executable if it is on disk, else null. Reads what node_modules/electron/index.js
 * reads, without requiring it: requiring it with the binary missing starts a download with no
 * time limit, which is how a start-up hangs for minutes on a machine without internet.
 */
function installedElectron(electron) {
  const pathFile = join(electron.dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = join(override, relative ?? 'electron');
    return existsSync(exe) ? exe : null;
  }
  if (!relative) return null;
  const exe = join(electron.dir, 'dist', relative);
  return existsSync(exe) ? exe : null;
}

function describeError(error) {
  const cause = error?.cause;
  if (cause?.code) return `${cause.code}${cause.hostname ? ` ${cause.hostname}` : ''}`;
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return `no answer within ${PROBE_TIMEOUT_MS / 1000} s`;
  return error?.message ?? String(error);
}

/**
 * Tries the electron package's own download step (install.js, what its index.js would run)
 * once. The host is probed first with a short timeout, so a machine without internet falls
 * back in seconds; a machine with internet gets the time a 100 MB download needs.
 */
async function downloadElectronOnce(electron) {
  const mirror =
    process.env.ELECTRON_MIRROR ??
    process.env.npm_config_electron_mirror ??
    process.env.electron_config_mirror ??
    'https://github.com/electron/electron/releases/';
  // Node's fetch ignores proxy variables while @electron/get can use them: behind a proxy,
  // the probe would wrongly say "offline", so it is skipped and the timeout alone applies.
  const proxied = ['ELECTRON_GET_USE_PROXY', 'GLOBAL_AGENT_HTTPS_PROXY', 'HTTPS_PROXY', 'https_proxy'].some((name) => process.env[name]);
  if (!proxied) {
    let host = mirror;
    try {
      host = new URL(mirror).host;
      await fetch(mirror, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    } catch (error) {
      return { ok: false, reason: `cannot reach ${host}: ${describeError(error)}` };
    }
  }

  console.log(`Downloading Electron ${electron.version} (once; at most ${DOWNLOAD_TIMEOUT_S} s)…`);
  return new Promise((resolveDownload) => {
    const child = spawn(process.execPath, [join(electron.dir, 'install.js')], {
      cwd: electron.dir,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, DOWNLOAD_TIMEOUT_S * 1000);
    const finish = (result) => {
      clearTimeout(timer);
      resolveDownload(result);
    };
    child.once('error', (error) => finish({ ok: false, reason: error.message }));
    child.once('exit', (code) => {
      if (code === 0) return finish({ ok: true });
      const lastLine = stderr
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('at '))
        .pop();
      finish({ ok: false, reason: timedOut ? `download took longer than ${DOWNLOAD_TIMEOUT_S} s` : (lastLine ?? `install.js exited with ${code}`) });
    });
  });
}

/**
 * The Electron-ABI copy of better-sqlite3 (see the note at the top), rebuilt when the stamp
 * says the Electron or better-sqlite3 version changed. @electron/rebuild first tries the
 * prebuilt binary better-sqlite3 publishes for this Electron, then compiles with node-gyp.
 */
async function betterSqlite3ForElectron(electron) {
  const nativeDir = join(ROOT, '.packbench', 'electron-native');
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const version = readJson(join(source, 'package.json')).version;
  const copy = join(nativeDir, 'node_modules', 'better-sqlite3');
  const binding = join(copy, 'build', 'Release', 'better_sqlite3.node');
  const stampFile = join(nativeDir, 'stamp.json');
  const stamp = JSON.stringify({ electron: electron.version, betterSqlite3: version, platform: process.platform, arch: process.arch });
  if (existsSync(binding) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return copy;

  console.log(`Rebuilding better-sqlite3 ${version} for Electron ${electron.version} (once; kept in .packbench/electron-native)…`);
  rmSync(nativeDir, { recursive: true, force: true });
  mkdirSync(nativeDir, { recursive: true });
  writeFileSync(
    join(nativeDir, 'package.json'),
    `${JSON.stringify({ name: 'packbench-electron-native', private: true, dependencies: { 'better-sqlite3': version } }, null, 2)}\n`,
  );
  const sourceBuild = join(source, 'build');
  cpSync(source, copy, { recursive: true, filter: (path) => path !== sourceBuild });

  const { rebuild } = await import('@electron/rebuild');
  // projectRootPath stops the module search at the copy, so node_modules itself is never touched.
  await rebuild({ buildPath: nativeDir, projectRootPath: nativeDir, electronVersion: electron.version, onlyModules: ['better-sqlite3'], force: true });

  if (!existsSync(binding)) throw new Error('the rebuild left no better_sqlite3.node behind');
  // The known failure is a rebuild that silently targets Node instead of Electron. A module
  // built for Electron cannot load in this Node; one that loads here would fail in Electron.
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(binding)})`], { encoding: 'utf8' });
  if (probe.status === 0) throw new Error(`the rebuild produced a module for Node ${process.version}, not for Electron (ABI ${electron.abi})`);
  writeFileSync(stampFile, stamp);
  return copy;
}

async function startBrowserMode(reasonLine) {
  console.log(reasonLine);
  const code = await run(process.execPath, [join(ROOT, 'bin', 'packbench.mjs'), 'serve', ...args]);
  process.exit(code);
}

async function main() {
  if (!buildRenderer()) {
    console.error('The renderer failed to build (see above); nothing was started.');
    process.exit(1);
  }
  await buildElectron();

  const electron = electronPackage();
  let exe = installedElectron(electron);
  if (!exe) {
    const download = await downloadElectronOnce(electron);
    exe = installedElectron(electron);
    if (!exe) {
      const reason = download.ok ? 'the download finished but no executable was found' : download.reason;
      return startBrowserMode(`Electron could not be downloaded on this machine (${reason}). Starting browser mode instead.`);
    }
  }

  let betterSqlite3Path;
  try {
    betterSqlite3Path = await betterSqlite3ForElectron(electron);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return startBrowserMode(`better-sqlite3 could not be rebuilt for Electron ${electron.version} (${reason}). Starting browser mode instead.`);
  }
  await buildElectron({ betterSqlite3Path, quiet: true });

  const env = { ...process.env };
  // Set by some tools; it would make the binary behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  console.log(`Starting PackBench (Electron ${electron.version})…`);
  process.exit(await run(exe, [ROOT, ...args], { env }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
