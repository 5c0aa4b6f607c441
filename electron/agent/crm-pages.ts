import type { CrmPages, ScreenPop } from '../../shared/agent/contract';
import type { RecordRef } from '../../shared/sync/record-pages';

/**
 * "Open in <CRM>" on the screen pop: the agent view carries the CRM's page of each customer and
 * open case the pop shows, so the renderer only draws links main gave it (shared/sync/record-pages.ts).
 */

/** What the agent desk needs of sync for it (SyncService implements it, electron/sync/record-pages.ts). */
export interface CrmPagesPort {
  recordPages(records: readonly RecordRef[]): CrmPages | null;
  /** Calls `listener` when the CRM or its address may have changed; returns an unsubscribe. */
  onRecordPagesChanged(listener: () => void): () => void;
}

/** The records the pop shows: every matching customer and their open cases. */
export function recordsOnScreen(pop: ScreenPop | null): RecordRef[] {
  const records: RecordRef[] = [];
  for (const match of pop?.lookup?.matches ?? []) {
    records.push({ kind: 'customer', id: match.customer.id });
    for (const open of match.openCases) records.push({ kind: 'case', id: open.id });
  }
  return records;
}

/** The pages for the view; null when the pop shows no record or the connector in use has no pages. */
export function crmPagesOnScreen(port: CrmPagesPort | undefined, pop: ScreenPop | null): CrmPages | null {
  const records = recordsOnScreen(pop);
  if (port === undefined || records.length === 0) return null;
  return port.recordPages(records);
}
