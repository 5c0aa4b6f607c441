import { isLoopbackHost } from '../../../../shared/policy/encryption';
import { CASE_ID_PREFIX, CONTACT_ID_PREFIX, salesforceIdOf } from './salesforce-mapping';

/**
 * "Open in Salesforce": a record's Lightning Experience page for the browser,
 * `<org>/lightning/r/<Object>/<Id>/view` (Lightning Aura Components Developer Guide › Lightning
 * Experience URL formats: record pages). The org's My Domain address serves it (and sends the
 * browser on to the Lightning domain). A link is only made to an https:// org (or this computer,
 * for the emulator), and only for a Salesforce record: a record made on this desktop has no page
 * there.
 */

/** The Lightning record page of an `sf-contact-…` or `sf-case-…` record; null when there is none to open. */
export function salesforceRecordUrl(orgUrl: string, switchboardId: string): string | null {
  let base: URL;
  try {
    base = new URL(orgUrl);
  } catch {
    return null;
  }
  const secure = base.protocol === 'https:' || (base.protocol === 'http:' && isLoopbackHost(base.hostname));
  if (!secure || base.username || base.password) return null;
  const contact = salesforceIdOf(switchboardId, CONTACT_ID_PREFIX);
  if (contact !== null) return `${base.origin}/lightning/r/Contact/${contact}/view`;
  const kase = salesforceIdOf(switchboardId, CASE_ID_PREFIX);
  if (kase !== null) return `${base.origin}/lightning/r/Case/${kase}/view`;
  return null;
}
