import type { PulledCase, PulledCustomer } from '../../../../shared/store/types';
import { DEFAULT_PHONE_REGION, isCountryCode } from '../../../../shared/store/phone';
import { MAX_PAGE_BYTES } from '../../../../shared/sync/limits';
import { DEFAULT_SALESFORCE_CALL_ID_FIELD, type SalesforceFieldMapping } from '../../../../shared/sync/salesforce-fields';
import { isLoopbackHost } from '../../../../shared/policy/encryption';
import { userText, type UserText } from '../../../../shared/text/user-text';
import { SyncTextError } from '../../sync-text-error';
import { SourceError, type CaseSource, type PullPage, type PullRequest, type PushItem, type PushOutcome } from '../../case-source';
import { createHttpTransport, type HttpTransport } from '../../http-client';
import { COLLECTION_MAX, QUERY_BATCH_MAX } from './salesforce-api';
import { SalesforceClient, type SalesforceSession } from './salesforce-client';
import { isAnswerError, pullError, type ApiUsage } from './salesforce-errors';
import { SalesforcePuller } from './salesforce-pull';
import { SalesforcePusher } from './salesforce-push';

/**
 * The Salesforce connector (Service Cloud): customers from Contacts (person accounts included),
 * their Account's name as the company, cases from Cases; the agent's calls, wrap-ups,
 * escalations and callbacks back as Tasks exactly once, and case edits as conditional updates.
 *
 * Open cases first. A screen pop needs the caller's open cases and the caller; the full history
 * can wait. Each feed has two phases, recorded in its cursor (salesforce-cursor.ts):
 *
 *   1. `open`: the cases feed reads the open cases (`IsClosed = false`); the customers feed reads
 *      the same cases' ContactIds and then those contacts. When that is done, the feed says "no
 *      more" with its next cursor set to the start of phase 2, so the pull round ends there.
 *   2. `history`: every contact, every case, ordered by SystemModstamp and Id, through QueryAll so
 *      deletions come in the same feed (`IsDeleted`); read to the end, and after that every round
 *      asks what changed after the last record.
 *
 * The pull engine runs customers then cases in each round (electron/sync/pull-engine.ts), so the
 * first round brings the open cases' contacts, then the open cases, and is done within seconds;
 * search and the screen pop work from there. The next rounds bring everything, 2,000 records a
 * page (the most a query page holds), each page stored with its cursor; a restart goes on from it.
 *
 * Deleted records stay in the Recycle Bin for 15 days, and QueryAll sees them only there: a
 * desktop that does not sync for longer misses deletions made meanwhile (docs/crm.md).
 */

export interface SalesforceSourceOptions {
  /** The org's address as IT set it (crmSyncUrl, its My Domain): names the source and its cursors. */
  baseUrl: string;
  /** The agent's sign-in: the instance URL and access token the token response gave. */
  session: SalesforceSession;
  mapping: SalesforceFieldMapping;
  /** The external-id field on Task (default Switchboard_Call_Id__c). */
  callIdField?: string;
  /** Region for numbers without a country code (E.164 normalisation). */
  defaultRegion: string;
  timeoutMs?: number;
  ca?: readonly string[];
  transport?: HttpTransport;
  /** Largest page read (default MAX_PAGE_BYTES, shared/sync/limits.ts). */
  maxPageBytes?: number;
  userAgent?: string;
  now?: () => number;
}

/** The org's address: https (or http on this computer, for the emulator), without a path. */
export function parseSalesforceOrgUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new SyncTextError(userText('sync.address.salesforceNotUrl', { value: value.slice(0, 200) }));
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new SyncTextError(userText('sync.address.salesforceScheme', { scheme: url.protocol, host: url.host }));
  }
  if (url.username || url.password) throw new SyncTextError(userText('sync.address.salesforceCredentials'));
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new SyncTextError(userText('sync.address.salesforcePath'));
  }
  return new URL(url.origin);
}

export class SalesforceSource implements CaseSource {
  readonly id: string;
  readonly description: UserText;
  /** Rows `pushMany` takes at once: one sObject Collections request. */
  readonly pushBatchLimit = COLLECTION_MAX;
  /** Query › batchSize's maximum: each page is one API call against the org's daily allocation, so the fewest pages. */
  readonly pageRows = QUERY_BATCH_MAX;
  readonly orgUrl: string;
  private readonly transport: HttpTransport;
  private readonly client: SalesforceClient;
  private readonly puller: SalesforcePuller;
  private readonly pusher: SalesforcePusher;
  private readonly host: string;
  private readonly now: () => number;

  constructor(options: SalesforceSourceOptions) {
    const org = parseSalesforceOrgUrl(options.baseUrl);
    this.orgUrl = org.origin;
    this.host = org.host;
    // The org is in the id: cursors of one org are never used against another.
    this.id = `salesforce:${org.host}`;
    this.description = userText('sync.source.salesforce', { host: org.host });
    this.now = options.now ?? Date.now;
    const maxPageBytes = options.maxPageBytes ?? MAX_PAGE_BYTES;
    this.transport = options.transport ?? createHttpTransport({ ca: options.ca });
    this.client = new SalesforceClient({
      session: options.session,
      transport: this.transport,
      timeoutMs: options.timeoutMs ?? 60_000,
      maxBytes: maxPageBytes,
      userAgent: options.userAgent,
      now: this.now,
    });
    const region = isCountryCode(options.defaultRegion) ? options.defaultRegion : DEFAULT_PHONE_REGION;
    this.puller = new SalesforcePuller({
      client: this.client,
      mapping: options.mapping,
      defaultRegion: region,
      host: this.host,
      maxPageBytes,
      now: this.now,
    });
    this.pusher = new SalesforcePusher({
      client: this.client,
      mapping: options.mapping,
      callIdField: options.callIdField ?? DEFAULT_SALESFORCE_CALL_ID_FIELD,
      host: this.host,
      now: this.now,
    });
  }

  /** The org's API usage from the latest answer's Sforce-Limit-Info, for diagnostics; null before the first answer. */
  get apiUsage(): ApiUsage | null {
    return this.client.apiUsage;
  }

  /** One small query: proves the sign-in, the API permission and read access to contacts. */
  async probe(signal?: AbortSignal): Promise<void> {
    try {
      const conn = await this.client.connect(signal);
      await conn.query('SELECT Id FROM Contact LIMIT 1', { autoFetch: false });
    } catch (error) {
      if (isAnswerError(error)) throw pullError(error, this.host, 'contacts', this.now());
      if (error instanceof SourceError) throw error;
      throw error;
    }
  }

  pullCustomers(request: PullRequest): Promise<PullPage<PulledCustomer>> {
    return this.puller.customers(request);
  }

  pullCases(request: PullRequest): Promise<PullPage<PulledCase>> {
    return this.puller.cases(request);
  }

  push(item: PushItem, signal?: AbortSignal): Promise<PushOutcome> {
    return this.pusher.push(item, signal);
  }

  /** Up to `pushBatchLimit` independent rows; their Tasks go in one Collections request. */
  pushMany(items: PushItem[], signal?: AbortSignal): Promise<(PushOutcome | SourceError)[]> {
    return this.pusher.pushMany(items, signal);
  }

  close(): void {
    this.transport.close();
  }
}

export function createSalesforceSource(options: SalesforceSourceOptions): SalesforceSource {
  return new SalesforceSource(options);
}

export { salesforceRecordUrl } from './salesforce-links';
export type { SalesforceSession } from './salesforce-client';
export type { ApiUsage } from './salesforce-errors';
