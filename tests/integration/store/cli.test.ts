import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, tempDataDir } from './support';

/**
 * The data scripts as an admin runs them (`npm run import`, `npm run seed`):
 * real processes on a real encrypted data folder. Exit codes: 0 done,
 * 1 rows refused (nothing written), 2 bad arguments.
 */
const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const TSX = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [TSX, path.join(REPO, 'scripts', script), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('data scripts', () => {
  const tmp = tempDataDir('cli');
  afterAll(() => tmp.cleanup());

  it('seed: refuses bad arguments with a clear message and exit code 2', () => {
    const notNumber = run('seed.ts', ['--customers', 'lots', '--data-dir', tmp.dir]);
    expect(notNumber.code).toBe(2);
    expect(notNumber.err).toContain('--customers must be a whole number');
    expect(notNumber.err).toContain('Usage: npm run seed');
    const unknown = run('seed.ts', ['--customer', '10', '--data-dir', tmp.dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown option '--customer'/);
  });

  // Three cold tsx processes in a row: about 10 s on a quiet 2-core machine, three times that with
  // the cores busy (npm run test:stress), so the budget is for a loaded machine, not a quiet one.
  it(
    'seed then import: a file with a bad row changes nothing and names its lines; the fixed file is imported',
    { timeout: 120_000 },
    async () => {
      const seeded = run('seed.ts', ['--customers', '50', '--cases', '200', '--data-dir', tmp.dir]);
      expect(seeded.err).toBe('');
      expect(seeded.code).toBe(0);
      expect(seeded.out).toContain('the store now holds 50 customers and 200 cases');

      const customers = path.join(tmp.dir, 'customers.csv');
      const cases = path.join(tmp.dir, 'cases.json');
      writeFileSync(
        customers,
        ['id,name,phone', 'N-1,Ingrid Bergstrand,+46701234567', 'N-2,,+46701234568', 'N-3,Olof Palmqvist,not a phone'].join('\n'),
      );
      writeFileSync(
        cases,
        JSON.stringify([{ id: 'NK-1', customerId: 'N-1', subject: 'Fjord cruise refund', status: 'open', priority: 'P2' }], null, 1),
      );

      const refused = run('import.ts', ['--customers', customers, '--cases', cases, '--data-dir', tmp.dir]);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('customers.csv: 2 problem(s) in 3 rows; nothing from this file was imported');
      expect(refused.out).toMatch(/line 3 \(name\): /);
      expect(refused.out).toMatch(/line 4 \(phone\): /);
      expect(refused.out).toContain('cases were not imported either');
      expect(refused.out).toContain('the store holds 50 customers and 200 cases');

      writeFileSync(
        customers,
        ['id,name,phone', 'N-1,Ingrid Bergstrand,+46701234567', 'N-2,Sven Lindqvist,+46701234568', 'N-3,Olof Palmqvist,+46701234569'].join(
          '\n',
        ),
      );
      const imported = run('import.ts', ['--customers', customers, '--cases', cases, '--data-dir', tmp.dir]);
      expect(imported.err).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.out).toContain('the store holds 53 customers and 201 cases');

      // The data is in the encrypted store the app opens with that data folder's key.
      const { store } = await openStore(tmp.dir);
      try {
        expect((await store.lookupCaller('+46 70 123 45 68')).matches.map((m) => m.customer.name)).toEqual(['Sven Lindqvist']);
        expect((await store.search('fjord')).cases.map((c) => c.id)).toEqual(['NK-1']);
      } finally {
        await store.close();
      }
    },
  );

  it('import: names a missing file and needs at least one file (exit code 2)', () => {
    const missing = run('import.ts', ['--customers', path.join(tmp.dir, 'nope.csv'), '--data-dir', tmp.dir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--customers: no such file');
    const none = run('import.ts', ['--data-dir', tmp.dir]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('give --customers FILE and/or --cases FILE');
  });
});
