import { isLoopbackHost } from '../../../../shared/policy/encryption';
import { CASE_ID_PREFIX, CUSTOMER_ID_PREFIX, zendeskIdOf } from './zendesk-mapping';

/**
 * "Open in Zendesk": the agent interface's address of a ticket or a user, for the browser. The
 * agent workspace shows a ticket at `/agent/tickets/{id}` and a user's profile at
 * `/agent/users/{id}`. The API reference does not document these browser paths (its Talk
 * Partner Edition › Open Ticket in Agent's Browser pushes a ticket to an agent instead); they are
 * the paths Zendesk's own links and public integrations use. A link is only made to an https://
 * account (or this machine, for tests), and only for a Zendesk id: a record made on this desktop
 * that Zendesk has not numbered yet has no page there.
 */

export type ZendeskRecord = { kind: 'ticket'; id: number | string } | { kind: 'user'; id: number | string };

/** The https agent URL, or null when there is none to open (not a Zendesk id, or not a safe base address). */
export function zendeskAgentUrl(baseUrl: string, record: ZendeskRecord): string | null {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return null;
  }
  const secure = base.protocol === 'https:' || (base.protocol === 'http:' && isLoopbackHost(base.hostname));
  if (!secure || base.username || base.password) return null;
  const id =
    typeof record.id === 'number'
      ? Number.isSafeInteger(record.id) && record.id > 0
        ? record.id
        : null
      : zendeskIdOf(record.id, record.kind === 'ticket' ? CASE_ID_PREFIX : CUSTOMER_ID_PREFIX);
  if (id === null) return null;
  return `${base.origin}/agent/${record.kind === 'ticket' ? 'tickets' : 'users'}/${id}`;
}
