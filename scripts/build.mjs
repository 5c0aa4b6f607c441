// Builds everything the two hosts run: the renderer (Vite) and the main-side
// bundles (esbuild). Native modules stay external; they load from node_modules
// (Node ABI) or, in Electron, from the Electron-ABI build (nativeBinding).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { asciiOnly } from './lib/ascii-only.mjs';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const started = Date.now();

const rendererBuild = await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
// vite.config.ts asks for ASCII; a chunk that still holds other characters (a plugin's code, a
// comment kept) would cost the page twice its size in memory, so the build says so.
for (const output of [rendererBuild].flat().flatMap((result) => ('output' in result ? result.output : []))) {
  if (output.type === 'chunk' && /[\u0080-\uffff]/.test(output.code)) {
    throw new Error(`build: the renderer chunk ${output.fileName} is not ASCII (vite.config.ts, rolldownOptions.output.charset)`);
  }
}

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

const built = await Promise.all([
  ...MAIN_ENTRIES.map(([name, source, outdir, target]) =>
    esbuild({ ...nodeCommon, entryPoints: { [name]: source }, outdir, target, metafile: true }),
  ),
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

// Main's bundles are loaded once per thread (main and each store thread) and their source stays in
// memory: ASCII keeps it at one byte a character (scripts/lib/ascii-only.mjs). A replaced
// character sits in a comment or a regular expression, so the source maps stay true but for the
// columns after it on its own line.
for (const result of built) {
  for (const file of Object.keys(result.metafile?.outputs ?? {})) {
    if (!file.endsWith('.cjs')) continue;
    const full = path.join(root, file);
    const code = readFileSync(full, 'utf8');
    const ascii = asciiOnly(code);
    if (ascii !== code) writeFileSync(full, ascii);
  }
}

console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
