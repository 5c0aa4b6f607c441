import type { CrmPages } from '../../shared/agent/contract';
import type { SyncStatus } from '../../shared/sync/contract';
import type { RecordRef } from '../../shared/sync/record-pages';
import type { PulledCase, PulledCustomer } from '../../shared/store/types';
import { userText, type UserText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import { HELD_FOR_ANOTHER_AGENT as HELD_CODE } from './agent-work-guard';
import { ConflictBook } from './conflicts';
import { Connectivity } from './connectivity';
import { ServerSettings, hostOf, originOf, type ConnectorChoice } from './server-settings';
import { recordPagesOf } from './record-pages';
import { openLink, type SyncLink } from './sync-link';
import { DEFAULT_TIMING, SyncUserError, type SyncServiceOptions, type SyncTiming } from './sync-options';
import { SyncRuns } from './sync-runs';
import { StatusReporter } from './sync-status';
import type { CrmSignInOptions } from './connector-sign-in';
import { SignInNeededError, type OAuthAccess } from './connector-source';
import { SyncTextError } from './sync-text-error';
import { SalesforceSignIn } from './salesforce-sign-in';
import type { SalesforceSession } from './connectors/salesforce/salesforce-source';
import { ZendeskSignIn } from './zendesk-sign-in';

export {
  DEFAULT_TIMING,
  SyncUserError,
  type SyncLimits,
  type SyncServiceOptions,
  type SyncStorePort,
  type SyncTiming,
  type SyncBearer,
} from './sync-options';

/**
 * The sync service: one per app. Owns the connector, the outbox delivery and
 * the pull, decides when each runs, and keeps the status the UI shows.
 *
 * When things run (electron/sync/sync-runs.ts, electron/sync/connectivity.ts):
 * - push: as soon as agent work is committed (`wake()`), on a short poll, and
 *   when a retry falls due; independent of the pull, so a long initial sync
 *   never holds up a wrap-up;
 * - pull: at start, every `pullIntervalMs`, and on reconnect;
 * - offline (or token refused, or server failing): neither; a probe with
 *   backoff and jitter checks for the server's return, and its success runs
 *   both at once ("on reconnect").
 */

const SENT_RETENTION_MS = 7 * 24 * 3600_000;

export class SyncService {
  private readonly timing: SyncTiming;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly book: ConflictBook;
  private readonly server: ServerSettings;
  private readonly connectivity: Connectivity;
  private readonly reporter: StatusReporter;
  private readonly runs: SyncRuns;
  /** The server in use (effective: the agent's own or IT's). */
  private serverUrl: string | null = null;
  private link: SyncLink | null = null;
  /** The connector waits for the agent's browser sign-in: no link, but the server is set (and shown). */
  private awaitingSignIn = false;
  private closed = false;
  /** The agent's Zendesk OAuth sign-in (electron/sync/zendesk-sign-in.ts), and what it lends the connector. */
  private readonly zendeskSignIn: ZendeskSignIn;
  private zendeskAccess: OAuthAccess | null = null;
  /** The agent's Salesforce sign-in (electron/sync/salesforce-sign-in.ts), and the session it lends the connector. */
  private readonly salesforceSignIn: SalesforceSignIn;
  private salesforceSession: SalesforceSession | null = null;
  /** Why the CRM sign-in ended or did not complete; shown until the next sign-in or settings change. */
  private signInProblem: UserText | null = null;
  private reconnecting: Promise<void> = Promise.resolve();

  constructor(private readonly options: SyncServiceOptions) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.book = new ConflictBook(options.store);
    this.server = new ServerSettings({ ...options, now: this.now });
    const link = (): SyncLink | null => this.link;
    const closed = (): boolean => this.closed;
    const host = (): string | null => hostOf(this.serverUrl);
    this.reporter = new StatusReporter({
      store: options.store,
      book: this.book,
      log: this.log,
      emit: options.emit,
      status: () => this.status(),
      closed,
    });
    this.connectivity = new Connectivity({
      log: this.log,
      now: this.now,
      probeBackoff: this.timing.probeBackoff,
      link,
      closed,
      host,
      waiting: () => this.reporter.waiting,
      changed: () => this.reporter.emitSoon(),
      reconnected: () => this.syncBothWays(),
      unauthorized: () => {
        this.server.forgetCachedToken();
        this.options.bearer?.refused();
      },
    });
    this.runs = new SyncRuns({
      store: options.store,
      log: this.log,
      now: this.now,
      timing: this.timing,
      link,
      closed,
      connectivity: this.connectivity,
      status: this.reporter,
      host,
    });
    const signIn: CrmSignInOptions = {
      settings: options.settings,
      secrets: options.secrets,
      log: this.log,
      ca: options.ca,
      timeoutMs: options.signInTimeoutMs,
      changed: (problem) => {
        this.signInProblem = problem;
        void this.reconnect();
      },
    };
    this.zendeskSignIn = new ZendeskSignIn(signIn);
    this.salesforceSignIn = new SalesforceSignIn(signIn);
  }

  async start(): Promise<void> {
    await this.server.load();
    await this.book.load();
    await this.runs.load();
    await this.options.store.outboxPruneSent(this.now() - SENT_RETENTION_MS).catch(() => undefined);
    await this.reporter.refreshOutbox();
    await this.prepareSignIn();
    this.connect();
    this.runs.startPolling();
  }

  /** Agent work was committed: send it now if the server is there. */
  wake(): void {
    this.reporter.refresh();
    this.runs.requestPush();
  }

  /** "Sync now": also cuts a reconnect wait short. */
  syncNow(): boolean {
    if (!this.link || this.closed) return false;
    if (this.connectivity.state === 'online') this.syncBothWays();
    else this.connectivity.probeNow();
    return true;
  }

  status(): SyncStatus {
    const { runs, connectivity } = this;
    const pulling = runs.pulling;
    const activity = pulling ? (runs.progress?.initial ? 'initial-sync' : 'pulling') : runs.pushing ? 'pushing' : 'idle';
    const nextAttemptAt = connectivity.state === 'online' ? runs.pushRetryAt : connectivity.nextProbeAt;
    const settings = this.options.settings;
    const connector = settings.crmConnector();
    const zendesk = settings.zendesk();
    return {
      connector: connector.id,
      connectorLocked: connector.locked,
      zendesk: {
        auth: zendesk.auth,
        email: zendesk.email,
        emailLocked: zendesk.emailLocked,
        tokenByPolicy: zendesk.apiTokenByPolicy !== null,
        signedIn: this.zendeskSignIn.signedIn,
      },
      salesforce: { signedIn: this.salesforceSignIn.signedIn },
      connection: connectivity.state,
      server: this.link || this.awaitingSignIn ? hostOf(this.serverUrl) : null,
      problem: this.signInProblem ?? this.bearerProblem() ?? connectivity.problem ?? runs.pullStopped,
      locked: this.server.locked,
      activity,
      progress: pulling ? runs.progress : null,
      stages: runs.stages,
      apiUsage: this.link?.source.apiUsage ?? null,
      lastSyncAt: runs.lastSyncAt,
      lastPushAt: runs.lastPushAt,
      nextAttemptAt,
      outbox: this.reporter.outbox,
      parked: this.reporter.parked,
      conflicts: this.reporter.conflicts,
    };
  }

  /**
   * "Open in <CRM>": the CRM's pages of these records, at the address sync uses
   * (electron/sync/record-pages.ts); null when no CRM is set or its connector has no pages. Only
   * https:// (or this machine) is ever given, which no encryption policy refuses.
   */
  recordPages(records: readonly RecordRef[]): CrmPages | null {
    return recordPagesOf(this.options.settings.crmConnector().id, this.server.effectiveUrl(), records);
  }

  /** Calls `listener` whenever the CRM or its address may have changed (the agent saved Sync settings). */
  onRecordPagesChanged(listener: () => void): () => void {
    return this.options.settings.events.on('sync', () => listener());
  }

  async resolveConflict(id: number, choice: 'theirs' | 'mine'): Promise<SyncStatus> {
    const rows = await this.options.store.outboxList(['conflict'], 5000);
    const row = rows.find((r) => r.id === id);
    if (!row) throw new SyncUserError('not-found', userText('sync.command.conflictGone'));
    const record = this.book.get(id);
    if (choice === 'mine') {
      if (!record) throw new SyncUserError('unavailable', userText('sync.command.serverCopyUnknown'));
      await this.book.allowOverwrite(id, record.theirsVersion);
      await this.options.store.outboxRequeue([id]);
      this.log.info('conflict resolved: keep mine', { outbox: id, kind: row.entityKind });
    } else {
      if (record && (row.entityKind === 'case' || row.entityKind === 'customer')) {
        const copy = { ...record.theirs, id: row.entityId, version: record.theirsVersion } as unknown as PulledCase | PulledCustomer;
        await this.options.store.replaceWithServerCopy(row.entityKind, copy);
      }
      await this.options.store.outboxDiscard([id], 'The agent kept the server version after a conflict');
      await this.book.forget([id]);
      this.log.info('conflict resolved: keep theirs', { outbox: id, kind: row.entityKind });
    }
    await this.outboxChanged();
    return this.status();
  }

  async retryParked(ids?: number[]): Promise<number> {
    const targets = ids ?? [...(await this.parkedIds())];
    if (targets.length === 0) return 0;
    const parked = await this.parkedIds();
    const requeued = await this.options.store.outboxRequeue(targets.filter((id) => parked.has(id)));
    this.log.info('parked items sent again', { count: requeued });
    if (requeued > 0) this.options.requeued?.();
    await this.outboxChanged();
    return requeued;
  }

  async discardParked(ids: number[]): Promise<number> {
    const parked = await this.parkedIds();
    const discarded = await this.options.store.outboxDiscard(
      ids.filter((id) => parked.has(id)),
      'Discarded by the agent after the server refused it',
    );
    this.log.warn('parked items discarded', { count: discarded });
    await this.reporter.refreshOutbox();
    this.reporter.emitSoon();
    return discarded;
  }

  /**
   * Sets the server and/or the token. `serverUrl` undefined keeps the current server, which is the
   * only way to change anything when IT policy locks the server: the agent may still enter the
   * token IT gave them.
   */
  async configure(requested: string | null | undefined, token?: string, choice?: ConnectorChoice): Promise<SyncStatus> {
    if (await this.server.change(requested, token, choice)) {
      this.signInProblem = null;
      await this.reconnect();
    }
    return this.status();
  }

  /**
   * Starts the agent's Zendesk sign-in in the browser (`sync.signIn`); resolves with the URL to open.
   * Sync reconnects when the browser comes back; a failure becomes the status's problem.
   */
  async signInToZendesk(): Promise<{ authorizationUrl: string }> {
    await this.reconnecting;
    return this.zendeskSignIn.start();
  }

  /** `sync.signIn`: the browser sign-in of the connector in use (Zendesk or Salesforce); resolves with the URL to open. */
  async signIn(): Promise<{ authorizationUrl: string }> {
    if (this.options.settings.crmConnector().id !== 'salesforce') return this.signInToZendesk();
    await this.reconnecting;
    return this.salesforceSignIn.start();
  }

  /** `sync.signOut`: forgets the sign-in of the connector in use; the outbox keeps the agent's work for the next sign-in. */
  async signOut(): Promise<SyncStatus> {
    const signIn = this.options.settings.crmConnector().id === 'salesforce' ? this.salesforceSignIn : this.zendeskSignIn;
    await signIn.signOut();
    this.signInProblem = null;
    await this.reconnect();
    return this.status();
  }

  /** The agent signed in or out (electron/sso): connect again with what the sign-in now gives. */
  async credentialsChanged(): Promise<void> {
    await this.releaseHeldWork();
    return this.reconnect();
  }

  /** Work held for another agent (agent-work-guard.ts) is looked at again at once: its agent may be the one who signed in. */
  private async releaseHeldWork(): Promise<void> {
    const held = (await this.options.store.outboxList(['pending'], 5000).catch(() => [])).filter((row) => row.lastErrorCode === HELD_CODE);
    const now = this.now();
    for (const row of held) {
      await this.options.store.retryLater(row.id, now, { code: HELD_CODE, message: row.lastErrorMessage ?? '' }).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.zendeskSignIn.close();
    this.salesforceSignIn.close();
    this.disconnect();
    await this.runs.close();
  }

  // ---------------------------------------------------------------------------
  // Connector life cycle

  /** Drops the connector and opens the one the settings and sign-in now call for; one at a time. */
  private reconnect(): Promise<void> {
    const run = this.reconnecting.then(async () => {
      if (this.closed) return;
      this.disconnect();
      await this.prepareSignIn();
      if (this.closed) return;
      this.disconnect();
      this.connect();
      this.reporter.emitSoon();
    });
    this.reconnecting = run.catch((error: unknown) => {
      this.log.error('sync could not reconnect', { error: error instanceof Error ? error.name : typeof error });
    });
    return this.reconnecting;
  }

  /** The Zendesk sign-in for the server and client in use (tokens for another are deleted first). */
  private async prepareSignIn(): Promise<void> {
    this.zendeskAccess = await this.zendeskSignIn.prepare().catch((error: unknown) => {
      this.log.warn('could not read the Zendesk sign-in', { error: error instanceof Error ? error.name : typeof error });
      return null;
    });
    this.salesforceSession = await this.salesforceSignIn.prepare().catch((error: unknown) => {
      this.log.warn('could not read the Salesforce sign-in', { error: error instanceof Error ? error.name : typeof error });
      return null;
    });
  }

  private connect(): void {
    this.awaitingSignIn = false;
    const url = this.server.effectiveUrl();
    this.serverUrl = url;
    if (!url || this.closed) {
      this.connectivity.set('not-configured', null);
      return;
    }
    // Also a server saved before IT turned the policy on: checked here, every time sync connects.
    const refusal = this.server.policyRefusal(url);
    if (refusal !== null) {
      this.connectivity.set('not-configured', refusal);
      return;
    }
    const origin = originOf(url);
    try {
      this.link = openLink(url, {
        options: {
          ...this.options,
          zendeskOAuth: this.options.zendeskOAuth ?? this.zendeskAccess,
          salesforceSession: this.options.salesforceSession ?? this.salesforceSession,
        },
        timing: this.timing,
        book: this.book,
        log: this.log,
        now: this.now,
        token: this.usesBearer() ? () => this.options.bearer!.token() : () => this.server.tokenFor(origin),
        agent: this.usesBearer() ? () => this.options.bearer!.agentId() : undefined,
        onProgress: (p) => this.runs.onProgress(p),
      });
    } catch (error) {
      this.awaitingSignIn = error instanceof SignInNeededError;
      if (!(error instanceof SyncTextError)) {
        this.log.warn('sync connector could not be made', { error: error instanceof Error ? error.name : typeof error });
      }
      this.connectivity.set('not-configured', error instanceof SyncTextError ? error.text : userText('sync.problem.cannotOpen'));
      return;
    }
    this.connectivity.set('connecting', null);
    this.log.info('sync configured', { server: hostOf(url) });
    this.syncBothWays();
  }

  /** Single sign-on is set up and the Switchboard Sync API is the connector: its access token is the bearer. */
  private usesBearer(): boolean {
    return this.options.bearer?.active() === true && this.options.settings.crmConnector().id === 'switchboard-sync';
  }

  private bearerProblem(): UserText | null {
    return this.link && this.usesBearer() ? this.options.bearer!.problem() : null;
  }

  private disconnect(): void {
    this.awaitingSignIn = false;
    this.link?.abort.abort();
    this.runs.stop();
    this.connectivity.stopProbing();
    this.link?.source.close();
    this.link = null;
  }

  private syncBothWays(): void {
    this.runs.requestPush();
    this.runs.requestPull();
  }

  private async parkedIds(): Promise<Set<number>> {
    return new Set((await this.options.store.outboxList(['parked'], 5000)).map((r) => r.id));
  }

  /** The agent changed the outbox: show it, and send what is due. */
  private async outboxChanged(): Promise<void> {
    await this.reporter.refreshOutbox();
    this.reporter.emitSoon();
    this.runs.requestPush();
  }
}
