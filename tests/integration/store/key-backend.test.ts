import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSecretStore, plainCodec, type SecretStoreInfo } from '../../../electron/secrets/secret-store';
import type { StoreClient } from '../../../electron/store/store-client';
import { openStore, tempDataDir } from './support';

/**
 * Where the database key is kept decides what the store reports: on Linux
 * without a keyring Electron's safeStorage falls back to `basic_text`
 * (electron/platform/safe-storage.ts reports it as `plaintext-fallback`), and
 * the store status (which the UI and diagnostics show) must say so.
 */
describe('the store key backend in the status', () => {
  const opened: { store: StoreClient; cleanup: () => void }[] = [];
  afterEach(async () => {
    for (const { store, cleanup } of opened.splice(0)) {
      await store.close();
      cleanup();
    }
  });

  async function statusWith(info: SecretStoreInfo) {
    const tmp = tempDataDir('key-backend');
    const secrets = createFileSecretStore({ dir: path.join(tmp.dir, 'secrets'), codec: plainCodec, info });
    const { store } = await openStore(tmp.dir, { secrets });
    opened.push({ store, cleanup: tmp.cleanup });
    return store.status();
  }

  it('reports the Linux plain-text fallback as weak, with its explanation', async () => {
    const description = 'No system keyring (GNOME Keyring or KWallet) is available, so secrets are only obfuscated on disk.';
    const status = await statusWith({ backend: 'plaintext-fallback', weak: true, description });
    expect(status.state).toBe('ready');
    expect(status.encryption).toMatchObject({ enabled: true, keyBackend: 'plaintext-fallback', weak: true, keyProtection: description });
  });

  it('reports an OS keychain as not weak', async () => {
    const description = 'Secrets are encrypted with the system keyring (gnome_libsecret).';
    const status = await statusWith({ backend: 'os-keychain', weak: false, description });
    expect(status.encryption).toMatchObject({ enabled: true, keyBackend: 'os-keychain', weak: false, keyProtection: description });
  });
});
