import type { FeedStage, SyncStatus } from '../../../../shared/sync/contract';
import type { CrmConnector } from '../../../../shared/sync/connectors';
import { formatDate, formatNumber, i18n } from '../../i18n';

/**
 * The status strip's words for a connector that loads in stages (docs/crm.md "Open tickets
 * first"): the open records first, then the full history, which at Zendesk's export limit can take
 * hours. The agent should see that pops already work, and how far the history has got:
 * "Open tickets ready · history: 120,000 of ≈1,000,000 tickets (up to 3 Mar 2023)".
 */

type Feed = 'customers' | 'cases';
type NounKey =
  `sync:stages.nouns.${'zendeskCustomers' | 'zendeskCases' | 'salesforceCustomers' | 'salesforceCases' | 'customers' | 'cases'}`;

/** What each CRM calls the records (the agent knows Zendesk's words); the app's own words otherwise. */
const NOUNS: Partial<Record<CrmConnector, Record<Feed, NounKey>>> = {
  zendesk: { customers: 'sync:stages.nouns.zendeskCustomers', cases: 'sync:stages.nouns.zendeskCases' },
  salesforce: { customers: 'sync:stages.nouns.salesforceCustomers', cases: 'sync:stages.nouns.salesforceCases' },
};
const DEFAULT_NOUNS: Record<Feed, NounKey> = { customers: 'sync:stages.nouns.customers', cases: 'sync:stages.nouns.cases' };

export interface LoadStageLine {
  text: string;
  /** For the progress bar: how far, out of about how many; null when the CRM gave no count. */
  bar: { done: number; total: number } | null;
}

/**
 * The line to show, or null when the connector does not load in stages or its history is complete.
 * `locale` picks the language (its first part) and the number and date formats; the window's by default.
 */
export function describeLoadStages(status: Pick<SyncStatus, 'connector' | 'stages'>, locale?: string): LoadStageLine | null {
  const stages = status.stages;
  if (stages === null) return null;
  const lng = locale ?? i18n.resolvedLanguage ?? 'en';
  // "en-GB" formats numbers and dates the British way; the words are the "en" catalog's.
  const words = lng.split('-')[0] ?? lng;
  const nounKeys = NOUNS[status.connector] ?? DEFAULT_NOUNS;
  const noun = (feed: Feed): string => i18n.t(nounKeys[feed], { lng: words });
  const cases = noun('cases');
  const feeds: [Feed, FeedStage | null][] = [
    ['customers', stages.customers],
    ['cases', stages.cases],
  ];
  if (feeds.some(([, stage]) => stage?.stage === 'open'))
    return { text: i18n.t('sync:stages.openFirst', { lng: words, cases }), bar: null };
  const current = feeds.find(([, stage]) => stage?.stage === 'history');
  if (current === undefined) return null;
  const [feed, stage] = current as [Feed, Extract<FeedStage, { stage: 'history' }>];
  // Until every feed has reported since the start, one may still be loading its open records.
  const ready = feeds.every(([, s]) => s !== null);
  if (stage.done === 0 && stage.reachedAt === null) {
    return {
      text: ready ? i18n.t('sync:stages.readyHistoryNext', { lng: words, cases }) : i18n.t('sync:stages.historyNext', { lng: words }),
      bar: null,
    };
  }
  const waiting = feeds.filter(([other, s]) => other !== feed && s?.stage === 'history').map(([other]) => noun(other));
  const then =
    waiting.length > 0
      ? i18n.t('sync:stages.then', { lng: words, nouns: new Intl.ListFormat(lng, { type: 'conjunction' }).format(waiting) })
      : '';
  const number = (n: number) => formatNumber(n, lng);
  const known = stage.total !== null && stage.done <= stage.total;
  const howFar = known
    ? i18n.t('sync:stages.howFarKnown', { lng: words, done: number(stage.done), total: number(stage.total!), noun: noun(feed) })
    : i18n.t('sync:stages.howFarSoFar', { lng: words, done: number(stage.done), noun: noun(feed) });
  const upTo = stage.reachedAt === null ? '' : i18n.t('sync:stages.upTo', { lng: words, date: formatDate(stage.reachedAt, lng) });
  const parts = { cases, howFar, upTo, then };
  return {
    text: ready ? i18n.t('sync:stages.readyHistory', { lng: words, ...parts }) : i18n.t('sync:stages.history', { lng: words, ...parts }),
    bar: known ? { done: stage.done, total: stage.total! } : null,
  };
}
