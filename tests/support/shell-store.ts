import path from 'node:path';
import { silentLogger } from '../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../electron/secrets/secret-store';
import { StoreClient } from '../../electron/store/store-client';
import { REPO_ROOT } from './system-deps';

/**
 * The web shell's store in `dataDir`, opened as the shell opens it (its key file, the built
 * worker), to seed it before the shell starts or read what it wrote after it stopped. One
 * writer at a time: the shell must not be running.
 */
export function openShellStore(dataDir: string): Promise<StoreClient> {
  return StoreClient.open({
    dataDir,
    secrets: createKeyFileSecretStore(dataDir),
    log: silentLogger,
    readers: 'writer',
    integrityCheck: false,
    workerScript: path.join(REPO_ROOT, 'dist/electron/store-worker.cjs'),
  });
}
