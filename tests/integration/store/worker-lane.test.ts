import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerLane } from '../../../electron/store/worker-lane';
import { tempDataDir, workerBundle } from './support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('a store thread that could not open the file', () => {
  it('ends by itself without being taken for a crash, so nothing starts a second writer beside the rebuild', async () => {
    const tmp = tempDataDir('lane');
    cleanups.push(tmp.cleanup);
    const file = path.join(tmp.dir, 'store', 'switchboard.db');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'this is a spreadsheet someone saved over the database\n'.repeat(200));
    const exits: unknown[] = [];
    const lane = new WorkerLane(
      { file: await workerBundle(), eval: false },
      { role: 'writer', name: 'writer', file, keyHex: 'ab'.repeat(32), phoneRegion: 'GB', keyIsNew: false, damaged: false },
      { onEvent: () => undefined, onExit: (code, error, why) => exits.push({ code, error, why }) },
    );

    expect(await lane.hello).toMatchObject({ t: 'open-failed', reason: 'not-a-database' });
    // Its exit comes before anyone ends it (the start's recovery terminates it later, on a busy
    // machine after the exit): it must not be reported, or the writer would be restarted.
    expect(await lane.ended).toBe(0);
    expect(exits).toEqual([]);
  });
});
