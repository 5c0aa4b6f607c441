import { englishOf, type UserText } from '../../shared/text/user-text';
import type { SyncStatus } from '../../shared/sync/contract';
import type { OutboxCounts, OutboxRow, PulledCase, PulledCustomer } from '../../shared/store/types';
import type { BackoffPolicy } from '../core/backoff';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import type { OutboxSnapshot, OutboxSnapshotOptions } from '../store/protocol';
import { DEFAULT_BACKOFF } from './backoff';
import type { CaseSource } from './case-source';
import type { OAuthAccess } from './connector-source';
import type { SalesforceSession } from './connectors/salesforce/salesforce-source';
import type { MetaPort } from './conflicts';
import type { OutboxPort } from './outbox-delivery';
import type { IngestPort, PullLimits } from './pull-engine';

/**
 * What the sync service is built with (the store it syncs, the settings owner, its timing and
 * limits), and the error it gives the agent.
 */

export interface SyncStorePort extends OutboxPort, IngestPort, MetaPort {
  outboxCounts(): Promise<OutboxCounts>;
  outboxList(states: OutboxRow['state'][], limit: number): Promise<OutboxRow[]>;
  /** Counts and the parked and conflicting rows of one moment: what the status shows is built from one of these. */
  outboxSnapshot(options: OutboxSnapshotOptions): Promise<OutboxSnapshot>;
  outboxRequeue(ids: number[]): Promise<number>;
  outboxDiscard(ids: number[], reason: string): Promise<number>;
  outboxPruneSent(sentBefore: number): Promise<void>;
  /** The agent chose the server's copy: replace the local row even though it has unsent changes. */
  replaceWithServerCopy(kind: 'customer' | 'case', record: PulledCustomer | PulledCase): Promise<void>;
}

export interface SyncTiming {
  pullIntervalMs: number;
  /** How often due retries and newly committed work are looked for when nothing woke the service. */
  pushPollMs: number;
  requestTimeoutMs: number;
  /** Per-item retries. */
  backoff: BackoffPolicy;
  /** Reconnect probes while offline. */
  probeBackoff: BackoffPolicy;
  /** Rows per pull page; null: the connector's own best size (CaseSource.pageRows), else 1,000. */
  pageSize: number | null;
  concurrency: number;
}

export const DEFAULT_TIMING: SyncTiming = {
  pullIntervalMs: 60_000,
  pushPollMs: 5_000,
  requestTimeoutMs: 30_000,
  backoff: DEFAULT_BACKOFF,
  probeBackoff: { baseMs: 1_000, capMs: 60_000 },
  pageSize: null,
  concurrency: 8,
};

/** The pull interval IT set by policy (crmPullIntervalSeconds; null: not set), as the timing takes it. */
export function pullTimingFromPolicy(seconds: number | null): Pick<SyncTiming, 'pullIntervalMs'> {
  return { pullIntervalMs: seconds === null ? DEFAULT_TIMING.pullIntervalMs : seconds * 1000 };
}

/** How much one pull may download and loop through; defaults in shared/sync/limits.ts (tests set smaller ones). */
export interface SyncLimits extends PullLimits {
  maxPageBytes: number;
}

export interface SyncServiceOptions {
  store: SyncStorePort;
  secrets: SecretStore;
  log: Logger;
  /**
   * The settings owner: the agent's server and the token's origin (it keeps sync-settings.json),
   * IT's server (and whether the agent may change it), and `encryptionRequired`: then an http://
   * server other than this machine is never contacted, whoever set it.
   */
  settings: SettingsService;
  /** Sends the status to the renderer (`sync.statusChanged`). */
  emit: (status: SyncStatus) => void;
  timing?: Partial<SyncTiming>;
  limits?: Partial<SyncLimits>;
  userAgent?: string;
  /** CAs to trust for https (electron/security/trust-store.ts); undefined: Node's own. */
  ca?: readonly string[];
  /** Tests: a Zendesk OAuth sign-in of their own; by default the service keeps the agent's (electron/sync/zendesk-sign-in.ts). */
  zendeskOAuth?: OAuthAccess | null;
  /** Tests: a Salesforce sign-in of their own; by default the service keeps the agent's (electron/sync/salesforce-sign-in.ts). */
  salesforceSession?: SalesforceSession | null;
  /** How long a Zendesk or Salesforce sign-in waits for the browser to come back (default 5 minutes). */
  signInTimeoutMs?: number;
  /**
   * The agent's single sign-on (electron/sso/sync-bearer.ts): while it is set up, its access token is
   * the Switchboard Sync API's bearer instead of the site token in the keychain.
   */
  bearer?: SyncBearer;
  /** Parked rows were sent again ("Send again"): the outbox's other delivery (SLA alerts) looks at once. */
  requeued?: () => void;
  /** Tests: a connector of their own instead of the one the settings choose. */
  createSource?: (serverUrl: string, token: () => Promise<string | null>, timeoutMs: number) => CaseSource;
  now?: () => number;
}

/** A bearer token from the agent's sign-in, for the Switchboard Sync API. */
export interface SyncBearer {
  /** Single sign-on is set up: sync sends this bearer, never the site token. */
  active(): boolean;
  /** The access token, renewed first when it is about to expire; null when the agent is signed out. Throws SourceError when the provider cannot be reached. */
  token(): Promise<string | null>;
  /** The server refused the last token (401): renew it (silently, once). */
  refused(): void;
  /** Why sync cannot send (the agent is signed out), in one sentence; null when signed in. */
  problem(): UserText | null;
  /** The signed-in agent as work records name them (`agentId`): only their own work is sent (agent-work-guard.ts). */
  agentId(): string | null;
}

/** An error the agent should read; the bridge turns it into a BridgeError with this code and text. */
export class SyncUserError extends Error {
  constructor(
    readonly code: 'not-found' | 'unavailable' | 'forbidden' | 'invalid-payload',
    /** What the agent reads, in their language; `message` is its English, for logs. */
    readonly text: UserText,
    /** `field: what is wrong`, for the form that sent it. */
    readonly issues?: string[],
  ) {
    super(englishOf(text));
    this.name = 'SyncUserError';
  }
}
