#!/usr/bin/env node
// Runs the integration suite and the telephony lab again and again while every
// core is kept busy, and stops at the first failure. A test that fails only
// when the machine is busy is a race, and CI runs without retries, so this is
// how races are found before CI finds them (README.md, "Test it").
//
//   npm run test:stress                 5 rounds, one busy loop per core
//   npm run test:stress -- --rounds 2 --busy 1
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`test:stress: --${name} takes a whole number, got "${process.argv[at + 1] ?? ''}".`);
    process.exit(2);
  }
  return value;
}

const rounds = option('rounds', 5);
const busy = option('busy', os.availableParallelism());
const bin = path.join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };

// The lab serves the built renderer: build once, as `npm test` does.
console.log('test:stress: building');
const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit', env });
if (built.status !== 0 || !existsSync(path.join(root, 'dist/renderer/index.html'))) {
  console.error('test:stress: the build failed; nothing was run.');
  process.exit(1);
}

// Busy loops at normal priority: the suites get about half of each core, as on a loaded CI runner.
const loops = Array.from({ length: busy }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
function stopLoops() {
  for (const loop of loops) loop.kill('SIGKILL');
}
process.on('exit', stopLoops);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopLoops();
    process.exit(130);
  });
}

const suites = [
  { name: 'integration', argv: ['vitest', 'run', 'tests/integration'], env: {} },
  { name: 'telephony lab', argv: [process.execPath, 'scripts/run-in-netns.mjs', 'vitest', 'run'], env: { SWITCHBOARD_SUITE: 'telephony' } },
];

function run(suite) {
  return new Promise((resolve) => {
    const child = spawn(suite.argv[0], suite.argv.slice(1), { cwd: root, stdio: 'inherit', env: { ...env, ...suite.env } });
    child.on('exit', (code, signal) => resolve(code === 0 && signal === null));
  });
}

const results = [];
console.log(`test:stress: ${rounds} round(s), ${busy} busy loop(s) on ${os.availableParallelism()} core(s)`);
for (let round = 1; round <= rounds; round++) {
  for (const suite of suites) {
    const started = Date.now();
    console.log(`\ntest:stress: round ${round}/${rounds}: ${suite.name}`);
    const ok = await run(suite);
    const seconds = Math.round((Date.now() - started) / 1000);
    results.push({ round, suite: suite.name, ok, seconds });
    console.log(`test:stress: round ${round}/${rounds}: ${suite.name} ${ok ? 'passed' : 'FAILED'} in ${seconds} s`);
    if (!ok) {
      stopLoops();
      console.log(JSON.stringify({ rounds, busy, passedRounds: round - 1, failed: { round, suite: suite.name }, results }));
      process.exit(1);
    }
  }
}
stopLoops();
console.log(`\ntest:stress: all ${rounds} round(s) passed with ${busy} busy loop(s)`);
console.log(JSON.stringify({ rounds, busy, passedRounds: rounds, results }));
