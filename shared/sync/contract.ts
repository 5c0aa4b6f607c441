import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import { OUTBOX_KINDS } from '../store/types';
import { userTextSchema } from '../text/user-text';
import { CRM_CONNECTORS, ZENDESK_AUTH_MODES } from './connectors';
import type { SYNC_COMMANDS, SYNC_EVENTS, SYNC_MEDIA } from './channels';

/**
 * The sync area's bridge contract: what the status strip and the conflict
 * dialog show, and what the agent (or IT, on the agent's machine) can do about
 * it. Main owns the state; the renderer asks for it on load and then follows
 * `sync.statusChanged`.
 */

export const CONNECTION_STATES = [
  /** No sync server is set: everything stays on this machine. */
  'not-configured',
  /** Configured; the first contact has not happened yet. */
  'connecting',
  'online',
  /** The server cannot be reached (network down, VPN off, server down). */
  'offline',
  /** The server answers but fails (5xx or answers this app cannot read). */
  'server-error',
  /** The token is missing or refused. */
  'unauthorized',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const SYNC_ACTIVITIES = ['idle', 'initial-sync', 'pulling', 'pushing'] as const;
export const PULL_PHASES = ['customers', 'cases', 'indexing'] as const;

const ms = z.number().int();
const count = z.number().int().min(0);

export const syncProgressSchema = z.strictObject({
  phase: z.enum(PULL_PHASES),
  done: count,
  total: count.nullable(),
  /** The first download into an empty store (search fills in at the end). */
  initial: z.boolean(),
});
export type SyncProgress = z.output<typeof syncProgressSchema>;

/**
 * Where one feed of a connector that loads in stages stands (docs/crm.md "Open tickets first"):
 * `open`, loading what a screen pop needs first (Zendesk: the unsolved tickets and their
 * requesters); `history`, the full history after it; `complete`, the history has reached the
 * present and only changes follow. Kept in the connector's own cursor, so restarts do not reset it.
 */
export const feedStageSchema = z.discriminatedUnion('stage', [
  z.strictObject({ stage: z.literal('open') }),
  z.strictObject({
    stage: z.literal('history'),
    /** Records the history has brought so far (deleted ones included). */
    done: count,
    /** About how many records the CRM has (its own, approximate count); null when it did not say. */
    total: count.nullable(),
    /** The last-change time of the newest record the history has reached (it goes oldest first); null before its first page. */
    reachedAt: ms.nullable(),
  }),
  z.strictObject({ stage: z.literal('complete') }),
]);
export type FeedStage = z.output<typeof feedStageSchema>;

export const parkedItemSchema = z.strictObject({
  id: z.number().int(),
  entityKind: z.enum(OUTBOX_KINDS),
  entityId: z.string(),
  operation: z.string(),
  /** Machine code, e.g. `http-422-invalid-request`: what IT searches for. */
  code: z.string(),
  /** The server's reason, for the window to show in the agent's language (what the CRM itself said is a value in it). */
  message: userTextSchema,
  attempts: count,
  createdAt: ms,
});
export type ParkedItem = z.output<typeof parkedItemSchema>;

export const conflictFieldSchema = z.strictObject({
  field: z.string(),
  /** What this agent's change sets, as text ("" for empty). */
  mine: z.string(),
  /** What the server has now, as text. */
  theirs: z.string(),
});
export type ConflictField = z.output<typeof conflictFieldSchema>;

export const conflictSchema = z.strictObject({
  /** The outbox row held back by the conflict. */
  id: z.number().int(),
  entityKind: z.enum(OUTBOX_KINDS),
  entityId: z.string(),
  operation: z.string(),
  /** A short label for the record, e.g. the case subject the server has. */
  title: z.string(),
  /** What the server said of the conflict, for the window to show in the agent's language. */
  message: userTextSchema,
  theirsVersion: z.number().int(),
  detectedAt: ms,
  /** The fields this change touches, side by side. */
  fields: z.array(conflictFieldSchema),
});
export type SyncConflict = z.output<typeof conflictSchema>;

/** What the Sync settings form needs to know about the Zendesk connector's sign-in (never the token). */
export const zendeskSignInSchema = z.strictObject({
  auth: z.enum(ZENDESK_AUTH_MODES),
  /** The API user for API-token sign-in. */
  email: z.string().nullable(),
  emailLocked: z.boolean(),
  /** IT set the API token by policy: the agent has none to enter. */
  tokenByPolicy: z.boolean(),
  /** The agent is signed in to Zendesk in the browser (OAuth) for the server and client in use. */
  signedIn: z.boolean(),
});
export type ZendeskSignIn = z.output<typeof zendeskSignInSchema>;

/** What the Sync settings form needs to know about the Salesforce connector's sign-in (never a token). */
export const salesforceSignInSchema = z.strictObject({
  /** The agent is signed in to Salesforce in the browser for the org, sign-in server and Connected App in use. */
  signedIn: z.boolean(),
});
export type SalesforceSignIn = z.output<typeof salesforceSignInSchema>;

export const syncStatusSchema = z.strictObject({
  /** The CRM connector in use. */
  connector: z.enum(CRM_CONNECTORS),
  /** IT policy fixes the connector. */
  connectorLocked: z.boolean(),
  /** How Zendesk is signed in to, for the form (also before the agent switches to it). */
  zendesk: zendeskSignInSchema,
  /** Whether the agent is signed in to Salesforce, for the form (also before the agent switches to it). */
  salesforce: salesforceSignInSchema,
  connection: z.enum(CONNECTION_STATES),
  /** Host of the sync server, e.g. crm.example.com; null when not configured. */
  server: z.string().nullable(),
  /** One plain sentence for the agent or IT when something is wrong; null when all is well. */
  problem: userTextSchema.nullable(),
  /** The IT policy fixes the server: the agent cannot change it. */
  locked: z.boolean(),
  activity: z.enum(SYNC_ACTIVITIES),
  progress: syncProgressSchema.nullable(),
  /**
   * For a connector that loads in stages (Zendesk), each feed's stage as its last stored page left
   * it, kept between pulls; null for the others, and until the first page of this run.
   */
  stages: z.strictObject({ customers: feedStageSchema.nullable(), cases: feedStageSchema.nullable() }).nullable(),
  /**
   * The CRM's own count of API calls against its allowance, as its latest answer said (Salesforce's
   * `Sforce-Limit-Info`: the org's calls in the last 24 hours); null when the connector reports none.
   */
  apiUsage: z.strictObject({ used: count, limit: count, at: ms }).nullable(),
  /** Last time a pull reached the end of the server's changes. */
  lastSyncAt: ms.nullable(),
  /** Last time the server confirmed an item of agent work. */
  lastPushAt: ms.nullable(),
  /** When the next attempt to reach the server is planned (offline, or items waiting to be retried). */
  nextAttemptAt: ms.nullable(),
  outbox: z.strictObject({
    /** Agent work not yet confirmed by the server (includes items waiting for a retry). */
    waiting: count,
    parked: count,
    conflicts: count,
  }),
  /** The oldest parked items (at most 50), each with the server's reason. */
  parked: z.array(parkedItemSchema),
  /** Conflicts waiting for the agent's choice (at most 50). */
  conflicts: z.array(conflictSchema),
});
export type SyncStatus = z.output<typeof syncStatusSchema>;

const empty = z.strictObject({});
const outboxIds = z.array(z.number().int().min(1)).min(1).max(1000);

export const syncCommands = {
  'sync.getStatus': { request: empty, response: syncStatusSchema },
  /** Pull and push now (the "Sync now" / "Retry now" button); answers at once, progress follows in events. */
  'sync.syncNow': { request: empty, response: z.strictObject({ started: z.boolean() }) },
  /** `theirs`: the server's version replaces this change. `mine`: this change is sent again and overwrites the server's. */
  'sync.resolveConflict': {
    request: z.strictObject({ id: z.number().int().min(1), choice: z.enum(['theirs', 'mine']) }),
    response: syncStatusSchema,
  },
  /** Sends parked items again (after IT fixed what the server refused). All parked items when `ids` is left out. */
  'sync.retryParked': {
    request: z.strictObject({ ids: outboxIds.optional() }),
    response: z.strictObject({ requeued: count }),
  },
  /** Gives up on parked items for good; the agent confirms in the UI first. */
  'sync.discardParked': {
    request: z.strictObject({ ids: outboxIds, confirm: z.literal(true) }),
    response: z.strictObject({ discarded: count }),
  },
  /** Sets the sync server and token (refused when IT policy locks them). A null url turns sync off. */
  'sync.configure': {
    request: z.strictObject({
      /** null turns sync off; left out keeps the current server (e.g. a new token for the server IT set). */
      serverUrl: z.string().trim().min(1).max(2000).nullable().optional(),
      /** Left out: keep the stored token. */
      token: z.string().trim().min(8).max(4096).optional(),
      /** Another CRM connector (refused when IT policy locks it); left out keeps the current one. */
      connector: z.enum(CRM_CONNECTORS).optional(),
      /** The Zendesk user an API token acts as; null clears the agent's entry. */
      zendeskEmail: z.email({ error: 'must be an email address' }).max(254).nullable().optional(),
    }),
    response: syncStatusSchema,
  },
  /**
   * Starts the agent's Zendesk sign-in (Zendesk connector, OAuth): answers the URL the renderer
   * opens in the system browser. Sync reconnects when the browser comes back; a failure (cancelled,
   * refused, timed out) becomes the status's problem. Refused when Zendesk OAuth is not in use.
   */
  'sync.signIn': { request: empty, response: z.strictObject({ authorizationUrl: z.url() }) },
  /** Forgets the Zendesk sign-in; queued work stays in the outbox for the next sign-in. */
  'sync.signOut': { request: empty, response: syncStatusSchema },
} as const satisfies Record<(typeof SYNC_COMMANDS)[number], CommandSpec>;

export const syncEvents = {
  'sync.statusChanged': syncStatusSchema,
} as const satisfies Record<(typeof SYNC_EVENTS)[number], z.ZodType>;

export const syncMedia = {} as const satisfies Record<(typeof SYNC_MEDIA)[number], MediaSpec>;
