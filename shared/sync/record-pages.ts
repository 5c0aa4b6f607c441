import { checkEncryptionPolicy } from '../policy/encryption';

/**
 * "Open in <CRM>": the CRM's own web page of a customer or case, opened in the agent's browser.
 * Main asks the connector in use for the address (electron/sync/record-pages.ts) and sends it
 * with the agent view; the renderer shows it as a link, which Electron hands to the OS browser
 * only through its one rule for leaving the app (`isExternalUrlAllowed`,
 * electron/security/permissions.ts) and the web shell opens in a new tab of the agent's browser.
 *
 * This is the rule such an address must pass at both ends of the bridge (the agent view's schema,
 * and the link before it is drawn): https://, or http:// to this machine (the tests' CRM
 * emulators), with no user name or password in it. shared/ has no URL class, so the address is
 * read with strict patterns; anything a URL parser could read differently (spaces, control
 * characters, backslashes) is refused.
 */

/** A record a connector may have a page for: Switchboard's customer or case id. */
export interface RecordRef {
  kind: 'customer' | 'case';
  id: string;
}

/** The longest address accepted: a CRM record page is short; a huge one is not an address. */
export const MAX_RECORD_PAGE_URL = 2048;

export function isRecordPageUrl(url: string): boolean {
  if (url.length > MAX_RECORD_PAGE_URL) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(url)) return false;
  const scheme = /^(https?):\/\//.exec(url)?.[1];
  if (scheme === undefined) return false;
  const authority = url.slice(scheme.length + 3).split(/[/?#]/, 1)[0] ?? '';
  if (authority === '' || authority.includes('@')) return false;
  return scheme === 'https' || checkEncryptionPolicy(url).allowed;
}
