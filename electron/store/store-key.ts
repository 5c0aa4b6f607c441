import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { englishOf, userText, type UserText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import type { SecretName, SecretStore, SecretStoreInfo } from '../secrets/secret-store';

/**
 * Both hosts use the same per-user data folder, but they wrap secrets differently: Electron's
 * are safeStorage blobs (the OS keychain), the web shell's plain key files. So each host keeps
 * the database key under a name of its own and never reads, let alone replaces, the other's.
 * The host is told by the SecretStore's backend: key files are the web shell's (and the scripts'
 * that fill its folder: seed, import).
 */
export type KeyHost = 'electron' | 'web-shell';

/** The SecretStore name of the database key (64 hex digits: a raw 256-bit key), per host. */
export const STORE_KEY_SECRETS: Readonly<Record<KeyHost, SecretName>> = { electron: 'store.key', 'web-shell': 'web-shell.store.key' };

/** Until each host had its own name, the web shell kept its (plain) key under Electron's name. */
const LEGACY_WEB_SHELL_KEY: SecretName = STORE_KEY_SECRETS.electron;
const KEY_HEX = /^[0-9a-f]{64}$/;

export function keyHostOf(info: SecretStoreInfo): KeyHost {
  return info.backend === 'key-file' ? 'web-shell' : 'electron';
}

/** The name this SecretStore's host keeps the database key under. */
export function storeKeySecret(secrets: SecretStore): SecretName {
  return STORE_KEY_SECRETS[keyHostOf(secrets.info)];
}

/**
 * A database key exists but this host cannot use it, so the store must not open: making a new
 * key would replace it, and the database (with its unsent outbox) could then never be decrypted
 * again. Nothing has been written when this is thrown. `text` is for the agent and IT, in their
 * language; `message` is its English (for the log and the console).
 */
export class StoreKeyError extends Error {
  constructor(
    /** The key file that stopped the start. */
    readonly file: string,
    readonly text: UserText,
  ) {
    super(englishOf(text));
    this.name = 'StoreKeyError';
  }
}

type KeyRead =
  { state: 'absent' } | { state: 'ok'; keyHex: string } | { state: 'unreadable'; why: 'undecryptable' | 'malformed'; error?: string };

async function readKey(secrets: SecretStore, name: SecretName): Promise<KeyRead> {
  let value: string | null;
  try {
    value = await secrets.get(name);
  } catch (error) {
    // safeStorage refusing a blob it did not make, or the file itself unreadable (permissions).
    return {
      state: 'unreadable',
      why: 'undecryptable',
      error: (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.name : typeof error),
    };
  }
  if (value === null) return { state: 'absent' };
  const keyHex = value.trim();
  return KEY_HEX.test(keyHex) ? { state: 'ok', keyHex } : { state: 'unreadable', why: 'malformed' };
}

/** Why the key in `file` cannot be used, and what to do, in words for the agent and IT. */
function unreadableMessage(host: KeyHost, file: string, read: Extract<KeyRead, { state: 'unreadable' }>, legacyName: boolean): UserText {
  if (host === 'web-shell' && legacyName) return userText('store.key.webShellLegacy', { file });
  if (host === 'web-shell') {
    const why = userText(read.why === 'malformed' ? 'store.key.why.webShellMalformed' : 'store.key.why.webShellUnreadable');
    return userText('store.key.webShell', { file, why });
  }
  const why = userText(read.why === 'malformed' ? 'store.key.why.malformed' : 'store.key.why.undecryptable');
  return userText('store.key.electron', { file, why });
}

/**
 * The store's key: read from the SecretStore (the OS keychain in Electron, a 0600 key file in
 * the web shell), or made on first run. Never logged. `created` tells the store that a database
 * it cannot decrypt lost its key (keychain reset, profile copied) rather than being damaged.
 *
 * A key that exists but cannot be read is never replaced: this throws StoreKeyError instead,
 * having written nothing. Nor does a host make a key where the other host keeps one: the
 * database in that folder is the other host's.
 */
export async function loadOrCreateStoreKey(secrets: SecretStore, log: Logger): Promise<{ keyHex: string; created: boolean }> {
  const host = keyHostOf(secrets.info);
  const name = STORE_KEY_SECRETS[host];
  const own = await readKey(secrets, name);
  if (own.state === 'ok') return { keyHex: own.keyHex, created: false };
  if (own.state === 'unreadable') {
    log.error('the database key cannot be read; the store is not opened and nothing was changed', {
      keyName: name,
      why: own.why,
      error: own.error ?? 'none',
    });
    throw new StoreKeyError(secrets.locate(name), unreadableMessage(host, secrets.locate(name), own, false));
  }

  if (host === 'web-shell') {
    // A web shell from before the split kept a plain key under Electron's name; a safeStorage blob there is Electron's own.
    const legacy = await readKey(secrets, LEGACY_WEB_SHELL_KEY);
    if (legacy.state === 'ok') {
      // The old file stays: an older web shell started on this folder still finds its key.
      await secrets.set(name, legacy.keyHex);
      log.info('the database key is now kept under the web shell’s own name', { from: LEGACY_WEB_SHELL_KEY, to: name });
      return { keyHex: legacy.keyHex, created: false };
    }
    if (legacy.state === 'unreadable') {
      log.error('the database key in this folder is not the web shell’s; the store is not opened and nothing was changed', {
        keyName: LEGACY_WEB_SHELL_KEY,
        why: legacy.why,
      });
      const file = secrets.locate(LEGACY_WEB_SHELL_KEY);
      throw new StoreKeyError(file, unreadableMessage(host, file, legacy, true));
    }
  } else {
    const webShellName = STORE_KEY_SECRETS['web-shell'];
    if ((await readKey(secrets, webShellName)).state !== 'absent') {
      const file = secrets.locate(webShellName);
      log.error('the database in this folder is keyed by the web shell; the store is not opened and nothing was changed', {
        keyName: webShellName,
      });
      throw new StoreKeyError(file, userText('store.key.webShellFolder', { folder: path.dirname(file), file }));
    }
  }

  const keyHex = randomBytes(32).toString('hex');
  await secrets.set(name, keyHex);
  log.info('made a new database key', { keyName: name, backend: secrets.info.backend });
  return { keyHex, created: true };
}
