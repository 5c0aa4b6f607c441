// Child process for durability.test.ts: writes agent work and sync batches
// as fast as it can and prints a line for every commit the store confirmed,
// until the parent kills it with SIGKILL.
import { createLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { StoreClient } from '../../../electron/store/store-client';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: durability-child <dataDir>');

const store = await StoreClient.open({
  dataDir,
  secrets: createKeyFileSecretStore(dataDir),
  log: createLogger(() => undefined),
  integrityCheck: false,
});
if (store.state !== 'ready') throw new Error('store not ready');
process.stdout.write('ready\n');

let batch = 0;
async function syncLoop(): Promise<never> {
  for (;;) {
    const first = batch * 1000;
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      id: `K-${first + i}`,
      customerId: `C-${(first + i) % 97}`,
      subject: `Case ${first + i} about a router`,
      description: 'The customer reports the router drops the line every few minutes. '.repeat(4),
      status: 'open' as const,
      priority: 'P3' as const,
      updatedAt: 1_800_000_000_000 + first + i,
      version: 1,
    }));
    await store.upsertCases(rows, { cursor: { name: 'cases', value: String(batch) } });
    process.stdout.write(`batch ${batch}\n`);
    batch += 1;
  }
}

async function agentLoop(): Promise<never> {
  for (let n = 0; ; n += 1) {
    const startedAt = 1_800_000_000_000 + n * 1000;
    await store.logInteraction({
      id: `I-${n}`,
      agentId: 'agent-1',
      channel: 'call',
      direction: 'inbound',
      outcome: 'answered',
      number: '+14155550123',
      startedAt,
      answeredAt: startedAt + 2000,
      endedAt: startedAt + 62_000,
      talkSeconds: 60,
      holdSeconds: 0,
      afterCallWorkSeconds: 0,
      customerId: `C-${n % 97}`,
      caseId: null,
      sipCallId: null,
      quality: null,
    });
    process.stdout.write(`interaction ${n}\n`);
  }
}

await Promise.all([syncLoop(), agentLoop()]);
