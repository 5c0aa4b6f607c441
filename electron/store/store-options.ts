import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { CallLimits } from './call-timeouts';
import type { StartupWork } from './protocol';

export interface StoreOptions {
  /** The installation's data folder; the database lives in `<dataDir>/store/switchboard.db`. */
  dataDir: string;
  /** Holds the database key (per host: `store.key` in Electron, `web-shell.store.key` with key files; see store-key.ts). */
  secrets: SecretStore;
  log: Logger;
  /** better-sqlite3's addon for Electron's ABI; unset under Node. */
  nativeBinding?: string;
  /** Region for numbers written without a country code (default US). */
  phoneRegion?: string;
  /** Worker script (a bundle or a .ts file); by default the bundle beside the running code. */
  workerScript?: string;
  /** Encryption at rest; on unless a test needs the plain path. */
  encrypt?: boolean;
  /**
   * `separate` (default): screen-pop lookups and searches each get their own
   * reader thread, so a pop never waits behind a search or a write.
   * `writer`: everything on the writer thread (small tools and tests).
   */
  readers?: 'separate' | 'writer';
  /** Background `PRAGMA integrity_check`: first after `delayMs`, then at most once per `everyMs`. False turns it off. */
  integrityCheck?: { delayMs: number; everyMs: number } | false;
  /** Told while `open` is still running when the file needs one-time work first (re-encryption, a schema update). */
  onStartupWork?: (work: StartupWork, bytes: number) => void;
  /**
   * A bulk load's search index built on a thread of its own while the rows come in (default true;
   * off with `readers: 'writer'`). False: the writer fills it after the last row, as tests of that path need.
   */
  parallelSearchIndex?: boolean;
  /** How long requests may take and when a thread is taken for stuck (default CALL_LIMITS, call-timeouts.ts); tests set shorter ones. */
  callLimits?: { timeoutMs?: Partial<CallLimits['timeoutMs']>; stuckAfterMs?: number };
}
