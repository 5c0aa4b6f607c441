// Child process for bulk-load.test.ts: loads customers and cases through the
// bulk-load path, then builds the indexes, printing each progress event, until
// the parent kills it with SIGKILL part-way. `writer`: the writer fills the search
// index after the rows (killed during the fill); `parallel`: the indexer thread
// builds it meanwhile (killed while rows still come in).
import { createLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { StoreClient } from '../../../electron/store/store-client';

const [dataDir, workerScript, customersArg, casesArg, mode] = process.argv.slice(2);
if (!dataDir || !workerScript || (mode !== 'writer' && mode !== 'parallel'))
  throw new Error('usage: bulk-finish-child <dataDir> <workerScript> <customers> <cases> writer|parallel');
const customers = Number(customersArg);
const cases = Number(casesArg);

const store = await StoreClient.open({
  dataDir,
  secrets: createKeyFileSecretStore(dataDir),
  log: createLogger(() => undefined),
  integrityCheck: false,
  workerScript,
  parallelSearchIndex: mode === 'parallel',
});
store.on('bulk-progress', (event) => process.stdout.write(`progress ${event.phase} ${event.done} ${event.total}\n`));
if (store.state !== 'ready') throw new Error('store not ready');
await store.beginBulkLoad();
for (let from = 0; from < customers; from += 5_000) {
  const rows = Array.from({ length: Math.min(5_000, customers - from) }, (_, k) => {
    const i = from + k;
    return {
      id: `C-${i}`,
      name: `Customer ${i} Pemberton${i}`,
      phones: [`+1415${String(2_000_000 + i).padStart(7, '0')}`],
      updatedAt: 1,
      version: 1,
    };
  });
  await store.upsertCustomers(rows);
}
for (let from = 0; from < cases; from += 5_000) {
  const rows = Array.from({ length: Math.min(5_000, cases - from) }, (_, k) => {
    const i = from + k;
    return {
      id: `K-${i}`,
      customerId: `C-${i % customers}`,
      subject: `Case ${i} kestrel${i}`,
      description: 'Router drops the line.',
      status: 'open' as const,
      priority: 'P3' as const,
      updatedAt: 1,
      version: 1,
    };
  });
  await store.upsertCases(rows);
  process.stdout.write(`stored cases ${from + rows.length}\n`);
}
process.stdout.write('loaded\n');
await store.finishBulkLoad();
process.stdout.write('finished\n');
await store.close();
