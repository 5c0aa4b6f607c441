import type { FeedStage, SyncStatus } from '../../../../shared/sync/contract';
import type { CrmConnector } from '../../../../shared/sync/connectors';

/**
 * The status strip's words for a connector that loads in stages (docs/crm.md "Open tickets
 * first"): the open records first, then the full history, which at Zendesk's export limit can take
 * hours. The agent should see that pops already work, and how far the history has got:
 * "Open tickets ready · history: 120,000 of ≈1,000,000 tickets (up to 3 Mar 2023)".
 */

type Feed = 'customers' | 'cases';

/** What each CRM calls the records (the agent knows Zendesk's words); the app's own words otherwise. */
const NOUNS: Partial<Record<CrmConnector, Record<Feed, string>>> = {
  zendesk: { customers: 'users', cases: 'tickets' },
  salesforce: { customers: 'contacts', cases: 'cases' },
};
const DEFAULT_NOUNS: Record<Feed, string> = { customers: 'customers', cases: 'cases' };

export interface LoadStageLine {
  text: string;
  /** For the progress bar: how far, out of about how many; null when the CRM gave no count. */
  bar: { done: number; total: number } | null;
}

/** The line to show, or null when the connector does not load in stages or its history is complete. */
export function describeLoadStages(status: Pick<SyncStatus, 'connector' | 'stages'>, locale?: string): LoadStageLine | null {
  const stages = status.stages;
  if (stages === null) return null;
  const nouns = NOUNS[status.connector] ?? DEFAULT_NOUNS;
  const feeds: [Feed, FeedStage | null][] = [
    ['customers', stages.customers],
    ['cases', stages.cases],
  ];
  if (feeds.some(([, stage]) => stage?.stage === 'open')) return { text: `Loading open ${nouns.cases} first`, bar: null };
  const current = feeds.find(([, stage]) => stage?.stage === 'history');
  if (current === undefined) return null;
  const [feed, stage] = current as [Feed, Extract<FeedStage, { stage: 'history' }>];
  // Until every feed has reported since the start, one may still be loading its open records.
  const ready = feeds.every(([, s]) => s !== null) ? `Open ${nouns.cases} ready · ` : '';
  const waiting = feeds.filter(([other, s]) => other !== feed && s?.stage === 'history').map(([other]) => nouns[other]);
  const then = waiting.length > 0 ? `, then ${waiting.join(' and ')}` : '';
  if (stage.done === 0 && stage.reachedAt === null) return { text: `${ready}${ready ? 'full' : 'Full'} history next`, bar: null };
  const number = (n: number) => n.toLocaleString(locale);
  const known = stage.total !== null && stage.done <= stage.total;
  const howFar = known ? `${number(stage.done)} of ≈${number(stage.total!)} ${nouns[feed]}` : `${number(stage.done)} ${nouns[feed]} so far`;
  const upTo =
    stage.reachedAt === null
      ? ''
      : ` (up to ${new Date(stage.reachedAt).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })})`;
  return {
    text: `${ready}${ready ? 'history' : 'History'}: ${howFar}${upTo}${then}`,
    bar: known ? { done: stage.done, total: stage.total! } : null,
  };
}
