// Builds the SQLite addon (better-sqlite3-multiple-ciphers) for Electron's ABI
// into build/native/electron/, leaving node_modules with the Node-ABI build
// that tests and the web shell load. Electron's main process passes this file
// to the store as better-sqlite3's `nativeBinding`; `npm run dist` ships it.
//
// Usage: node scripts/electron-native.mjs [--arch x64|arm64] [--force]
// Needs Electron's headers (downloaded by node-gyp from electronjs.org).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { arch: { type: 'string', default: process.arch }, force: { type: 'boolean', default: false } } });
const arch = values.arch;
const moduleName = 'better-sqlite3-multiple-ciphers';
const source = path.join(root, 'node_modules', moduleName);
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const moduleVersion = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')).version;

export const outputDir = path.join(root, 'build', 'native', 'electron');
const output = path.join(outputDir, 'better_sqlite3.node');
const stampFile = path.join(outputDir, 'stamp.json');
const stamp = { electron: electronVersion, module: `${moduleName}@${moduleVersion}`, arch, platform: process.platform };

function upToDate() {
  try {
    return existsSync(output) && JSON.stringify(JSON.parse(readFileSync(stampFile, 'utf8'))) === JSON.stringify(stamp);
  } catch {
    return false;
  }
}

if (!values.force && upToDate()) {
  console.log(`electron-native: up to date (${stamp.module} for Electron ${electronVersion} ${arch})`);
  process.exit(0);
}

// Build in a scratch copy so node_modules keeps its Node-ABI binary.
const work = path.join(root, '.cache', 'electron-native', `${moduleVersion}-electron-${electronVersion}-${arch}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const entry of ['binding.gyp', 'src', 'deps', 'package.json'])
  cpSync(path.join(source, entry), path.join(work, entry), { recursive: true });

const env = { ...process.env };
// npm may point node-gyp at Node's own headers (npm_config_nodedir); that would silently build for the wrong ABI.
for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];

const started = Date.now();
const nodeGyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const run = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${path.join(root, '.cache', 'node-gyp')}`,
  ],
  { cwd: work, env, encoding: 'utf8' },
);
if (run.status !== 0) {
  const lines = `${run.stderr}\n${run.stdout}`.split('\n').map((l) => l.replace(/^gyp (ERR|info)!\s*/, '').trim());
  const reason =
    lines.find((l) => /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|fetch failed|getaddrinfo|404/.test(l)) ??
    lines.filter(Boolean).slice(-1)[0] ??
    `node-gyp exited with ${run.status}`;
  console.error(`electron-native: could not build ${moduleName} for Electron ${electronVersion} (${reason.slice(0, 160)})`);
  process.exit(1);
}
mkdirSync(outputDir, { recursive: true });
cpSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), output);
writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
console.log(
  `electron-native: built ${path.relative(root, output)} for Electron ${electronVersion} ${arch} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
