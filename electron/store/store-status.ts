import { statSync } from 'node:fs';
import type { StoreStatus } from '../../shared/store/contract';
import { userText, type UserText } from '../../shared/text/user-text';
import type { SecretStore } from '../secrets/secret-store';
import { CIPHER_DESCRIPTIONS, type StoreCipher } from './ciphers';
import type { RecoveryInfo } from './store-events';

/** What StoreHost knows of itself without asking a thread. */
export interface StatusFacts {
  state: StoreStatus['state'];
  problem: UserText | null;
  /** Damage was found since the start: the file is rebuilt at the next one. */
  damaged: boolean;
  encrypted: boolean;
  cipher: StoreCipher | null;
  keyInfo: SecretStore['info'];
  schemaVersion: number | null;
  recovery: RecoveryInfo | null;
  bulkLoad: boolean;
  phoneRegion: string;
}

/** The `store.status` answer as far as main knows it; counts, size and the last integrity check come from the open store. */
export function baseStatus(facts: StatusFacts): StoreStatus {
  const { keyInfo } = facts;
  return {
    state: facts.state,
    problem: facts.damaged ? userText('store.status.damaged') : facts.problem,
    encryption: {
      enabled: facts.encrypted,
      cipher: facts.cipher ? CIPHER_DESCRIPTIONS[facts.cipher] : facts.encrypted ? 'unknown until the database opens' : 'none',
      keyBackend: keyInfo.backend,
      keyProtection: keyInfo.description,
      weak: keyInfo.weak,
    },
    counts: null,
    databaseBytes: null,
    schemaVersion: facts.schemaVersion,
    lastIntegrityCheck: null,
    recovery: facts.recovery,
    bulkLoad: facts.bulkLoad,
    phoneRegion: facts.phoneRegion,
  };
}

/** The database file and its WAL, in bytes; null when the file is not there. */
export function databaseBytes(file: string): number | null {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      if (suffix === '') return null;
    }
  }
  return total;
}
