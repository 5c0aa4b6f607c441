import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import { userTextSchema } from '../text/user-text';
import type { STORE_COMMANDS, STORE_EVENTS, STORE_MEDIA } from './channels';
import {
  CASE_STATUSES,
  CHANNELS,
  DIRECTIONS,
  OUTCOMES,
  PRIORITIES,
  type Case,
  type CaseSummary,
  type Customer,
  type InteractionSummary,
} from './types';

/**
 * The store's bridge contract: what the renderer may ask of the local store.
 * The screen pop itself is main-driven (StoreClient.lookupCaller), not a
 * renderer command.
 */

const id = z.string().min(1).max(128);
const ms = z.number().int();

export const customerSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  segment: z.string().nullable(),
  doNotCall: z.boolean(),
  notes: z.string().nullable(),
  phones: z.array(z.strictObject({ number: z.string(), label: z.string().nullable() })),
  createdAt: ms,
  updatedAt: ms,
  version: z.number().int().nullable(),
  dirty: z.boolean(),
}) satisfies z.ZodType<Customer>;

export const caseSchema = z.strictObject({
  id: z.string(),
  customerId: z.string(),
  subject: z.string(),
  description: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  createdAt: ms,
  updatedAt: ms,
  version: z.number().int().nullable(),
  dirty: z.boolean(),
}) satisfies z.ZodType<Case>;

export const caseSummarySchema = z.strictObject({
  id: z.string(),
  customerId: z.string(),
  subject: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  updatedAt: ms,
}) satisfies z.ZodType<CaseSummary>;

export const interactionSummarySchema = z.strictObject({
  id: z.string(),
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  outcome: z.enum(OUTCOMES),
  customerId: z.string().nullable(),
  caseId: z.string().nullable(),
  startedAt: ms,
  endedAt: ms.nullable(),
  talkSeconds: z.number().int(),
  wrapUpCode: z.string().nullable(),
}) satisfies z.ZodType<InteractionSummary>;

export const KEY_BACKENDS = ['os-keychain', 'plaintext-fallback', 'key-file'] as const;
export const RECOVERY_REASONS = ['not-a-database', 'wrong-key', 'integrity-failure', 'unreadable'] as const;
export const STORE_STATES = ['starting', 'ready', 'unavailable'] as const;

/** `problem`: SQLite's own report of the damage (its words, for IT), not a message of ours. */
const integrityCheck = z.strictObject({ at: ms, ok: z.boolean(), problem: z.string().nullable() });

export const storeStatusSchema = z.strictObject({
  state: z.enum(STORE_STATES),
  /** One sentence for the agent or IT when the store is not usable, in the window's language. */
  problem: userTextSchema.nullable(),
  encryption: z.strictObject({
    enabled: z.boolean(),
    /** e.g. "AEGIS-256 (authenticated; random nonce and 256-bit tag per page), raw 256-bit key". */
    cipher: z.string(),
    keyBackend: z.enum(KEY_BACKENDS),
    keyProtection: z.string(),
    /** The key is not protected by the OS keychain (key file, or Linux `basic_text`): the UI must say so. */
    weak: z.boolean(),
  }),
  counts: z
    .strictObject({
      customers: z.number().int(),
      cases: z.number().int(),
      openCases: z.number().int(),
      interactions: z.number().int(),
      outbox: z.strictObject({ pending: z.number().int(), parked: z.number().int(), conflict: z.number().int(), sent: z.number().int() }),
    })
    .nullable(),
  databaseBytes: z.number().int().nullable(),
  schemaVersion: z.number().int().nullable(),
  lastIntegrityCheck: integrityCheck.nullable(),
  /** Set when the database file was unreadable at start and was moved aside and rebuilt. */
  recovery: z
    .strictObject({
      at: ms,
      reason: z.enum(RECOVERY_REASONS),
      /** File name (not path) the damaged database was moved to, next to the new one. */
      movedAsideAs: z.string(),
      /** Unsent outbox rows copied over from the damaged file. */
      salvagedOutboxRows: z.number().int(),
    })
    .nullable(),
  /** A bulk load (initial sync, seed), or the refill of the search indexes after an update, is under way; search may miss rows until it finishes. */
  bulkLoad: z.boolean(),
  phoneRegion: z.string(),
});
export type StoreStatus = z.output<typeof storeStatusSchema>;

export const customerHitSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  phones: z.array(z.string()),
  doNotCall: z.boolean(),
});
export type CustomerHit = z.output<typeof customerHitSchema>;

export const caseHitSchema = z.strictObject({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  subject: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  updatedAt: ms,
  /** Plain text around the first match in the description (the UI highlights `terms` itself). */
  snippet: z.string(),
});
export type CaseHit = z.output<typeof caseHitSchema>;

export const SEARCH_MODES = ['text', 'phone', 'empty'] as const;

