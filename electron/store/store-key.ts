import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';

/** The SecretStore name of the database key (64 hex digits: a raw 256-bit key). */
export const STORE_KEY_SECRET = 'store.key';
const KEY_HEX = /^[0-9a-f]{64}$/;

/**
 * The store's key: read from the SecretStore (the OS keychain in Electron,
 * a 0600 key file in the web shell), or made on first run. Never logged.
 * `created` tells the store that a database it cannot decrypt lost its key
 * (keychain reset, profile copied) rather than being damaged.
 */
export async function loadOrCreateStoreKey(secrets: SecretStore, log: Logger): Promise<{ keyHex: string; created: boolean }> {
  const existing = await secrets.get(STORE_KEY_SECRET);
  if (existing !== null && KEY_HEX.test(existing.trim())) return { keyHex: existing.trim(), created: false };
  if (existing !== null) log.warn('the stored database key is malformed; a new one is made', { secret: STORE_KEY_SECRET });
  const keyHex = randomBytes(32).toString('hex');
  await secrets.set(STORE_KEY_SECRET, keyHex);
  log.info('made a new database key', { secret: STORE_KEY_SECRET, backend: secrets.info.backend });
  return { keyHex, created: true };
}
