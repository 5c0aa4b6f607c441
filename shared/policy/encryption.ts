/**
 * The `encryptionRequired` policy's one rule, shared by policy resolution (shared/policy/resolve.ts)
 * and by the services at the moment they connect (sync, telephony): https:// and wss:// always;
 * http:// and ws:// only to this machine (127.0.0.0/8, ::1, localhost), where nothing crosses a
 * network; anything else never.
 *
 * shared/ has no URL class, so the address is read with a strict pattern. Where this reading and a
 * URL parser could disagree (control characters, backslashes, odd IPv4 forms such as 0x7f.1 or
 * 2130706433), the answer is "not loopback": refusing a lab address is a nuisance, letting
 * cleartext reach another host is the failure this rule exists to prevent.
 */

export type UnencryptedScheme = 'http' | 'ws';

export type EncryptionVerdict =
  | { allowed: true }
  /** `scheme`: the unencrypted scheme the address used; null when it is not an http(s)/ws(s) address at all. */
  | { allowed: false; scheme: UnencryptedScheme | null };

const ENCRYPTED = new Set(['https', 'wss']);
const IPV4_LOOPBACK =
  /^127\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Whether `url` may be used while IT policy requires encryption, and if not, which scheme was refused. */
export function checkEncryptionPolicy(url: string): EncryptionVerdict {
  // Anchored at the very start: " http://…" or "\thttp://…" (which a URL parser trims) is not read as https.
  const scheme = /^([A-Za-z]+):\/\//.exec(url)?.[1]?.toLowerCase() ?? '';
  if (ENCRYPTED.has(scheme)) return { allowed: true };
  if (scheme !== 'http' && scheme !== 'ws') return { allowed: false, scheme: null };
  // A URL parser drops tabs and newlines anywhere and reads "\" as "/": "http://127.0.0.1\t.evil.example"
  // and "http://evil.example\\@127.0.0.1" are evil's address to it. Such text is never loopback here.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(url)) return { allowed: false, scheme };
  return isLoopbackHost(hostOf(url)) ? { allowed: true } : { allowed: false, scheme };
}

/** True when the address may be used under `encryptionRequired` (see {@link checkEncryptionPolicy}). */
export function allowedUnderEncryptionPolicy(url: string): boolean {
  return checkEncryptionPolicy(url).allowed;
}

/** The host between "//" (after any user@) and the port or path, lower case; IPv6 keeps its brackets. */
function hostOf(url: string): string {
  const authority = url.replace(/^[A-Za-z]+:\/\//, '').split(/[/?#]/, 1)[0] ?? '';
  const afterUser = authority.slice(authority.lastIndexOf('@') + 1);
  const host = afterUser.startsWith('[') ? afterUser.slice(0, afterUser.indexOf(']') + 1) : afterUser.split(':', 1)[0];
  return (host ?? '').toLowerCase();
}

/** localhost, 127.0.0.0/8 in plain dotted form, or [::1] in any spelling. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || IPV4_LOOPBACK.test(name)) return true;
  if (!name.startsWith('[') || !name.endsWith(']')) return false;
  return isIpv6Loopback(name.slice(1, -1));
}

function isIpv6Loopback(address: string): boolean {
  if (!/^[0-9a-f:]+$/.test(address)) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string | undefined): string[] => (part === undefined || part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return false;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((group) => group.length === 0 || group.length > 4)) return false;
  return all.slice(0, 7).every((group) => Number.parseInt(group, 16) === 0) && Number.parseInt(all[7] ?? '', 16) === 1;
}
