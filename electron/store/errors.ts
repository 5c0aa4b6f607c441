import type { IssueText } from '../../shared/bridge/validate';
import { englishOf, userText, type UserText } from '../../shared/text/user-text';

/** Why a store request failed; each code tells the caller what to do next. */
export const STORE_ERROR_CODES = [
  /** The input was refused (field-level reasons in `issues`); nothing was written. */
  'invalid-input',
  /** The record the request refers to does not exist. */
  'not-found',
  /** The request conflicts with what is stored (e.g. a submitted wrap-up changed again). */
  'conflict',
  /** The database file is damaged; it is moved aside and rebuilt at the next start. */
  'corrupt',
  /** Disk full, permission denied or another I/O failure; retry later. */
  'io',
  /** The store is not open (starting, closed, or could not be opened), or its thread is being restarted. */
  'unavailable',
  /**
   * The thread did not answer in time (electron/store/call-timeouts.ts). The request may still be
   * carried out (a write can still commit); a thread that stopped answering altogether is restarted.
   */
  'timeout',
  /** A bug; the details are in the log. */
  'internal',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

export interface StoreErrorBody {
  code: StoreErrorCode;
  /** Safe to log: never holds names, numbers or free text from records. English. */
  message: string;
  /** The same for the agent, in their language; absent for failures only the log needs. */
  text?: UserText;
  issues?: string[];
  /** The same problems as messages, for the window to say in the agent's language (electron/store/worker/field-problems.ts). */
  issueTexts?: IssueText[];
}

/** A UserText `message` is what the agent reads (`text`); its English is the error's `message`. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly issues: string[] | undefined;
  readonly text: UserText | null;
  readonly issueTexts: IssueText[] | undefined;

  constructor(code: StoreErrorCode, message: string | UserText, issues?: string[], issueTexts?: IssueText[]) {
    super(typeof message === 'string' ? message : englishOf(message));
    this.name = 'StoreError';
    this.code = code;
    this.issues = issues;
    this.text = typeof message === 'string' ? null : message;
    this.issueTexts = issueTexts;
  }

  toBody(): StoreErrorBody {
    const body: StoreErrorBody = { code: this.code, message: this.message };
    if (this.text) body.text = this.text;
    if (this.issues) body.issues = this.issues;
    if (this.issueTexts && this.issueTexts.length > 0) body.issueTexts = this.issueTexts;
    return body;
  }

  static fromBody(body: StoreErrorBody): StoreError {
    return new StoreError(body.code, body.text ?? body.message, body.issues, body.issueTexts);
  }
}

/** SQLite result codes (better-sqlite3's `SqliteError.code`) that mean the file is damaged or not ours. */
const CORRUPTION_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_VTAB',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_INDEX',
]);
const IO_PREFIXES = ['SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_BUSY', 'SQLITE_LOCKED'];

export function sqliteCode(error: unknown): string | null {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}

export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== null && CORRUPTION_CODES.has(code);
}

/**
 * Turns anything a worker operation threw into a body that can cross to main.
 * SQLite's own messages name tables and constraints, never values, so they are
 * kept for the log; other errors keep only their name.
 */
export function toStoreErrorBody(error: unknown): StoreErrorBody {
  if (error instanceof StoreError) return error.toBody();
  const code = sqliteCode(error);
  if (code !== null && code.startsWith('SQLITE')) {
    if (CORRUPTION_CODES.has(code)) return new StoreError('corrupt', userText('store.error.damaged', { code })).toBody();
    if (IO_PREFIXES.some((p) => code.startsWith(p))) return new StoreError('io', userText('store.error.io', { code })).toBody();
    return { code: 'internal', message: `Database error ${code}: ${(error as Error).message.slice(0, 200)}` };
  }
  return { code: 'internal', message: `Store failure (${error instanceof Error ? error.name : typeof error})` };
}
