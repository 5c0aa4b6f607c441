import { configDefaults, defineConfig } from 'vitest/config';

// The telephony lab (real kamailio on fixed ports, Chromium, werift) runs on
// its own, inside a loopback-only network namespace and one file at a time:
//   SWITCHBOARD_SUITE=telephony node scripts/run-in-netns.mjs vitest run   (npm run test:telephony)
// Any integration test that needs the lab (kamailio, Chromium, werift) is named *.lab.test.ts
// or lives under tests/integration/telephony/.
const telephony = process.env.SWITCHBOARD_SUITE === 'telephony';
const TELEPHONY_TESTS = ['tests/integration/telephony/**/*.test.ts', 'tests/integration/**/*.lab.test.ts'];

export default defineConfig({
  test: {
    include: telephony ? TELEPHONY_TESTS : ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    exclude: telephony ? configDefaults.exclude : [...configDefaults.exclude, ...TELEPHONY_TESTS],
    environment: 'node',
    // Native modules, worker threads and child processes: separate processes are the safe pool.
    pool: 'forks',
    fileParallelism: !telephony,
    // A budget for a machine with every core busy (npm run test:stress; a loaded CI runner): app-core
    // tests that open encrypted stores twice take 5 s here when quiet and went past 30 s at a load of 16.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
