import { describe, expect, it } from 'vitest';
import { parseCli } from '../../../tools/sync-server/cli';

/** `npm run sync-server -- ...`: every wrong flag gets a message naming it and saying what is allowed. */
describe('sync-server command line', () => {
  const base = ['--db', 'server.db', '--token', 'demo-token-1'];

  it('reads the server, seed and fault switches', () => {
    const config = parseCli([...base, '--port', '0', '--seed-customers', '10', '--seed-cases', '50', '--error-rate', '0.25', '--drop-rate', '0.1', '--fault-scope', 'push', '--fail-status', '503']);
    expect(config.server.port).toBe(0);
    expect(config.server.dbFile).toMatch(/server\.db$/);
    expect(config.server.faults).toMatchObject({ errorRate: 0.25, dropRate: 0.1, scope: 'push', failStatus: 503, duplicateRate: 0 });
    expect(config.seed).toEqual({ customers: 10, cases: 50, seed: 42 });
  });

  it('takes the token from the environment', () => {
    expect(parseCli(['--db', 'x.db'], { SYNC_SERVER_TOKEN: 'from-env-123' }).server.token).toBe('from-env-123');
  });

  it.each([
    [['--token', 'demo-token-1'], /--db FILE is required/],
    [['--db', 'x.db'], /--token is required/],
    [['--db', 'x.db', '--token', 'short'], /at least 8 characters/],
    [[...base, '--port', 'eighty'], /--port must be a whole number, got "eighty"/],
    [[...base, '--port', '70000'], /--port must be at most 65535/],
    [[...base, '--error-rate', '1.5'], /--error-rate must be at most 1/],
    [[...base, '--fail-status', '418'], /Invalid fault switch failStatus/],
    [[...base, '--fault-scope', 'everything'], /Invalid fault switch scope/],
    [[...base, '--seed-cases', '5'], /--seed-cases needs --seed-customers/],
    [[...base, '--frobnicate'], /Unknown option '--frobnicate'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message);
  });
});
