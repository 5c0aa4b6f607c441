import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where secrets are kept and how well they are protected; shown in Settings and in diagnostics. */
export interface SecretStoreInfo {
  /**
   * `os-keychain`: encrypted with a key the OS keychain holds (DPAPI, Keychain, libsecret/kwallet).
   * `plaintext-fallback`: Electron's safeStorage on Linux with no keyring (`basic_text`): obfuscated only.
   * `key-file`: files readable only by this OS user (web shell and tests).
   */
  backend: 'os-keychain' | 'plaintext-fallback' | 'key-file';
  /** True when the secrets are not protected by the OS keychain; the UI and diagnostics must say so. */
  weak: boolean;
  /** One sentence for the agent or IT, e.g. which keychain is used. */
  description: string;
}

/** Names secrets are stored under: lower-case words separated by dots or dashes. */
export type SecretName = string;
const SECRET_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export interface SecretStore {
  readonly info: SecretStoreInfo;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  /** Where `name` is kept (a file path), for messages that tell IT which file to look at. */
  locate(name: SecretName): string;
}

/** Turns a secret into the bytes stored on disk and back (e.g. Electron's safeStorage). */
export interface SecretCodec {
  encode(value: string): Buffer;
  decode(stored: Buffer): string;
}

export const plainCodec: SecretCodec = {
  encode: (value) => Buffer.from(value, 'utf8'),
  decode: (stored) => stored.toString('utf8'),
};

function assertName(name: string): void {
  if (!SECRET_NAME.test(name) || name.length > 64) throw new Error(`Invalid secret name: ${JSON.stringify(name.slice(0, 64))}`);
}

/**
 * One file per secret in `dir` (mode 0700, files 0600), written atomically.
 * With `plainCodec` this is the key-file store the web shell and tests use;
 * Electron passes a safeStorage codec so the files hold OS-encrypted blobs.
 */
export function createFileSecretStore(options: { dir: string; codec: SecretCodec; info: SecretStoreInfo }): SecretStore {
  const { dir, codec, info } = options;
  const fileFor = (name: string): string => {
    assertName(name);
    return path.join(dir, `${name}.secret`);
  };
  return {
    info,
    async get(name) {
      try {
        return codec.decode(readFileSync(fileFor(name)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async set(name, value) {
      const file = fileFor(name);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, codec.encode(value), { mode: 0o600 });
      renameSync(temp, file);
    },
    async delete(name) {
      rmSync(fileFor(name), { force: true });
    },
    locate: fileFor,
  };
}

export function createKeyFileSecretStore(dataDir: string): SecretStore {
  return createFileSecretStore({
    dir: path.join(dataDir, 'secrets'),
    codec: plainCodec,
    info: {
      backend: 'key-file',
      weak: true,
      description: 'Secrets are kept in files only this OS user can read (web shell); they are not in the OS keychain.',
    },
  });
}
