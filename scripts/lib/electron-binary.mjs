// Finds the Electron binary the `electron` package would run, without
// triggering its download the way `require('electron')` does.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const pkgDir = path.join(root, 'node_modules', 'electron');

export function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  try {
    const rel = readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
    const file = override ? path.join(override, rel) : path.join(pkgDir, 'dist', rel);
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * Tries Electron's own installer once (it downloads the binary lazily).
 * Returns { ok: true, file } or { ok: false, reason } with a short reason.
 */
export function ensureElectronBinary({ timeoutMs = 120_000 } = {}) {
  const found = electronBinary();
  if (found) return { ok: true, file: found };
  if (!existsSync(path.join(pkgDir, 'install.js'))) return { ok: false, reason: 'the electron package is not installed' };
  const run = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { encoding: 'utf8', timeout: timeoutMs });
  const file = electronBinary();
  if (run.status === 0 && file) return { ok: true, file };
  const output = `${run.stderr ?? ''}\n${run.stdout ?? ''}`;
  const first = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|fail|ENOTFOUND|ECONN|timed out/i.test(l));
  const reason = run.error?.code === 'ETIMEDOUT' ? 'the download timed out' : (first ?? `the installer exited with ${run.status}`);
  return { ok: false, reason: `its binary could not be downloaded (${reason.slice(0, 120)})` };
}
