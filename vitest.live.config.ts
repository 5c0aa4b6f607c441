import { defineConfig } from 'vitest/config';

// The optional live suites, against real services (tests/live/README.md): never part of `npm test`
// or CI (vitest.config.ts does not include tests/live). Run with `npm run test:live`.
export default defineConfig({
  test: {
    include: ['tests/live/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // One account, one run at a time: the live files share its rate limits.
    fileParallelism: false,
    // A real account's search index and exports take minutes; each slow step sets its own, longer timeout.
    testTimeout: 5 * 60_000,
    hookTimeout: 15 * 60_000,
    reporters: ['default'],
  },
});
