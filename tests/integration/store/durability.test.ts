import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, tempDataDir } from './support';

const CHILD = path.join(import.meta.dirname, 'durability-child.ts');
// A cold tsx process that opens an encrypted store, then 150 commits and two 1,000-row batches: a few
// seconds on a quiet machine, 30 s and more with the cores busy (npm run test:stress caught that).
// Every wait in the test is for an event; this budget is only the backstop for a child that hangs.
const CHILD_TEST_MS = 180_000;

describe('durability', () => {
  const tmp = tempDataDir('durable');
  afterAll(() => tmp.cleanup());

  it(
    'keeps every commit the store confirmed when the process is killed with SIGKILL mid-write',
    async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, tmp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const interactions: number[] = [];
      const batches: number[] = [];
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

      await new Promise<void>((resolve, reject) => {
        child.on('exit', () => reject(new Error(`child exited early: ${stderr.slice(-2000)}`)));
        createInterface({ input: child.stdout }).on('line', (line) => {
          const [kind, n] = line.split(' ');
          if (kind === 'interaction') interactions.push(Number(n));
          if (kind === 'batch') batches.push(Number(n));
          // Kill while both loops are busy: a sync batch and agent writes are in flight.
          if (interactions.length >= 150 && batches.length >= 2) resolve();
        });
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const { store } = await openStore(tmp.dir);
      try {
        for (const n of interactions) expect(await store.getInteraction(`I-${n}`), `I-${n}`).not.toBeNull();
        const counts = await store.counts();
        expect(counts.interactions).toBeGreaterThanOrEqual(interactions.length);
        expect(counts.outbox.pending).toBe(counts.interactions);
        const lastBatch = Math.max(...batches);
        expect(counts.cases).toBeGreaterThanOrEqual((lastBatch + 1) * 1000);
        for (const b of batches) expect(await store.getCase(`K-${b * 1000 + 999}`), `batch ${b}`).not.toBeNull();
        // The cursor never runs ahead of the rows it stands for.
        expect(Number(await store.getCursor('cases'))).toBeGreaterThanOrEqual(lastBatch);
        expect(counts.cases).toBeGreaterThanOrEqual((Number(await store.getCursor('cases')) + 1) * 1000);
        expect(await store.runIntegrityCheck()).toMatchObject({ ok: true, problem: null });
      } finally {
        await store.close();
      }
    },
    CHILD_TEST_MS,
  );
});
