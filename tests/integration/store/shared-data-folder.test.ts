import { execFile } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore } from '../../../electron/core/app-core';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import type { RendererLink } from '../../../electron/bridge/bridge-server';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import {
  createFileSecretStore,
  createKeyFileSecretStore,
  type SecretCodec,
  type SecretStore,
} from '../../../electron/secrets/secret-store';
import { STORE_KEY_SECRETS, StoreKeyError } from '../../../electron/store/store-key';
import { interaction, openStore, tempDataDir } from './support';

/**
 * The web shell and the Electron app use the same per-user data folder. Each keeps the database
 * key under its own name, and a key a host cannot read stops it before it writes anything: a
 * replaced key would lock the agent's database, and its unsent outbox, away for good.
 */

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const DECRYPT_ERROR = 'Error while decrypting the ciphertext provided to safeStorage.decryptString.';

/**
 * Stands in for Electron's safeStorage, which needs Electron: blobs as Chromium's OSCrypt writes
 * them ("v10", then AES-GCM under a key only this keychain holds), and its refusal of anything it
 * did not make, with the error safeStorage throws.
 */
function keychainCodec(): SecretCodec {
  const key = randomBytes(32);
  return {
    encode(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v10'), iv, body, cipher.getAuthTag()]);
    },
    decode(stored) {
      if (stored.length < 31 || stored.subarray(0, 3).toString('latin1') !== 'v10') throw new Error(DECRYPT_ERROR);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, stored.subarray(3, 15));
        decipher.setAuthTag(stored.subarray(-16));
        return Buffer.concat([decipher.update(stored.subarray(15, -16)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(DECRYPT_ERROR);
      }
    },
  };
}

/** The secret store Electron's main process makes (electron/platform/safe-storage.ts), on this test keychain. */
function electronSecrets(dataDir: string, codec: SecretCodec): SecretStore {
  return createFileSecretStore({
    dir: path.join(dataDir, 'secrets'),
    codec,
    info: { backend: 'os-keychain', weak: false, description: 'Secrets are encrypted with the system keyring (gnome_libsecret).' },
  });
}

/** Every file under `dir` (but `logs/`: the host's own record of this start) with a hash of its bytes. */
function fingerprint(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) {
        if (rel !== 'logs') walk(rel);
      } else {
        files[rel] = createHash('sha256')
          .update(readFileSync(path.join(dir, rel)))
          .digest('hex');
      }
    }
  };
  walk('');
  return files;
}

/** A data folder holding a store with agent work that has not reached the CRM yet, keyed through `secrets`. */
async function folderWithUnsentWork(dataDir: string, secrets: SecretStore): Promise<void> {
  const { store } = await openStore(dataDir, { secrets });
  await store.logInteraction(interaction({ id: 'I-unsent' }));
  await store.close();
}

async function expectUnsentWorkIntact(dataDir: string, secrets: SecretStore): Promise<void> {
  const { store } = await openStore(dataDir, { secrets });
  try {
    expect(store.recovery).toBeNull();
    expect(await store.getInteraction('I-unsent')).not.toBeNull();
    expect(await store.outbox.counts()).toMatchObject({ pending: 1 });
  } finally {
    await store.close();
  }
}

/** The app core on `dataDir` with a window connected, as either host starts it. */
async function startCore(dataDir: string, secrets: SecretStore) {
  const starting = startAppCore({
    version: '1.0.0',
    dataDir,
    platform: createRecordingPlatform(),
    secrets,
    log: createLogger(createMemorySink().sink),
  });
  const window: RendererLink = { id: 'window', sendEvent: () => undefined, sendMedia: () => undefined };
  starting.bridge.connect(window);
  const failure = await starting.ready.then(
    async (core) => {
      await core.close();
      return null;
    },
    (error: unknown) => error,
  );
  const answer = await starting.bridge.handleCommand(window, 'store.status', {});
  return { failure, answer };
}

