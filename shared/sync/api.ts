import * as z from 'zod';
import { CASE_STATUSES, ENTITY_KINDS, PRIORITIES } from '../store/types';

/**
 * The Switchboard Sync API's wire format (docs/sync-api.md, docs/sync-api.openapi.yaml),
 * as zod schemas. The HTTP connector in main checks what a server answers with
 * these, and the reference server (tools/sync-server) checks what clients send.
 * The OpenAPI file is the published description; tests/unit/sync/openapi.test.ts
 * proves the reference server answers in the shapes it documents.
 *
 * Timestamps are integer milliseconds since the epoch (UTC). Versions are
 * positive integers the server increments on every change to a record.
 */

export const SYNC_API_VERSION = '1';
/** Header that carries a change's idempotency key; the same key on every retry. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer the server repeated from its idempotency record instead of applying the change again. */
export const REPLAYED_HEADER = 'idempotent-replayed';

export const PULL_LIMIT_DEFAULT = 1000;
export const PULL_LIMIT_MAX = 5000;
/** Largest change body a server must accept; bigger ones get 413. */
export const CHANGE_BODY_MAX_BYTES = 1024 * 1024;

const ms = z.number().int().min(0);
const version = z.number().int().min(1);
const wireId = z.string().min(1).max(128);

export const wireCustomer = z.strictObject({
  id: wireId,
  name: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  segment: z.string().nullable(),
  doNotCall: z.boolean(),
  notes: z.string().nullable(),
  phones: z.array(z.strictObject({ number: z.string(), label: z.string().nullable() })),
  createdAt: ms,
  updatedAt: ms,
  version,
});
export type WireCustomer = z.output<typeof wireCustomer>;

export const wireCase = z.strictObject({
  id: wireId,
  customerId: wireId,
  subject: z.string(),
  description: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  createdAt: ms,
  updatedAt: ms,
  version,
});
export type WireCase = z.output<typeof wireCase>;

/**
 * One page of a change feed. Items are not checked one by one here: the
 * store's worker checks every pulled row and reports the ones it refuses,
 * which keeps a 1,000-row page off the main thread's budget.
 */
export const changePageEnvelope = z.strictObject({
  items: z.array(z.unknown()),
  /** Ids deleted on the server since the cursor. */
  deleted: z.array(wireId),
  /** Opaque; send it back unchanged to get the next page. */
  nextCursor: z.string().min(1).max(512),
  hasMore: z.boolean(),
  /** Changes after the request's cursor (items + deletions), when asked for with `total=true`. */
  total: z.number().int().min(0).optional(),
});
export type ChangePageEnvelope = z.output<typeof changePageEnvelope>;

export const changeRequest = z.strictObject({
  entityKind: z.enum(ENTITY_KINDS),
  entityId: wireId,
  /** What the change does: `create`, `update`, `submit`, `schedule`, ... (see docs/sync-api.md). */
  operation: z.string().min(1).max(64),
  /** Changes with the same key are sent, and must be applied, in order. */
  orderingKey: z.string().min(1).max(256),
  createdAt: ms,
  /** The version the agent's change was based on; the server answers 409 when its record has moved on. Null: no check. */
  expectedVersion: version.nullable(),
  /** The record (create) or the changed fields (update). */
  payload: z.record(z.string(), z.unknown()),
});
export type ChangeRequest = z.output<typeof changeRequest>;

export const changeResult = z.strictObject({
  status: z.literal('applied'),
  entityKind: z.enum(ENTITY_KINDS),
  entityId: wireId,
  /** The record's version after this change. */
  version,
  appliedAt: ms,
});
export type ChangeResult = z.output<typeof changeResult>;

/** RFC 9457 problem details, with a stable machine `code`. */
export const problem = z.looseObject({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.output<typeof problem>;

/** The 409 answer: the server's record as it is now, so the agent can choose. */
export const conflictProblem = problem.extend({
  code: z.literal('version-conflict'),
  currentVersion: version,
  current: z.record(z.string(), z.unknown()),
});
export type ConflictProblem = z.output<typeof conflictProblem>;

export const healthResponse = z.strictObject({
  status: z.literal('ok'),
  apiVersion: z.string(),
  serverTime: ms,
});
export type HealthResponse = z.output<typeof healthResponse>;

/** Problem codes the API uses; clients act on the code, people read the title and detail. */
export const PROBLEM_CODES = [
  'invalid-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'version-conflict',
  'idempotency-key-reused',
  'idempotency-key-missing',
  'payload-too-large',
  'rate-limited',
  'cursor-invalid',
  'unavailable',
  'internal',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
