// `npm run package [-- electron-builder args]`: builds the renderer and the Electron bundles,
// then packages with electron-builder (electron-builder.yml). Without arguments it builds the
// targets of the current platform; e.g. `npm run package -- --win nsis` or `-- --linux deb`.
//
// electron-builder downloads the Electron zip for the target and rebuilds better-sqlite3 for
// Electron *in node_modules* (npmRebuild). The Node build is put back afterwards, because
// tests, the CLI and browser mode load the same node_modules with plain Node.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildElectron, buildRenderer, ROOT } from './build-electron.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const PROBE_TIMEOUT_MS = 10_000;

function fail(message) {
  console.error(`Packaging failed: ${message}`);
  process.exit(1);
}

/**
 * Fails in seconds, with the reason, when the Electron download host cannot be reached.
 * Checked first because electron-builder rebuilds native modules *before* it downloads
 * Electron, and node-gyp deletes better-sqlite3's build folder before finding out it is
 * offline. Skipped behind a proxy, which Node's fetch does not use but the downloaders can.
 */
async function checkDownloadHostReachable(version) {
  const proxied = ['ELECTRON_GET_USE_PROXY', 'GLOBAL_AGENT_HTTPS_PROXY', 'HTTPS_PROXY', 'https_proxy'].some((name) => process.env[name]);
  if (proxied) return;
  const mirror = process.env.ELECTRON_MIRROR ?? process.env.npm_config_electron_mirror ?? 'https://github.com/electron/electron/releases/';
  try {
    await fetch(mirror, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch (error) {
    const cause = error?.cause?.code ?? (error?.name === 'TimeoutError' ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : error?.message);
    fail(
      `electron-builder needs to download Electron ${version} and the native-module binaries for it, and ${new URL(mirror).host} cannot be reached (${cause}). ` +
        'Package on a machine with internet access, or set ELECTRON_MIRROR to a reachable mirror.',
    );
  }
}

/**
 * Runs electron-builder with the terminal attached. Ctrl-C reaches it directly (same process
 * group); this process stays alive until it has exited, so the Node build is always put back.
 */
function run(command, commandArgs) {
  return new Promise((resolveRun) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });
    const ignore = () => {};
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    child.once('error', (error) => {
      console.error(error.message);
      resolveRun(1);
    });
    child.once('exit', (code) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      resolveRun(code ?? 1);
    });
  });
}

/** Puts the Node build back. node-gyp deletes build/ before compiling, so the folder may be gone. */
function restoreNodeBuild(backup, binding) {
  if (!existsSync(backup)) return;
  mkdirSync(dirname(binding), { recursive: true });
  copyFileSync(backup, binding);
  rmSync(backup);
  const check = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(dirname(require.resolve('better-sqlite3/package.json')))})(':memory:').close()`], {
    encoding: 'utf8',
  });
  if (check.status === 0) console.log('Restored the Node build of better-sqlite3 in node_modules.');
  else console.error('Could not restore the Node build of better-sqlite3; run "npm rebuild better-sqlite3" before testing.');
}

async function main() {
  if (!buildRenderer()) fail('the renderer did not build (see above).');
  // A plain build: `npm start` may have left a bundle that loads better-sqlite3 from .packbench.
  await buildElectron();

  const electronVersion = JSON.parse(readFileSync(join(dirname(require.resolve('electron/package.json')), 'package.json'), 'utf8')).version;
  await checkDownloadHostReachable(electronVersion);

  const binding = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  const backupDir = join(ROOT, '.packbench', 'node-native');
  const backup = join(backupDir, 'better_sqlite3.node');
  if (existsSync(binding)) {
    mkdirSync(backupDir, { recursive: true });
    copyFileSync(binding, backup);
  }

  const builder = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  let code;
  try {
    code = await run(process.execPath, [builder, '--config', 'electron-builder.yml', '--publish', 'never', ...args]);
  } finally {
    restoreNodeBuild(backup, binding);
  }
  if (code !== 0) fail(`electron-builder exited with code ${code} (see above).`);
  console.log(`Packages are in ${join(ROOT, 'release')}.`);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
