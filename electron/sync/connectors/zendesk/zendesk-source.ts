import * as z from 'zod';
import type { Interaction, PulledCase, PulledCustomer } from '../../../../shared/store/types';
import { DEFAULT_PHONE_REGION, isCountryCode } from '../../../../shared/store/phone';
import { MAX_PAGE_BYTES } from '../../../../shared/sync/limits';
import { userText, type UserText } from '../../../../shared/text/user-text';
import { SourceError, type CaseSource, type PullPage, type PullRequest, type PushOutcome } from '../../case-source';
import type { HttpTransport } from '../../http-client';
import { userEnvelope } from './zendesk-api';
import { ZendeskHttp, type ZendeskAuth } from './zendesk-http';
import { ZendeskPuller } from './zendesk-pull';
import { ZendeskPusher, type WrapUpTarget, type ZendeskPushItem } from './zendesk-push';

/**
 * The Zendesk Support connector: customers (end users) and cases (tickets) from a Zendesk
 * account, and agents' work back into it exactly once.
 *
 * Open tickets first. A screen pop needs the caller's open tickets and the caller; the full
 * history can wait. Zendesk's incremental exports allow 10 requests a minute (Zendesk Support
 * API › Incremental Exports › Rate limits): a million tickets at 1,000 a page is 100 minutes. So
 * each feed has two phases, recorded in its cursor (zendesk-cursor.ts):
 *
 *   1. `open`: the Search export of unsolved tickets (`status<solved`, 100 requests a minute).
 *      The cases feed maps them; the customers feed fetches their requesters with Show Many
 *      Users. When that search is done, the feed says "no more" with its next cursor set to
 *      the start of phase 2, so the pull round ends there.
 *   2. `history`: the cursor-based incremental export from the beginning (`start_time=0`), to the
 *      end and then for ever after, polled every pull round like any change feed.
 *
 * The pull engine runs customers then cases in each round (electron/sync/pull-engine.ts), so the
 * first round brings the open tickets' requesters, then the open tickets, and is done within
 * seconds; search and screen pop work from there. The next round (a minute later) brings every
 * user, then every ticket, page by page, each stored with its cursor. Every page is upserts by id
 * and version, so a ticket seen in both phases is stored once; a restart goes on from the stored
 * cursor in whichever phase it was. Deleted tickets (status "deleted" in the export) and deleted
 * or non-end users (`active: false`, role agent/admin) come as `deleted`.
 *
 * Each page also says where its feed stands (`stage`: open, history with how far it has got, or
 * complete; zendesk-cursor.ts), which the status strip shows: a cursor export gives no total, so
 * the history counts what it brought and asks Zendesk's approximate count once (zendesk-pull.ts).
 * What the CaseSource contract cannot say yet: the second round is not a bulk load for the store
 * (electron/sync/pull-engine.ts calls a pull initial only while every cursor is null).
 *
 * Credentials: the incremental exports are "Allowed For: Admins", so pulls need an admin's API
 * token or OAuth grant; probe() says so when the account is not one.
 */

export interface ZendeskSourceOptions {
  /** https://{subdomain}.zendesk.com; http:// only for this machine (tests, the emulator). */
  baseUrl: string;
  auth: ZendeskAuth;
  /** Region for numbers without a country code (E.164 normalisation), as the store's phone region. */
  defaultRegion: string;
  /** How a wrap-up code is written to the ticket. */
  wrapUp: WrapUpTarget;
  /** Calls not filed under a case become Talk Partner Edition voice tickets. */
  talkPartnerEdition?: boolean;
  /** The number customers call, shown in voice tickets. */
  talkLine?: string | null;
  /** A call's recording URL, when the telephony keeps recordings: voice tickets then carry a voice comment. */
  recordingUrlOf?: (interaction: Interaction) => string | null;
  /** Switchboard escalation group code → Zendesk group id. */
  escalationGroups?: Readonly<Record<string, number>>;
  timeoutMs?: number;
  ca?: readonly string[];
  transport?: HttpTransport;
  /** Largest page read (default MAX_PAGE_BYTES, shared/sync/limits.ts). */
  maxPageBytes?: number;
  /** Incremental export requests a minute (default 10, Zendesk's limit; 0: no spacing). */
  exportRequestsPerMinute?: number;
  userAgent?: string;
  now?: () => number;
}

