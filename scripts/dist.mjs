// npm run dist [-- electron-builder arguments, e.g. --linux deb | --win msi | --mac]
//
// 1. builds the app (scripts/build.mjs),
// 2. builds the SQLite addon for Electron's ABI (scripts/electron-native.mjs),
// 3. runs electron-builder with electron-builder.yml (fuses are flipped in its afterPack hook).
// electron-builder downloads Electron and its packaging tools (NSIS, WiX, appimagetool, fpm) on first
// use; where that is impossible (an offline machine) this says so in one sentence instead of a stack.
// Test builds (inspector fuse left on, for Playwright): SWITCHBOARD_TEST_BUILD=1 npm run dist
// --no-prepare skips steps 1 and 2 (when dist/ and build/native/electron are already built).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const prepare = !process.argv.includes('--no-prepare');
const passThrough = process.argv.slice(2).filter((a) => a !== '--no-prepare');

function step(label, args) {
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`dist: ${label} failed (exit ${run.status ?? run.signal}); no installer was built.`);
    process.exit(run.status ?? 1);
  }
}

/** One line that says why a download failed, from electron-builder's output, or null. */
export function downloadFailure(output) {
  const lines = output.split('\n').map((l) => l.trim());
  const hit = lines.find((l) =>
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|network is unreachable|cannot download|unable to download|download failed|dial tcp|no such host|proxyconnect/i.test(
      l,
    ),
  );
  return hit
    ? hit
        .replace(/\s+/g, ' ')
        .replace(/ stackTrace=.*$/, '')
        .slice(0, 200)
    : null;
}

if (prepare) {
  step('the app build (npm run build)', [path.join(root, 'scripts', 'build.mjs')]);
  step('the Electron-ABI SQLite addon (npm run native:electron)', [path.join(root, 'scripts', 'electron-native.mjs')]);
}

const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
const child = spawn(process.execPath, [cli, '--config', 'electron-builder.yml', '--publish', 'never', ...passThrough], {
  cwd: root,
  stdio: ['inherit', 'pipe', 'pipe'],
});
let output = '';
const keep = (chunk, stream) => {
  const text = chunk.toString();
  output = (output + text).slice(-200_000);
  stream.write(text);
};
child.stdout.on('data', (c) => keep(c, process.stdout));
child.stderr.on('data', (c) => keep(c, process.stderr));
child.on('close', (code, signal) => {
  if (code === 0) {
    console.log(`dist: installers written to ${path.join(root, 'release')}`);
    return;
  }
  const reason = downloadFailure(output);
  if (reason) {
    console.error(
      `\ndist: electron-builder could not download Electron or one of its packaging tools (${reason}).\n` +
        '  This machine has no access to github.com / electronjs.org. Build installers on a machine that does,\n' +
        '  or pre-fill the caches: ELECTRON_CACHE (Electron zips) and ELECTRON_BUILDER_CACHE (NSIS, WiX, appimage, fpm).',
    );
  } else {
    console.error(`dist: electron-builder failed (exit ${code ?? signal}); see its output above.`);
  }
  process.exit(code ?? 1);
});
