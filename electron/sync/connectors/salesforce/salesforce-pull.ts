import type { QueryOptions } from 'jsforce/lib/query';
import type { PulledCase, PulledCustomer } from '../../../../shared/store/types';
import type { SalesforceFieldMapping } from '../../../../shared/sync/salesforce-fields';
import { formatByteLimit } from '../../../../shared/sync/limits';
import { userText } from '../../../../shared/text/user-text';
import { SourceError, type PullKind, type PullPage, type PullRequest } from '../../case-source';
import { issueOf } from '../../http-answers';
import { queryPage, type QueryPage, type SfRecord } from './salesforce-api';
import type { SalesforceClient } from './salesforce-client';
import {
  HISTORY_NOT_STARTED,
  HISTORY_START,
  decodeCursor,
  encodeCursor,
  locatorOf,
  stageOf,
  usableLocator,
  type FeedCursor,
  type Position,
} from './salesforce-cursor';
import { describeErrors, isAnswerError, pullError, type SalesforceAnswerError } from './salesforce-errors';
import { contactIdOf, caseIdOf, toPulledCase, toPulledCustomer, versionOf } from './salesforce-mapping';
import {
  IDS_PER_QUERY,
  caseFields,
  contactFields,
  contactsByIdQuery,
  historyQuery,
  openCaseContactsQuery,
  openCasesQuery,
} from './salesforce-soql';

/**
 * The two pull feeds, phase by phase (the design is in salesforce-source.ts, "open cases first").
 *
 * Requests, by REST API Developer Guide section:
 * - Query (`GET /query?q=`) and, for the history, QueryAll (`/queryAll?q=`), which also returns
 *   deleted records (in the Recycle Bin) with `IsDeleted = true`: a deletion arrives in the same
 *   ordered feed as the changes, at its SystemModstamp, so it is stored with the cursor after it.
 * - Query More Results (`nextRecordsUrl`): the next page of the same query. `Sforce-Query-Options:
 *   batchSize` asks for the page size the pull engine wants (200 to 2,000).
 * jsforce sends both (`Connection.query` with `scanAll`, `Connection.queryMore`).
 */

export interface PullerOptions {
  client: SalesforceClient;
  mapping: SalesforceFieldMapping;
  defaultRegion: string;
  host: string;
  /** Largest page read (the client cuts an answer off there). */
  maxPageBytes: number;
  now: () => number;
}

type Page = { rows: SfRecord[]; done: boolean; locator: string | null; total: number | null };

/**
 * Short queries at once for the contacts of a page of open cases. Salesforce limits concurrent
 * requests only when they run 20 seconds or longer (Salesforce Developer Limits and Allocations
 * Quick Reference › API Request Limits and Allocations); these take well under a second.
 */
const CONTACT_QUERIES_AT_ONCE = 4;

export class SalesforcePuller {
  /** Whether Contact has IsPersonAccount (the org has Person Accounts); null until a query has found out. */
  private personAccounts: boolean | null = null;

  constructor(private readonly options: PullerOptions) {}

  async customers(request: PullRequest): Promise<PullPage<PulledCustomer>> {
    const cursor = decodeCursor(request.cursor, 'customers');
    if (cursor.phase === 'open') {
      const page = await this.page('customers', cursor, request, (after) => openCaseContactsQuery(this.options.mapping, after), false);
      const contactField = this.options.mapping.case.contact;
      const ids = [...new Set(page.rows.map((r) => r[contactField]).filter((id): id is string => typeof id === 'string' && id !== ''))];
      const contacts = await this.contactsById(ids, request);
      const items = contacts.map((c) => toPulledCustomer(c, this.options));
      return { items, deleted: [], ...this.next(cursor, page), total: null };
    }
    const page = await this.withContactFields((fields) =>
      this.page('customers', cursor, request, (after) => historyQuery('Contact', fields, after), true),
    );
    const items: PulledCustomer[] = [];
    const deleted: string[] = [];
    for (const row of page.rows) {
      if (row.IsDeleted === true) deleted.push(contactIdOf(row.Id));
      else items.push(toPulledCustomer(row, this.options));
    }
    return { items, deleted, ...this.next(cursor, page), total: request.includeTotal ? page.total : null };
  }

