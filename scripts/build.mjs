// Builds everything the two hosts run: the renderer (Vite) and the main-side
// bundles (esbuild). Native modules stay external; they load from node_modules
// (Node ABI) or, in Electron, from the Electron-ABI build (nativeBinding).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const started = Date.now();

await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });

const nodeCommon = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater', 'bufferutil', 'utf-8-validate'],
  define: { __SWITCHBOARD_VERSION__: JSON.stringify(pkg.version) },
};

// Every main-side entry point: [entry name, source, output folder, target].
export const MAIN_ENTRIES = [
  ['main', 'electron/main.ts', 'dist/electron', 'node22'],
  ['host', 'electron/web-shell/cli.ts', 'dist/web-shell', 'node20'],
  ['store-worker', 'electron/store/worker/entry.ts', 'dist/electron', 'node20'],
];

await Promise.all([
  ...MAIN_ENTRIES.map(([name, source, outdir, target]) => esbuild({ ...nodeCommon, entryPoints: { [name]: source }, outdir, target })),
  // Preload runs sandboxed in the renderer: only `electron` may be required there.
  esbuild({
    ...nodeCommon,
    platform: 'browser',
    target: 'chrome120',
    entryPoints: { preload: 'electron/preload.ts' },
    outdir: 'dist/electron',
    external: ['electron'],
  }),
]);

console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