const selfEnvelope = z.looseObject({ user: z.looseObject({ id: z.number().nullish() }).nullish() });

export class ZendeskSource implements CaseSource {
  readonly id: string;
  readonly description: UserText;
  private readonly http: ZendeskHttp;
  private readonly puller: ZendeskPuller;
  private readonly pusher: ZendeskPusher;
  private me: Promise<{ id: number }> | null = null;

  constructor(options: ZendeskSourceOptions) {
    this.http = new ZendeskHttp(options);
    const region = isCountryCode(options.defaultRegion) ? options.defaultRegion : DEFAULT_PHONE_REGION;
    const now = options.now ?? Date.now;
    // The account is in the id: cursors of one account are never used against another.
    this.id = `zendesk:${this.http.host}`;
    this.description = userText('sync.source.zendesk', { host: this.http.host });
    this.puller = new ZendeskPuller({ http: this.http, defaultRegion: region, maxPageBytes: options.maxPageBytes ?? MAX_PAGE_BYTES, now });
    this.pusher = new ZendeskPusher({
      http: this.http,
      defaultRegion: region,
      puller: this.puller,
      wrapUp: options.wrapUp,
      talkPartnerEdition: options.talkPartnerEdition ?? false,
      escalationGroups: options.escalationGroups ?? {},
      talkLine: options.talkLine ?? null,
      me: (signal) => this.whoAmI(signal),
      recordingUrlOf: options.recordingUrlOf ?? null,
      now,
    });
  }

  /** Zendesk Support API › Users › Show Self: proves the credentials and that they are an admin's (the exports need one). */
  async probe(signal?: AbortSignal): Promise<void> {
    const me = await this.readMe(signal);
    this.me = Promise.resolve(me);
  }

  pullCustomers(request: PullRequest): Promise<PullPage<PulledCustomer>> {
    return this.puller.customers(request);
  }

  pullCases(request: PullRequest): Promise<PullPage<PulledCase>> {
    return this.puller.cases(request);
  }

  push(item: ZendeskPushItem, signal?: AbortSignal): Promise<PushOutcome> {
    return this.pusher.push(item, signal);
  }

  close(): void {
    this.http.close();
  }

  private whoAmI(signal?: AbortSignal): Promise<{ id: number }> {
    this.me ??= this.readMe(signal).catch((error: unknown) => {
      this.me = null;
      throw error;
    });
    return this.me;
  }

  private async readMe(signal?: AbortSignal): Promise<{ id: number; role: string | null }> {
    const res = await this.http.send('GET', '/api/v2/users/me.json', { signal });
    this.http.failUnlessOk(res, 'signedInUser');
    // "Allowed For: Anonymous users": without valid credentials Zendesk may answer an anonymous user (no id) instead of 401.
    const { user } = this.http.parse(res, selfEnvelope, 'signedInUser');
    if (!user || typeof user.id !== 'number') {
      throw new SourceError('unauthorized', 'zendesk-anonymous', userText('sync.zendesk.anonymous', { host: this.http.host }));
    }
    const me = this.http.parse(res, userEnvelope, 'signedInUser').user;
    if (me.role !== 'admin') {
      throw new SourceError(
        'unauthorized',
        'zendesk-not-admin',
        userText('sync.zendesk.notAdmin', { host: this.http.host, user: me.email ?? me.name }),
      );
    }
    return { id: me.id, role: me.role };
  }
}

export function createZendeskSource(options: ZendeskSourceOptions): ZendeskSource {
  return new ZendeskSource(options);
}

export { zendeskAgentUrl, type ZendeskRecord } from './zendesk-links';
export type { ZendeskAuth } from './zendesk-http';
export type { WrapUpTarget, ZendeskPushItem } from './zendesk-push';