  async cases(request: PullRequest): Promise<PullPage<PulledCase>> {
    const cursor = decodeCursor(request.cursor, 'cases');
    const mapping = this.options.mapping;
    const history = cursor.phase === 'history';
    const page = await this.page(
      'cases',
      cursor,
      request,
      (after) => (history ? historyQuery('Case', caseFields(mapping), after) : openCasesQuery(mapping, after)),
      history,
    );
    const items: PulledCase[] = [];
    const deleted: string[] = [];
    for (const row of page.rows) {
      if (row.IsDeleted === true) deleted.push(caseIdOf(row.Id));
      else items.push(toPulledCase(row, mapping));
    }
    return { items, deleted, ...this.next(cursor, page), total: history && request.includeTotal ? page.total : null };
  }

  /**
   * The contacts with these ids, IDS_PER_QUERY to a query, CONTACT_QUERIES_AT_ONCE queries at a time
   * (a contact deleted meanwhile is simply not there). The first one finds out whether the org has
   * Person Accounts before the others go.
   */
  async contactsById(ids: string[], request: Pick<PullRequest, 'signal'>): Promise<SfRecord[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) chunks.push(ids.slice(i, i + IDS_PER_QUERY));
    const results: SfRecord[][] = new Array<SfRecord[]>(chunks.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < chunks.length) {
        const at = next++;
        results[at] = await this.withContactFields((fields) =>
          this.all(contactsByIdQuery(fields, chunks[at]!), 'customers', request.signal),
        );
      }
    };
    if (chunks.length > 0) {
      results[0] = await this.withContactFields((fields) => this.all(contactsByIdQuery(fields, chunks[0]!), 'customers', request.signal));
      next = 1;
      await Promise.all(Array.from({ length: Math.min(CONTACT_QUERIES_AT_ONCE, chunks.length - 1) }, lane));
    }
    return results.flat();
  }

  // ------------------------------------------------------------------ pages and cursors

  /** Where the feed goes on after this page: more of this phase, the start of the history, or the end of the history for now. */
  private next(cursor: FeedCursor, page: Page): Pick<PullPage<unknown>, 'nextCursor' | 'hasMore' | 'stage'> {
    const last = page.rows[page.rows.length - 1];
    const after: Position | null = last ? { stamp: versionOf(last), id: last.Id } : cursor.after;
    const locator = page.done ? null : page.locator;
    if (cursor.phase === 'open') {
      // The open phase is done: this pull round ends here, so the other feed's open phase runs before any history.
      const nextCursor: FeedCursor = page.done ? HISTORY_START : { phase: 'open', after, locator, at: locator ? this.options.now() : null };
      return { nextCursor: encodeCursor(nextCursor), hasMore: !page.done, stage: stageOf(nextCursor) };
    }
    const before = cursor.progress ?? HISTORY_NOT_STARTED;
    const done = before.done + page.rows.length;
    const progress = {
      done,
      // A fresh query counts what is after the position it started from.
      total: page.total !== null ? before.done + page.total : before.total,
      reachedAt: last ? versionOf(last) : before.reachedAt,
      complete: before.complete || page.done,
    };
    // At the end for now, the next round asks what changed after the last record.
    const nextCursor: FeedCursor = { phase: 'history', after, locator, at: locator ? this.options.now() : null, progress };
    return { nextCursor: encodeCursor(nextCursor), hasMore: !page.done, stage: stageOf(nextCursor) };
  }

  /**
   * One page of a feed: the next page of the query under way (its locator), or the query again
   * from the cursor's position when there is no usable locator or Salesforce no longer takes it.
   */
  private async page(
    kind: PullKind,
    cursor: FeedCursor,
    request: PullRequest,
    soql: (after: Position | null) => string,
    scanAll: boolean,
  ): Promise<Page> {
    const headers = this.options.client.queryHeaders(request.limit);
    const locator = usableLocator(cursor, this.options.now());
    if (locator !== null) {
      try {
        return await this.request(kind, request, async (conn) =>
          this.read(await conn.queryMore(locator, { headers } as QueryOptions), false),
        );
      } catch (error) {
        // INVALID_QUERY_LOCATOR: the locator expired or was never this user's; the same query from `after` gives the same records.
        if (!(isAnswerError(error) && (error.has('INVALID_QUERY_LOCATOR') || error.status === 404 || error.status === 400))) throw error;
      }
    }
    return this.request(kind, request, async (conn) =>
      this.read(await conn.query(soql(cursor.after), { headers, scanAll, autoFetch: false }), true),
    );
  }

  /** Every row of a small query (the contacts of a page of open cases), following nextRecordsUrl. */
  private async all(soql: string, kind: PullKind, signal?: AbortSignal): Promise<SfRecord[]> {
    const request: PullRequest = { cursor: null, limit: 2000, includeTotal: false, signal };
    const rows: SfRecord[] = [];
    let page = await this.request(kind, request, async (conn) => this.read(await conn.query(soql, { autoFetch: false }), false));
    rows.push(...page.rows);
    while (!page.done && page.locator !== null) {
      const locator = page.locator;
      page = await this.request(kind, request, async (conn) => this.read(await conn.queryMore(locator, {} as QueryOptions), false));
      rows.push(...page.rows);
    }
    return rows;
  }

  /** Runs a query with a fresh connection and turns its failures into the pull's SourceErrors. */
  private async request(
    kind: PullKind,
    request: PullRequest,
    run: (conn: Awaited<ReturnType<SalesforceClient['connect']>>) => Promise<Page>,
  ): Promise<Page> {
    const what = kind === 'customers' ? 'contacts' : 'cases';
    try {
      const conn = await this.options.client.connect(request.signal);
      return await run(conn);
    } catch (error) {
      if (error instanceof SourceError && error.code === 'too-large') {
        throw new SourceError(
          'protocol',
          'page-too-large',
          userText('sync.error.pageTooLarge', {
            host: this.options.host,
            kind: userText(`sync.subject.${kind}`),
            limit: formatByteLimit(this.options.maxPageBytes),
            count: request.limit,
          }),
        );
      }
      if (error instanceof SourceError) throw error;
      if (isAnswerError(error)) {
        if (this.isPersonAccountProbe(error)) throw error;
        throw pullError(error, this.options.host, what, this.options.now());
      }
      throw error;
    }
  }

  /**
   * Runs a Contact query with the fields the org has: first with IsPersonAccount (Person Accounts),
   * and, if the org refuses that column, once more without it, remembered from then on.
   */
  private async withContactFields<T>(run: (fields: string[]) => Promise<T>): Promise<T> {
    const mapping = this.options.mapping;
    if (this.personAccounts === null) {
      try {
        const result = await run(contactFields(mapping, true));
        this.personAccounts = true;
        return result;
      } catch (error) {
        if (!(isAnswerError(error) && this.isPersonAccountProbe(error))) throw error;
        this.personAccounts = false;
      }
    }
    try {
      return await run(contactFields(mapping, this.personAccounts));
    } catch (error) {
      if (isAnswerError(error)) throw pullError(error, this.options.host, 'contacts', this.options.now());
      throw error;
    }
  }

  /** "No such column 'IsPersonAccount' on entity 'Contact'": the org has no Person Accounts. */
  private isPersonAccountProbe(error: SalesforceAnswerError): boolean {
    return this.personAccounts === null && error.has('INVALID_FIELD') && /IsPersonAccount/i.test(describeErrors(error.errors) ?? '');
  }

  /** A query answer as a page: its rows checked, its locator, and (for a fresh query) how many records it has in all. */
  private read(answer: unknown, fresh: boolean): Page {
    const parsed = queryPage.safeParse(answer);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new SourceError(
        'protocol',
        'bad-shape',
        userText('sync.salesforce.queryPageNotUnderstood', { host: this.options.host, detail: issueOf(first) }),
      );
    }
    const page: QueryPage = parsed.data;
    return {
      rows: page.records,
      done: page.done,
      locator: page.done ? null : locatorOf(page.nextRecordsUrl),
      total: fresh ? page.totalSize : null,
    };
  }
}
