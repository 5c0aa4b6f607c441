// `npm start`: builds, then runs the Electron app. Where no Electron binary can
// be had, says so in one line and runs the web shell instead.
// `npm run start:web` (or `npm start -- --web`) goes straight to the web shell.
// Arguments after `--` go to the web shell (e.g. --no-open, --port, --data-dir).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureElectronBinary } from './lib/electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const forwarded = args.filter((a) => a !== '--web');

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startWebShell() {
  run(process.execPath, [path.join(root, 'dist', 'web-shell', 'host.cjs'), ...forwarded]);
}

if (webOnly) {
  startWebShell();
} else {
  const electron = ensureElectronBinary();
  // The store's SQLite addon must be built for Electron's ABI too (build/native/electron).
  const native = electron.ok
    ? spawnSync(process.execPath, [path.join(root, 'scripts', 'electron-native.mjs')], { cwd: root, encoding: 'utf8' })
    : null;
  if (electron.ok && native?.status === 0) {
    run(electron.file, [root]);
  } else {
    const reason = electron.ok ? (native?.stderr.trim().split('\n').pop() ?? 'the native build failed') : electron.reason;
    console.log(`Electron is not available on this machine: ${reason}; starting the web shell instead.`);
    startWebShell();
  }
}
