import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { findBrowser } from '../../electron/web-shell/find-browser';

/**
 * Suites that need a system package (Chromium, kamailio) skip with a reason on
 * a developer's machine that lacks it. With SWITCHBOARD_REQUIRE_SYSTEM_DEPS=1
 * (set by .ci/run) or CI=true, a missing package fails the run instead.
 */
export const REQUIRE_SYSTEM_DEPS = process.env.SWITCHBOARD_REQUIRE_SYSTEM_DEPS === '1' || process.env.CI === 'true';

export interface Dependency {
  name: string;
  available: boolean;
  /** Why it is missing and how to get it; empty when available. */
  reason: string;
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

function dependency(name: string, found: boolean, howToGet: string): Dependency {
  const dep = { name, available: found, reason: found ? '' : `skipped: missing ${name} (${howToGet})` };
  if (!found && REQUIRE_SYSTEM_DEPS) {
    throw new Error(`${name} is required here (SWITCHBOARD_REQUIRE_SYSTEM_DEPS=1 or CI=true) but was not found: ${howToGet}`);
  }
  if (!found) console.warn(dep.reason);
  return dep;
}

/** Debian's Chromium (preferring the real binary over its wrapper script), or SWITCHBOARD_CHROMIUM. */
export function chromiumPath(): string | null {
  const candidates = [process.env.SWITCHBOARD_CHROMIUM, '/usr/lib/chromium/chromium'].filter((c): c is string => Boolean(c));
  return candidates.find((c) => existsSync(c)) ?? findBrowser();
}

export function requireChromium(): Dependency & { path: string } {
  const found = chromiumPath();
  const dep = dependency('Chromium', found !== null, 'apt-get install chromium, or set SWITCHBOARD_CHROMIUM');
  return { ...dep, path: found ?? '' };
}

export const KAMAILIO_MODULES = ['websocket.so', 'xhttp.so', 'nathelper.so', 'auth.so'];

/** kamailio with the WebSocket and extra modules the lab's config loads. */
export function kamailioPath(): { binary: string; modulesDir: string } | null {
  const which = spawnSync('sh', ['-c', 'command -v kamailio || ls /usr/sbin/kamailio 2>/dev/null'], { encoding: 'utf8' });
  const binary = process.env.SWITCHBOARD_KAMAILIO ?? which.stdout.trim().split('\n')[0];
  if (!binary || !existsSync(binary)) return null;
  const dirs = [
    '/usr/lib/x86_64-linux-gnu/kamailio/modules',
    '/usr/lib/aarch64-linux-gnu/kamailio/modules',
    '/usr/lib/kamailio/modules',
    '/usr/lib64/kamailio/modules',
  ];
  const modulesDir = dirs.find((d) => KAMAILIO_MODULES.every((m) => existsSync(path.join(d, m))));
  return modulesDir ? { binary, modulesDir } : null;
}

export function requireKamailio(): Dependency & { binary: string; modulesDir: string } {
  const found = kamailioPath();
  const dep = dependency('kamailio', found !== null, 'apt-get install kamailio kamailio-websocket-modules kamailio-extra-modules');
  return { ...dep, binary: found?.binary ?? '', modulesDir: found?.modulesDir ?? '' };
}

/** A binary from `env` (if set), else the first of `names` found on PATH or in the usual sbin/bin folders. */
function findBinary(env: string | undefined, names: string[]): string | null {
  if (env) return existsSync(env) ? env : null;
  for (const name of names) {
    const which = spawnSync('sh', ['-c', `command -v ${name} || ls /usr/sbin/${name} /usr/bin/${name} 2>/dev/null`], { encoding: 'utf8' });
    const found = which.stdout.trim().split('\n')[0];
    if (found && existsSync(found)) return found;
  }
  return null;
}

/** The media relay of the gateway lab (userspace mode: no kernel module needed). */
export function requireRtpengine(): Dependency & { binary: string } {
  const binary = findBinary(process.env.SWITCHBOARD_RTPENGINE, ['rtpengine']);
  // kamailio's rtpengine module comes with kamailio-extra-modules; without it the gateway cannot start.
  const module = kamailioPath();
  const found = binary !== null && module !== null && existsSync(path.join(module.modulesDir, 'rtpengine.so'));
  const dep = dependency('rtpengine', found, 'apt-get install rtpengine-daemon kamailio-extra-modules, or set SWITCHBOARD_RTPENGINE');
  return { ...dep, binary: binary ?? '' };
}

/** kamailio's TLS module (Debian: kamailio-tls-modules), for the lab's wss:// listener. */
export function requireKamailioTls(): Dependency & { binary: string; modulesDir: string } {
  const found = kamailioPath();
  const ok = found !== null && existsSync(path.join(found.modulesDir, 'tls.so'));
  const dep = dependency(
    'kamailio TLS module',
    ok,
    'apt-get install kamailio kamailio-websocket-modules kamailio-extra-modules kamailio-tls-modules',
  );
  return { ...dep, binary: found?.binary ?? '', modulesDir: found?.modulesDir ?? '' };
}

/** coturn's turnserver: the lab's TURN relay. */
export function requireCoturn(): Dependency & { binary: string } {
  const binary = findBinary(process.env.SWITCHBOARD_TURNSERVER, ['turnserver']);
  const dep = dependency('coturn', binary !== null, 'apt-get install coturn, or set SWITCHBOARD_TURNSERVER');
  return { ...dep, binary: binary ?? '' };
}

/** The openssl command, which makes the lab's test certificate authorities (tests/lab/test-ca.ts). */
export function requireOpenssl(): Dependency {
  return dependency('openssl', findBinary(undefined, ['openssl']) !== null, 'apt-get install openssl');
}

export const BARESIP_MODULES = ['g711.so', 'opus.so', 'ausine.so', 'sndfile.so', 'ctrl_tcp.so', 'menu.so', 'account.so'];

/** baresip (the gateway lab's plain SIP phone) and the modules its harness loads (Debian: baresip-core). */
export function requireBaresip(): Dependency & { binary: string; modulesDir: string } {
  const binary = findBinary(process.env.SWITCHBOARD_BARESIP, ['baresip']);
  const dirs = [
    '/usr/lib/baresip/modules',
    '/usr/lib/x86_64-linux-gnu/baresip/modules',
    '/usr/lib/aarch64-linux-gnu/baresip/modules',
    '/usr/local/lib/baresip/modules',
  ];
  const modulesDir = dirs.find((d) => BARESIP_MODULES.every((m) => existsSync(path.join(d, m))));
  const found = binary !== null && modulesDir !== undefined;
  const dep = dependency('baresip', found, 'apt-get install baresip-core, or set SWITCHBOARD_BARESIP');
  return { ...dep, binary: binary ?? '', modulesDir: modulesDir ?? '' };
}

/** tcpdump: the gateway lab's tap on what reaches a plain phone's RTP port (tests/lab/rtp-tap.ts). */
export function requireTcpdump(): Dependency & { binary: string } {
  const binary = findBinary(process.env.SWITCHBOARD_TCPDUMP, ['tcpdump']);
  const dep = dependency('tcpdump', binary !== null, 'apt-get install tcpdump, or set SWITCHBOARD_TCPDUMP');
  return { ...dep, binary: binary ?? '' };
}

/** SIPp, for scripted SIP scenarios against the lab (`path`, as sip-edge-cases.test.ts's stand-in returns it). */
export function requireSipp(): Dependency & { path: string } {
  const binary = findBinary(process.env.SWITCHBOARD_SIPP, ['sipp']);
  const dep = dependency('sipp', binary !== null, 'apt-get install sip-tester, or set SWITCHBOARD_SIPP');
  return { ...dep, path: binary ?? '' };
}

/**
 * The Electron binary, if the `electron` package has one. It is downloaded from
 * GitHub, which machines like CI's cannot reach, so a missing binary is always a
 * reported skip, never a failure: it is not a system package.
 */
export function electronBinary(): { available: true; path: string } | { available: false; reason: string } {
  const pkgDir = path.join(REPO_ROOT, 'node_modules', 'electron');
  try {
    const rel = readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
    const file = path.join(pkgDir, 'dist', rel);
    if (existsSync(file)) return { available: true, path: file };
  } catch {
    // No path.txt: the binary was never downloaded.
  }
  return {
    available: false,
    reason:
      'skipped: no Electron binary (the electron package downloads it from GitHub, which this machine cannot reach; run `npx install-electron` where it can)',
  };
}

/** Fails with a clear message when the build the e2e tests drive is missing. */
export function requireBuild(): void {
  const needed = ['dist/web-shell/host.cjs', 'dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs'];
  const missing = needed.filter((f) => !existsSync(path.join(REPO_ROOT, f)));
  if (missing.length > 0) throw new Error(`Build output missing (${missing.join(', ')}): run \`npm run build\` first (npm test does).`);
}
