import type { CallerLookup } from '../../shared/store/types';
import type { CallOffered } from '../../shared/telephony/model';
import type { WarmHandoff } from '../../shared/telephony/user-to-user';
import type { ScreenPopPort } from '../store/ports';
import { popMatchOf } from './contact-desk';

/** The pop of a warm transfer: the lookup, and the customer and case to file the contact under (null: the agent picks). */
export interface HandoffPop {
  lookup: CallerLookup;
  customerId: string | null;
  caseId: string | null;
}

/**
 * A warm transfer names its customer and case (the consultation INVITE's User-to-User header):
 * the pop shows those, not whoever the calling agent's number matches. The ids came from the
 * network, so they are only used when this store has them (a case must belong to the customer
 * named with it); otherwise the caller's number is looked up, as for any call.
 */
export async function lookUpHandoff(store: ScreenPopPort, handoff: WarmHandoff, number: string): Promise<HandoffPop> {
  let customerId = handoff.customerId;
  let caseId: string | null = null;
  if (handoff.caseId !== null) {
    const detail = await store.getCase(handoff.caseId);
    if (detail && (customerId === null || detail.case.customerId === customerId)) {
      caseId = detail.case.id;
      customerId = detail.case.customerId;
    }
  }
  const customer = customerId === null ? null : await store.getCustomer(customerId);
  if (!customer) return { lookup: await store.lookupCaller(number), customerId: null, caseId: null };
  return {
    lookup: { normalized: null, matchedBy: 'exact', matches: [popMatchOf(customer, customer.customer, null)], truncated: false },
    customerId: customer.customer.id,
    caseId,
  };
}

/** The ringing call's lookup: the warm transfer's case when the INVITE named one, else the caller's number. */
export function popLookup(store: ScreenPopPort, offered: CallOffered): Promise<CallerLookup> | Promise<HandoffPop> {
  return offered.handoff ? lookUpHandoff(store, offered.handoff, offered.number) : store.lookupCaller(offered.number);
}
