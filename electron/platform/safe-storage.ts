import path from 'node:path';
import { safeStorage } from 'electron';
import { createFileSecretStore, type SecretStore, type SecretStoreInfo } from '../secrets/secret-store';

/** What protects secrets on this machine, in words for the agent and IT. Call after `app` is ready. */
export function safeStorageInfo(): SecretStoreInfo {
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      return {
        backend: 'plaintext-fallback',
        weak: true,
        description: 'No system keyring (GNOME Keyring or KWallet) is available, so secrets are only obfuscated on disk.',
      };
    }
    return { backend: 'os-keychain', weak: false, description: `Secrets are encrypted with the system keyring (${backend}).` };
  }
  const name = process.platform === 'darwin' ? 'the macOS Keychain' : 'Windows DPAPI';
  return { backend: 'os-keychain', weak: false, description: `Secrets are encrypted with ${name}.` };
}

/** Secrets encrypted with Electron's safeStorage (the OS keychain), one file each under userData/secrets. */
export function createSafeStorageSecretStore(userDataDir: string): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('OS encryption is not available yet: create the secret store after app "ready"');
  }
  return createFileSecretStore({
    dir: path.join(userDataDir, 'secrets'),
    codec: { encode: (value) => safeStorage.encryptString(value), decode: (stored) => safeStorage.decryptString(stored) },
    info: safeStorageInfo(),
  });
}
