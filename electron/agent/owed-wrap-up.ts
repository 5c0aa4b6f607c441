import type { OpenWrapUp } from '../../shared/agent/contract';
import { newWrapUpDraft } from '../../shared/agent/wrap-up';
import type { Logger } from '../logging/logger';
import type { ScreenPopPort, WorkLogPort } from '../store/ports';

/**
 * A wrap-up still owed after a restart, read back from the store with its draft (or a new draft
 * when none was saved) and the customer's name; null when the store cannot be read, so the agent
 * desk starts anyway and the wrap-up comes back on the next start.
 */
export async function loadOwedWrapUp(
  store: Pick<WorkLogPort, 'getInteraction'> & Pick<ScreenPopPort, 'getCustomer'>,
  owed: { interactionId: string; endedAt: number; agentId: string; now: number },
  log: Logger,
): Promise<OpenWrapUp | null> {
  try {
    const row = await store.getInteraction(owed.interactionId);
    const draft = row?.wrapUp ?? newWrapUpDraft(owed.interactionId, owed.agentId, owed.now);
    let customerName: string | null = null;
    if (row?.customerId) customerName = (await store.getCustomer(row.customerId))?.customer.name ?? null;
    return {
      interactionId: owed.interactionId,
      draft,
      number: row?.number ?? null,
      customerId: row?.customerId ?? null,
      customerName,
      caseId: row?.caseId ?? null,
      endedAt: row?.endedAt ?? owed.endedAt,
    };
  } catch (error) {
    log.warn('owed wrap-up not loaded', { error: error instanceof Error ? error.name : 'unknown' });
    return null;
  }
}
