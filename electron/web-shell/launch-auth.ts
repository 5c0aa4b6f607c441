import { createHash, randomBytes } from 'node:crypto';

/**
 * How the web shell's page proves it is the one the user opened.
 *
 * The URL handed to the browser ends up on its command line, which every local user can read
 * (/proc/<pid>/cmdline, `ps`), so it carries only a one-time code: short-lived and good once.
 * Redeeming it creates a session whose secret lives only in an HttpOnly cookie (never in a URL,
 * argv, stdout, a log or script-readable storage); the bridge socket requires that cookie.
 *
 * Codes and session secrets are kept only as SHA-256 hashes, so looking one up is a hash-map
 * lookup on a value an attacker cannot choose (no timing oracle on the secret itself).
 */

/** Long enough for a slow browser start or a copy and paste, short enough that a stale link is useless. */
export const LAUNCH_CODE_TTL_MS = 60_000;
/** Used and expired codes are remembered this long, to tell the user which it was. */
const SPENT_CODE_MEMORY_MS = 10 * 60_000;
/** A bound on remembered codes, whatever calls issueCode in a loop. */
const MAX_REMEMBERED_CODES = 256;
export const LAUNCH_PATH = '/launch';

export type CodeRefusal = 'used' | 'expired' | 'unknown';
export type Redemption = { ok: true; session: Session; setCookie: string } | { ok: false; why: CodeRefusal };

export interface Session {
  /** A label for logs and per-session limits (`s1`, `s2`…); not the secret. */
  readonly label: string;
}

interface CodeEntry {
  expiresAt: number;
  used: boolean;
}

export interface LaunchAuthOptions {
  /** The cookie's name; includes the port, because browsers share cookies across a host's ports. */
  cookieName: string;
  codeTtlMs?: number;
  now?: () => number;
}

export class LaunchAuth {
  private readonly codes = new Map<string, CodeEntry>();
  private readonly sessions = new Map<string, Session>();
  private readonly cookieName: string;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: LaunchAuthOptions) {
    this.cookieName = options.cookieName;
    this.ttlMs = options.codeTtlMs ?? LAUNCH_CODE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** A fresh one-time code; the caller puts it in the launch URL. */
  issueCode(): string {
    this.prune();
    const code = randomBytes(32).toString('base64url');
    this.codes.set(digest(code), { expiresAt: this.now() + this.ttlMs, used: false });
    return code;
  }

  /** Spends `code` and opens a session for whoever presented it. */
  redeem(code: string): Redemption {
    const entry = this.codes.get(digest(code));
    if (!entry) return { ok: false, why: 'unknown' };
    if (entry.used) return { ok: false, why: 'used' };
    if (this.now() >= entry.expiresAt) return { ok: false, why: 'expired' };
    entry.used = true;
    const secret = randomBytes(32).toString('base64url');
    const session: Session = { label: `s${this.sessions.size + 1}` };
    this.sessions.set(digest(secret), session);
    // No Max-Age/Expires: a session cookie, gone with the browser and never written to its disk
    // store; no Secure, since the page is plain http on loopback.
    return { ok: true, session, setCookie: `${this.cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/` };
  }

  /** The session the request's Cookie header belongs to, or null. */
  sessionOf(cookieHeader: string | undefined): Session | null {
    if (!cookieHeader) return null;
    for (const part of cookieHeader.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim() !== this.cookieName) continue;
      const session = this.sessions.get(digest(part.slice(eq + 1).trim()));
      if (session) return session;
    }
    return null;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.codes) {
      if (entry.expiresAt + SPENT_CODE_MEMORY_MS < now) this.codes.delete(key);
    }
    // Oldest first (Map keeps insertion order).
    while (this.codes.size >= MAX_REMEMBERED_CODES) this.codes.delete(this.codes.keys().next().value!);
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Reads the code from a launch URL's query, or null. */
export function codeFromQuery(url: string): string | null {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const code = new URLSearchParams(query).get('code');
  return code && /^[A-Za-z0-9_-]{16,128}$/.test(code) ? code : null;
}
