// The benches and the demo serve the built renderer and run the built web shell, so each builds
// what it needs first: `npm run bench:*` and `npm run demo` work right after `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../tests/support/system-deps';

const BUILD_OUTPUTS = [
  'dist/web-shell/host.cjs',
  'dist/electron/store-worker.cjs',
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/renderer/index.html',
];
const BUILD_INPUTS = ['electron', 'renderer', 'shared', 'resources', 'scripts/build.mjs', 'vite.config.ts', 'package.json'];

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Runs `npm run build` when dist/ is missing or older than what it is built from; exits the process if the build fails. */
export function ensureBuild(who: string): void {
  const outputs = BUILD_OUTPUTS.map((f) => path.join(REPO_ROOT, f));
  const missing = outputs.filter((f) => !existsSync(f));
  const oldestOutput = missing.length > 0 ? 0 : Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const newestInput = Math.max(
    ...BUILD_INPUTS.map((f) => path.join(REPO_ROOT, f))
      .filter((f) => existsSync(f))
      .map(newestMtime),
  );
  if (missing.length === 0 && oldestOutput >= newestInput) return;
  console.log(
    missing.length > 0
      ? `build: ${missing.map((f) => path.relative(REPO_ROOT, f)).join(', ')} missing; building`
      : 'build: dist/ is older than its sources; building',
  );
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`${who}: the build failed`);
    process.exit(1);
  }
}
