#!/usr/bin/env node
// Runs a command inside a fresh loopback-only network namespace when it can
// (root: `unshare -n`; otherwise a user namespace: `unshare -rn`), else
// directly. The telephony lab uses fixed ports (kamailio on 5060/5066) and
// Chromium gathers ICE candidates on every interface: a private namespace
// keeps parallel runs apart and keeps all traffic on this machine.
//
//   node scripts/run-in-netns.mjs <command> [args...]
//   e.g. SWITCHBOARD_SUITE=telephony node scripts/run-in-netns.mjs vitest run
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/run-in-netns.mjs <command> [args...]');
  process.exit(2);
}

const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
const inner = ['sh', '-c', 'ip link set lo up && exec "$@"', 'sh', command, ...args];

function works(unshareArgs) {
  const probe = spawnSync('unshare', [...unshareArgs, 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return probe.status === 0;
}

let argv;
if (process.platform !== 'linux' || process.env.SWITCHBOARD_IN_NETNS === '1') {
  argv = [command, ...args];
} else if (typeof process.getuid === 'function' && process.getuid() === 0 && works(['-n'])) {
  argv = ['unshare', '-n', ...inner];
} else if (works(['-rn'])) {
  argv = ['unshare', '-rn', ...inner];
} else {
  console.warn('run-in-netns: no network namespace available (needs root or user namespaces); running on the host network.');
  argv = [command, ...args];
}

const child = spawn(argv[0], argv.slice(1), {
  stdio: 'inherit',
  env: { ...env, SWITCHBOARD_IN_NETNS: argv[0] === 'unshare' ? '1' : (env.SWITCHBOARD_IN_NETNS ?? '') },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
