import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { PolicyProblem } from '../../shared/policy/resolve';
import { userText, type UserText } from '../../shared/text/user-text';
import type { CertificateProblem } from '../../shared/telephony/model';

/**
 * The certificate authorities main trusts for wss:// (SIP) and https:// (sync).
 *
 * Node only trusts the CAs bundled with it, so a server signed by a corporate CA fails, and the
 * easy way out for an administrator is ws:// or http://. This adds the operating system's store
 * where the runtime can read it (`tls.getCACertificates('system')`: Node >= 22.15 / 23.5, which
 * Electron's Node has; Node 20 has not) and the PEM file IT names in the `extraCaFile` policy.
 * Built once at start, from the policy, like every other policy-derived setting.
 */
export interface TrustStore {
  /**
   * The `ca` option for TLS clients. Undefined when there is nothing beyond what Node trusts by
   * default (no system store, no extra file): then clients are left exactly as they were.
   */
  readonly ca: readonly string[] | undefined;
  /** How many came from each place, for the log and diagnostics. */
  readonly counts: { readonly base: number; readonly system: number; readonly extra: number };
  /** The extra CA file could not be used; the other CAs still are. */
  readonly problem: PolicyProblem | null;
}

export interface TrustStoreOptions {
  /** The `extraCaFile` policy value (an absolute path), with where it came from for the problem text. */
  extraCaFile: { path: string; source: string; level: PolicyProblem['level'] } | null;
  /** Tests stand in for the runtime's `tls.getCACertificates` (absent on Node 20). */
  getCACertificates?: ((type?: string) => string[]) | null;
  /** Tests stand in for NODE_EXTRA_CA_CERTS. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Whether a TLS error code means "the server's certificate was not accepted". Node reports
 * OpenSSL's verify results by name (UNABLE_TO_VERIFY_LEAF_SIGNATURE for a server signed by a CA
 * it does not know, SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED, ...) and its own checks as
 * ERR_TLS_* (ERR_TLS_CERT_ALTNAME_INVALID): the ones naming no CERT are listed here.
 */
export function isCertificateError(code: string): boolean {
  return (
    code.startsWith('ERR_TLS') ||
    code.includes('CERT') ||
    code.includes('CRL') ||
    code.startsWith('UNABLE_TO_') ||
    CERTIFICATE_CODES.has(code)
  );
}
const CERTIFICATE_CODES = new Set([
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** The kind of certificate failure a TLS error code (one isCertificateError accepts) stands for. */
export function certificateProblem(code: string): CertificateProblem {
  if (code === 'CERT_HAS_EXPIRED') return 'expired';
  if (code === 'CERT_NOT_YET_VALID') return 'not-yet-valid';
  if (code === 'CERT_REVOKED') return 'revoked';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'wrong-name';
  if (UNTRUSTED_CODES.has(code)) return 'untrusted';
  return 'invalid';
}
/** OpenSSL's ways of saying "no CA this machine trusts signed it". */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'INVALID_CA',
]);

/** A CA bundle is a few hundred KiB at most; a larger file is the wrong file. */
const MAX_CA_FILE_BYTES = 4 * 1024 * 1024;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

type GetCACertificates = (type?: string) => string[];

function runtimeGetCACertificates(): GetCACertificates | null {
  // Feature-detected: the typings of the Node we build against may not declare it.
  const candidate = (tls as unknown as { getCACertificates?: unknown }).getCACertificates;
  return typeof candidate === 'function' ? (candidate as GetCACertificates).bind(tls) : null;
}

/** Never throws: a runtime without the type (or a store that cannot be read) gives none. */
function tryGet(get: GetCACertificates | null, type: string): string[] | null {
  if (!get) return null;
  try {
    const list = get(type);
    return Array.isArray(list) ? list : null;
  } catch {
    return null;
  }
}

/**
 * What Node trusts when no `ca` is given: its bundled CAs plus NODE_EXTRA_CA_CERTS. Passing `ca`
 * replaces that set, so the extra file Node read at start has to be carried over, or setting our
 * own list would silently drop a CA the machine was configured with.
 */
function defaultCas(get: GetCACertificates | null, env: NodeJS.ProcessEnv): string[] {
  const fromRuntime = tryGet(get, 'default');
  if (fromRuntime) return fromRuntime;
  const list = [...tls.rootCertificates];
  const extraFile = env.NODE_EXTRA_CA_CERTS;
  if (extraFile) {
    try {
      list.push(...(readFileSync(extraFile, 'utf8').match(PEM_CERTIFICATE) ?? []));
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we (by not adding it).
    }
  }
  return list;
}

/** The certificates in a PEM file, each checked to parse; a sentence saying why not otherwise. */
export function readCaFile(file: string): { ok: true; certificates: string[] } | { ok: false; reason: UserText } {
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_CA_FILE_BYTES)
      return { ok: false, reason: userText('policy.caFile.tooLarge', { size: MAX_CA_FILE_BYTES / 1024 / 1024 }) };
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) return { ok: false, reason: userText('policy.caFile.unreadableNoCode') };
    const why =
      code === 'ENOENT'
        ? 'policy.caFile.missing'
        : code === 'EACCES' || code === 'EPERM'
          ? 'policy.caFile.denied'
          : code === 'EISDIR'
            ? 'policy.caFile.folder'
            : 'policy.caFile.unreadable';
    return { ok: false, reason: userText(why, { code }) };
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0)
    return {
      ok: false,
      reason: userText('policy.caFile.noPem'),
    };
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return { ok: false, reason: userText('policy.caFile.damaged', { index: index + 1, total: blocks.length }) };
    }
  }
  return { ok: true, certificates: blocks };
}

export function buildTrustStore(options: TrustStoreOptions): TrustStore {
  const get = options.getCACertificates === undefined ? runtimeGetCACertificates() : options.getCACertificates;
  const system = tryGet(get, 'system') ?? [];
  let extra: string[] = [];
  let problem: PolicyProblem | null = null;
  if (options.extraCaFile) {
    const { path: file, source, level } = options.extraCaFile;
    const read = readCaFile(file);
    if (read.ok) extra = read.certificates;
    else {
      problem = {
        key: 'extraCaFile',
        source,
        level,
        message: userText(level ? 'policy.caFile.notUsed' : 'policy.caFile.notUsedAnyLevel', {
          source,
          ...(level ? { level } : {}),
          file,
          reason: read.reason,
          trusted: userText(system.length > 0 ? 'policy.caFile.builtInAndSystemTrusted' : 'policy.caFile.builtInTrusted'),
        }),
      };
    }
  }
  if (system.length === 0 && extra.length === 0) return { ca: undefined, counts: { base: 0, system: 0, extra: 0 }, problem };
  const base = defaultCas(get, options.env ?? process.env);
  // The system store usually repeats most bundled CAs; one copy of each keeps every TLS context smaller.
  const ca = [...new Set([...base, ...system, ...extra].map((pem) => pem.trim()))];
  return { ca, counts: { base: base.length, system: system.length, extra: extra.length }, problem };
}