/** The web shell's command line, run from source as a separate process, as `npm run start:web` runs it. */
function runWebShell(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/web-shell/cli.ts',
        '--no-open',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--renderer-dir',
        path.join(dataDir, 'no-renderer'),
      ],
      { cwd: REPO, env: { ...process.env, SWITCHBOARD_POLICY_FILE: '' } },
      (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
  });
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
function dataFolder(label: string): string {
  const tmp = tempDataDir(label);
  cleanups.push(tmp.cleanup);
  return tmp.dir;
}

describe('a data folder shared by the Electron app and the web shell', () => {
  it('the web shell started on the desktop app’s folder stops, says which key and what to do, and changes no file', async () => {
    const dataDir = dataFolder('shared-electron');
    const keychain = keychainCodec();
    await folderWithUnsentWork(dataDir, electronSecrets(dataDir, keychain));
    const before = fingerprint(dataDir);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([path.join('secrets', 'store.key.secret'), path.join('store', 'switchboard.db')]),
    );

    const run = await runWebShell(dataDir);

    expect(run.code).toBe(1);
    const keyFile = path.join(dataDir, 'secrets', 'store.key.secret');
    expect(run.stderr).toContain(
      `switchboard: could not start: Switchboard (web shell) cannot read the database key ${keyFile}: it is not a plain key, so it was most likely made by the Switchboard desktop app, ` +
        'which encrypts it with the system keychain. Nothing was changed: the key and the local database are as they were. ' +
        'Open this data folder with the desktop app, or start the web shell with a folder of its own (--data-dir DIR).',
    );
    expect(fingerprint(dataDir)).toEqual(before);
    // And the desktop app still has everything, unsent work included.
    await expectUnsentWorkIntact(dataDir, electronSecrets(dataDir, keychain));
  }, 60_000);

  it('a garbled web shell key stops the start with the file named, in the window too, and changes no file', async () => {
    const dataDir = dataFolder('shared-garbled');
    await folderWithUnsentWork(dataDir, createKeyFileSecretStore(dataDir));
    const keyFile = path.join(dataDir, 'secrets', `${STORE_KEY_SECRETS['web-shell']}.secret`);
    const key = readFileSync(keyFile);
    writeFileSync(keyFile, randomBytes(48));
    const before = fingerprint(dataDir);

    const { failure, answer } = await startCore(dataDir, createKeyFileSecretStore(dataDir));

    expect(failure).toBeInstanceOf(StoreKeyError);
    const message =
      `Switchboard (web shell) cannot read its database key ${keyFile}: it is not a 64-digit key (damaged or edited). ` +
      'Nothing was changed: the key and the local database are as they were. Restore that file from a backup, or start the web shell with another data folder (--data-dir DIR).';
    expect((failure as StoreKeyError).message).toBe(message);
    // The window shows the same refusal in the agent's language: the key and values come with it.
    expect(answer).toEqual({ ok: false, error: { code: 'unavailable', message, text: (failure as StoreKeyError).text } });
    expect(fingerprint(dataDir)).toEqual(before);
    // Put back from a backup, the key opens the database with its unsent work.
    writeFileSync(keyFile, key);
    await expectUnsentWorkIntact(dataDir, createKeyFileSecretStore(dataDir));
  });

  it('the desktop app started on the web shell’s folder stops, names the web shell’s key, and changes no file', async () => {
    const dataDir = dataFolder('shared-web');
    await folderWithUnsentWork(dataDir, createKeyFileSecretStore(dataDir));
    const before = fingerprint(dataDir);

    const { failure, answer } = await startCore(dataDir, electronSecrets(dataDir, keychainCodec()));

    const webKey = path.join(dataDir, 'secrets', 'web-shell.store.key.secret');
    const message =
      `Switchboard has no database key of its own in ${path.dirname(webKey)}, but the web shell has one there (${webKey}): the local database in this folder belongs to the web shell. ` +
      'Nothing was changed. Open it with the web shell (npm run start:web); to use this app here instead, IT must first move the folder aside.';
    expect(failure).toBeInstanceOf(StoreKeyError);
    expect((failure as StoreKeyError).message).toBe(message);
    // The window shows the same refusal in the agent's language: the key and values come with it.
    expect(answer).toEqual({ ok: false, error: { code: 'unavailable', message, text: (failure as StoreKeyError).text } });
    expect(fingerprint(dataDir)).toEqual(before);
    await expectUnsentWorkIntact(dataDir, createKeyFileSecretStore(dataDir));
  });

  it('the desktop app whose keychain cannot decrypt its key (another keychain, or an older web shell’s plain key) stops and changes no file', async () => {
    for (const madeBy of ['another keychain', 'an older web shell'] as const) {
      const dataDir = dataFolder('shared-undecryptable');
      const secrets = madeBy === 'another keychain' ? electronSecrets(dataDir, keychainCodec()) : createKeyFileSecretStore(dataDir);
      await folderWithUnsentWork(dataDir, secrets);
      // An older web shell kept its plain key under the name the desktop app uses.
      if (madeBy === 'an older web shell')
        renameSync(path.join(dataDir, 'secrets', 'web-shell.store.key.secret'), path.join(dataDir, 'secrets', 'store.key.secret'));
      const before = fingerprint(dataDir);

      const { failure } = await startCore(dataDir, electronSecrets(dataDir, keychainCodec()));

      expect(failure, madeBy).toBeInstanceOf(StoreKeyError);
      expect((failure as StoreKeyError).message, madeBy).toBe(
        `Switchboard cannot read its database key ${path.join(dataDir, 'secrets', 'store.key.secret')}: the system keychain cannot decrypt it ` +
          '(it was made by the web shell, on another computer or for another user account, or the keychain was reset). ' +
          'Nothing was changed: the key and the local database are as they were. ' +
          'Open this data folder with what made the key (the web shell (npm run start:web), or this app signed in as the user who made it); if neither applies, contact IT.',
      );
      expect(fingerprint(dataDir), madeBy).toEqual(before);
    }
  });

  it('a store an older web shell keyed under the shared name still opens in the web shell, with its unsent work', async () => {
    const dataDir = dataFolder('shared-legacy');
    await folderWithUnsentWork(dataDir, createKeyFileSecretStore(dataDir));
    const secretsDir = path.join(dataDir, 'secrets');
    renameSync(path.join(secretsDir, 'web-shell.store.key.secret'), path.join(secretsDir, 'store.key.secret'));
    const key = readFileSync(path.join(secretsDir, 'store.key.secret'), 'utf8');

    await expectUnsentWorkIntact(dataDir, createKeyFileSecretStore(dataDir));

    // The key now has the web shell's own name; the old file stays for an older web shell on this folder.
    expect(readFileSync(path.join(secretsDir, 'web-shell.store.key.secret'), 'utf8')).toBe(key);
    expect(readFileSync(path.join(secretsDir, 'store.key.secret'), 'utf8')).toBe(key);
    await expectUnsentWorkIntact(dataDir, createKeyFileSecretStore(dataDir));
  });

  it('on a fresh folder each host makes its key under its own name and opens its store again', async () => {
    const webDir = dataFolder('fresh-web');
    await folderWithUnsentWork(webDir, createKeyFileSecretStore(webDir));
    expect(readdirSync(path.join(webDir, 'secrets'))).toEqual(['web-shell.store.key.secret']);
    await expectUnsentWorkIntact(webDir, createKeyFileSecretStore(webDir));

    const electronDir = dataFolder('fresh-electron');
    const keychain = keychainCodec();
    await folderWithUnsentWork(electronDir, electronSecrets(electronDir, keychain));
    expect(readdirSync(path.join(electronDir, 'secrets'))).toEqual(['store.key.secret']);
    // Wrapped by the keychain: no plain key on disk.
    expect(
      readFileSync(path.join(electronDir, 'secrets', 'store.key.secret'))
        .subarray(0, 3)
        .toString('latin1'),
    ).toBe('v10');
    await expectUnsentWorkIntact(electronDir, electronSecrets(electronDir, keychain));
  });
});