export const searchRequest = z.strictObject({
  /** What the agent typed; any text is allowed and searched as plain words or digits. */
  query: z.string().max(500),
  limit: z.number().int().min(1).max(100).optional(),
  openOnly: z.boolean().optional(),
});
export type SearchRequest = z.input<typeof searchRequest>;

export const searchResultSchema = z.strictObject({
  mode: z.enum(SEARCH_MODES),
  /** The words that were searched for, lower-cased, for highlighting. */
  terms: z.array(z.string()),
  customers: z.array(customerHitSchema),
  cases: z.array(caseHitSchema),
  /** More matched than were returned: the agent should narrow the search. */
  truncated: z.boolean(),
});
export type SearchResult = z.output<typeof searchResultSchema>;

export const customerDetailSchema = z.strictObject({
  customer: customerSchema,
  /** Open cases first, then the most recently updated. */
  cases: z.array(caseSummarySchema),
  recentInteractions: z.array(interactionSummarySchema),
});
export type CustomerDetail = z.output<typeof customerDetailSchema>;

export const caseDetailSchema = z.strictObject({
  case: caseSchema,
  customer: customerSchema.nullable(),
  interactions: z.array(interactionSummarySchema),
});
export type CaseDetail = z.output<typeof caseDetailSchema>;

export const IMPORT_FORMATS = ['csv', 'json'] as const;
export const IMPORT_KINDS = ['customers', 'cases'] as const;
export const IMPORT_PHASES = ['receiving', 'parsing', 'validating', 'writing', 'indexing', 'done'] as const;
/** Largest chunk of file text one `store.import.append` may carry. */
export const IMPORT_CHUNK_CHARS = 512 * 1024;
/** Largest file the UI may import; bigger ones go through `npm run import`. */
export const IMPORT_MAX_CHARS = 256 * 1024 * 1024;

export const importErrorSchema = z.strictObject({
  /** 1-based line in the file where the row starts. */
  line: z.number().int(),
  /** Column or field name, when the problem is in one. */
  field: z.string().nullable(),
  /** What is wrong, specifically (the window shows it in the agent's language). */
  message: userTextSchema,
});
export type ImportRowError = z.output<typeof importErrorSchema>;

export const importReportSchema = z.strictObject({
  ok: z.boolean(),
  dryRun: z.boolean(),
  format: z.enum(IMPORT_FORMATS).nullable(),
  rows: z.number().int(),
  /** Rows written (0 unless `ok` and not a dry run: an import is all or nothing). */
  imported: z.strictObject({ customers: z.number().int(), cases: z.number().int() }),
  /** The first problems found (at most 500), each with its line. */
  errors: z.array(importErrorSchema),
  errorCount: z.number().int(),
  durationMs: z.number().int(),
});
export type ImportReport = z.output<typeof importReportSchema>;

const importId = z.string().min(1).max(64);
const empty = z.strictObject({});

/**
 * `counts: true` adds the rows held (`counts`): counting a 1M-case store reads whole indexes (seconds of a
 * reader thread and tens of MB of its page cache), so the window asks only when it shows them.
 */
const statusRequest = z.strictObject({ counts: z.boolean().optional() });

export const storeCommands = {
  'store.status': { request: statusRequest, response: storeStatusSchema },
  'store.search': { request: searchRequest, response: searchResultSchema },
  'store.getCustomer': { request: z.strictObject({ id }), response: customerDetailSchema },
  'store.getCase': { request: z.strictObject({ id }), response: caseDetailSchema },
  /** Starts an import of one file; its text follows in chunks. */
  'store.import.begin': {
    request: z.strictObject({
      fileName: z.string().min(1).max(255),
      format: z.enum(IMPORT_FORMATS).optional(),
      kind: z.enum(IMPORT_KINDS).optional(),
      totalChars: z.number().int().min(0).max(IMPORT_MAX_CHARS).optional(),
    }),
    response: z.strictObject({ importId, maxChunkChars: z.number().int() }),
  },
  'store.import.append': {
    request: z.strictObject({ importId, chunk: z.string().max(IMPORT_CHUNK_CHARS) }),
    response: z.strictObject({ receivedChars: z.number().int() }),
  },
  /** Checks every row and imports all of them in one transaction, or none. */
  'store.import.commit': {
    request: z.strictObject({ importId, dryRun: z.boolean().optional() }),
    response: importReportSchema,
  },
  'store.import.cancel': { request: z.strictObject({ importId }), response: empty },
} as const satisfies Record<(typeof STORE_COMMANDS)[number], CommandSpec>;

export const storeEvents = {
  'store.statusChanged': storeStatusSchema,
  'store.importProgress': z.strictObject({
    importId,
    phase: z.enum(IMPORT_PHASES),
    done: z.number().int(),
    total: z.number().int(),
  }),
} as const satisfies Record<(typeof STORE_EVENTS)[number], z.ZodType>;

export const storeMedia = {} as const satisfies Record<(typeof STORE_MEDIA)[number], MediaSpec>;
