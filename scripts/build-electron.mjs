// Bundles the Electron main process and preload with esbuild.
//
//   dist-electron/main.cjs     everything inlined except electron and better-sqlite3 (native,
//                              loaded from node_modules: app.asar.unpacked when packaged)
//   dist-electron/preload.cjs  everything inlined except electron: a sandboxed preload can
//                              require nothing else
//
// Paths at run time come from app.getAppPath() (the repo, or resources/app.asar), never from
// __dirname or import.meta, so the same bundle works from the repo and from a package.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `vite build` of the renderer into dist/renderer, output on the terminal; true if it built. */
export function buildRenderer(root = ROOT) {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

// Electron 42 runs Node 24; node22 keeps the output readable and is a safe floor.
const TARGET = 'node22';

/**
 * @param {{ root?: string, betterSqlite3Path?: string, quiet?: boolean }} [options]
 *   betterSqlite3Path: load better-sqlite3 from this folder instead of node_modules. Used only by
 *   `npm start`, which keeps an Electron-ABI copy apart from the Node one (see scripts/start.mjs).
 */
export async function buildElectron(options = {}) {
  const root = options.root ?? ROOT;
  const outdir = join(root, 'dist-electron');
  rmSync(outdir, { recursive: true, force: true });

  /** @type {import('esbuild').Plugin[]} */
  const plugins = [];
  if (options.betterSqlite3Path) {
    const target = options.betterSqlite3Path;
    plugins.push({
      name: 'better-sqlite3-for-electron',
      setup(b) {
        b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: target, external: true }));
      },
    });
  }

  const common = {
    bundle: true,
    platform: /** @type {const} */ ('node'),
    format: /** @type {const} */ ('cjs'),
    target: TARGET,
    sourcemap: true,
    logLevel: /** @type {const} */ (options.quiet ? 'error' : 'warning'),
    // import.meta is empty in CommonJS; code that needs it must not end up in these bundles.
    logOverride: { 'empty-import-meta': /** @type {const} */ ('error') },
    absWorkingDir: root,
  };

  await Promise.all([
    build({
      ...common,
      entryPoints: { main: join(root, 'electron', 'main.ts') },
      outdir,
      outExtension: { '.js': '.cjs' },
      external: ['electron', 'better-sqlite3'],
      plugins,
    }),
    build({
      ...common,
      entryPoints: { preload: join(root, 'electron', 'preload.ts') },
      outdir,
      outExtension: { '.js': '.cjs' },
      external: ['electron'],
      // Parsed on every page load; zod comes along with the channel list.
      minify: true,
    }),
  ]);
  return { main: join(outdir, 'main.cjs'), preload: join(outdir, 'preload.cjs') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const out = await buildElectron();
    console.log(`Built ${out.main} and ${out.preload}`);
  } catch (error) {
    // esbuild has already printed the located errors.
    console.error(`Electron bundles failed to build: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exitCode = 1;
  }
}
