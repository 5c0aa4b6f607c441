import { errors, readJsonObject, RecordFailure, type ApiContext, type RecordError, type Reply } from './http';
import { objectOfPrefix, parseId } from './ids';
import type { SfRecord } from './records';
import { isDataObject, objectNamed, type DataObject } from './schema';

/**
 * sObject Collections (REST API Developer Guide › Reference › sObject Collections: Create Records,
 * Update Records, Upsert Records, Delete Records Using sObject Collections):
 *
 *  - up to 200 records a request; more is 400 EXCEEDED_ID_LIMIT ("record limit reached. cannot
 *    submit more than 200 records into this call"); the whole request counts as one API call;
 *  - every record carries `attributes.type`; create takes up to 10 chunks of types, upsert only
 *    the type in the URI; update and delete name records by `id`;
 *  - a malformed request is 400; otherwise 200 with one result per record, in order:
 *    `{ id, success: true, errors: [] }` (upsert adds `created`), or `{ success: false,
 *    errors: [{ statusCode, message, fields }] }`;
 *  - `allOrNone: true` rolls every record back when one fails; the others then report
 *    ALL_OR_NONE_OPERATION_ROLLED_BACK. Without it, each record stands alone.
 * A value of the wrong JSON type fails the whole request (400 JSON_PARSER_ERROR) before any
 * record is saved. Collections take no conditional headers: use sObject Rows for those.
 */

const MAX_RECORDS = 200;
const MAX_CHUNKS = 10;

interface Result {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

const ok = (id: string, created?: boolean): Result => ({ id, success: true, errors: [], ...(created === undefined ? {} : { created }) });
const failed = (errs: RecordError[], id?: string): Result => ({
  ...(id ? { id } : {}),
  success: false,
  errors: errs.map((e) => ({ statusCode: e.code, message: e.message, fields: e.fields })),
});
const ROLLED_BACK: RecordError = {
  code: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

interface Batch {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

async function readBatch(ctx: ApiContext): Promise<Batch> {
  const body = await readJsonObject(ctx);
  const allOrNone = body.allOrNone ?? false;
  if (typeof allOrNone !== 'boolean') throw errors.jsonParser('Cannot deserialize instance of boolean for allOrNone');
  const records = body.records;
  if (!Array.isArray(records)) throw errors.jsonParser('The request body must have a "records" array');
  if (records.length > MAX_RECORDS) {
    throw errors.api(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
  }
  for (const record of records) {
    if (record === null || typeof record !== 'object' || Array.isArray(record))
      throw errors.jsonParser('Each item of "records" must be a JSON object');
  }
  return { allOrNone, records: records as Record<string, unknown>[] };
}

/** `attributes.type` of a record: a writable object, or the whole request fails. */
function typeOf(record: Record<string, unknown>): DataObject {
  const attributes = record.attributes as { type?: unknown } | undefined;
  const raw = attributes && typeof attributes === 'object' ? attributes.type : undefined;
  if (typeof raw !== 'string') throw errors.api(400, 'INVALID_TYPE', 'Each record must have an attributes map with a type');
  const object = objectNamed(raw);
  if (!object || !isDataObject(object)) throw errors.api(400, 'INVALID_TYPE', `sObject type '${raw}' is not supported.`);
  return object;
}

/**
 * Runs one write per record; a RecordFailure becomes that record's errors. With allOrNone, any
 * failure rolls all back. Body errors found in a dry run first fail the request before any write.
 */
function runAll(
  ctx: ApiContext,
  batch: Batch,
  dryRun: (record: Record<string, unknown>, i: number) => void,
  apply: (record: Record<string, unknown>, i: number) => Result,
): Reply {
  for (const [i, record] of batch.records.entries()) {
    try {
      dryRun(record, i);
    } catch (error) {
      if (!(error instanceof RecordFailure)) throw error;
    }
  }
  const results = ctx.state.transaction(
    () =>
      batch.records.map((record, i) => {
        try {
          return apply(record, i);
        } catch (error) {
          if (error instanceof RecordFailure) return failed(error.errors);
          throw error;
        }
      }),
    (all) => !batch.allOrNone || all.every((r) => r.success),
  );
  if (batch.allOrNone && results.some((r) => !r.success)) {
    return { status: 200, body: results.map((r) => (r.success ? failed([ROLLED_BACK]) : r)) };
  }
  return { status: 200, body: results };
}

// POST /composite/sobjects -------------------------------------------------------------------

export async function createCollection(ctx: ApiContext): Promise<Reply> {
  const batch = await readBatch(ctx);
  const types = batch.records.map(typeOf);
  const chunks = types.filter((t, i) => i === 0 || types[i - 1] !== t).length;
  if (chunks > MAX_CHUNKS) {
    throw errors.api(
      400,
      'EXCEEDED_MAX_TYPES_LIMIT',
      `A request can process up to ${MAX_CHUNKS} chunks of records of one type; this one has ${chunks}`,
    );
  }
  const idIn = (record: Record<string, unknown>): boolean => Object.keys(record).some((k) => k.toLowerCase() === 'id');
  return runAll(
    ctx,
    batch,
    (record, i) => {
      if (!idIn(record)) ctx.state.check(types[i]!, 'create', record);
    },
    (record, i) => {
      if (idIn(record))
        throw new RecordFailure([
          { code: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: 'cannot specify Id in an insert call', fields: ['Id'] },
        ]);
      return ok(ctx.state.create(types[i]!, record, ctx.session.userId).id);
    },
  );
}

/** The live record an update or delete names, or the record's errors. */
function namedRecord(ctx: ApiContext, rawId: unknown, expected: DataObject | null): SfRecord {
  if (typeof rawId !== 'string' || rawId === '') {
    throw new RecordFailure([{ code: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: ['Id'] }]);
  }
  const parsed = parseId(rawId);
  const object = parsed ? objectOfPrefix(parsed.prefix) : null;
  if (!parsed || !object || (expected && object !== expected)) {
    throw new RecordFailure([{ code: 'MALFORMED_ID', message: `Record ID: id value of incorrect type: ${rawId}`, fields: ['Id'] }]);
  }
  const record = ctx.state.find(parsed.id);
  if (!record) throw new RecordFailure([{ code: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }]);
  if (record.deletedAt !== null) throw new RecordFailure([{ code: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }]);
  return record;
}

// PATCH /composite/sobjects ------------------------------------------------------------------

export async function updateCollection(ctx: ApiContext): Promise<Reply> {
  const batch = await readBatch(ctx);
  const types = batch.records.map(typeOf);
  const idKey = (record: Record<string, unknown>): string => Object.keys(record).find((k) => k.toLowerCase() === 'id') ?? 'id';
  return runAll(
    ctx,
    batch,
    (record, i) => ctx.state.check(types[i]!, 'update', record, [idKey(record)]),
    (record, i) => {
      const current = namedRecord(ctx, record[idKey(record)], types[i]!);
      return ok(ctx.state.update(current, record, ctx.session.userId, [idKey(record)]).id);
    },
  );
}

// PATCH /composite/sobjects/{Type}/{ExternalIdField} -----------------------------------------

export async function upsertCollection(ctx: ApiContext): Promise<Reply> {
  const raw = objectNamed(ctx.params[0]!);
  if (!raw || !isDataObject(raw)) throw errors.notFound();
  const object = raw;
  const field = ctx.state.schema(object).byName.get(ctx.params[1]!.toLowerCase());
  if (!field || !field.externalId) {
    throw errors.api(400, 'INVALID_FIELD', `Field name provided, ${ctx.params[1]} is not an External ID or indexed field for ${object}`);
  }
  const batch = await readBatch(ctx);
  for (const record of batch.records) {
    if (typeOf(record) !== object) throw errors.api(400, 'INVALID_TYPE', `Every record must be of the type in the URI (${object})`);
  }
  const valueOf = (record: Record<string, unknown>): unknown => {
    const key = Object.keys(record).find((k) => k.toLowerCase() === field.name.toLowerCase());
    return key === undefined ? undefined : record[key];
  };
  const seen = new Map<unknown, number>();
  for (const record of batch.records) seen.set(valueOf(record), (seen.get(valueOf(record)) ?? 0) + 1);
  return runAll(
    ctx,
    batch,
    // Only the body's JSON types are checked ahead: whether a record is created or updated is known later.
    (record) => ctx.state.check(object, 'create', record, [field.name]),
    (record) => {
      const value = valueOf(record);
      if (typeof value !== 'string' || value === '') {
        throw new RecordFailure([{ code: 'MISSING_ARGUMENT', message: `${field.name} not specified`, fields: [field.name] }]);
      }
      if ((seen.get(value) ?? 0) > 1) {
        throw new RecordFailure([
          { code: 'DUPLICATE_EXTERNAL_ID', message: `Duplicate external id specified: ${value}`, fields: [field.name] },
        ]);
      }
      const existing = ctx.state.findByExternalId(field.name, value);
      if (existing) {
        ctx.state.counts.upsertUpdates += 1;
        return ok(ctx.state.update(existing, record, ctx.session.userId, [field.name]).id, false);
      }
      ctx.state.counts.upsertCreates += 1;
      return ok(ctx.state.create(object, record, ctx.session.userId).id, true);
    },
  );
}

// DELETE /composite/sobjects?ids=…&allOrNone= ------------------------------------------------

export function deleteCollection(ctx: ApiContext): Reply {
  const raw = ctx.url.searchParams.get('ids');
  if (!raw) throw errors.api(400, 'MISSING_ARGUMENT', 'ids is required: a comma-separated list of up to 200 record ids');
  const ids = raw.split(',');
  if (ids.length > MAX_RECORDS)
    throw errors.api(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
  const allOrNone = ctx.url.searchParams.get('allOrNone') === 'true';
  const results = ctx.state.transaction(
    () =>
      ids.map((id): Result => {
        try {
          const record = namedRecord(ctx, id, null);
          if (!isDataObject(record.type))
            throw new RecordFailure([
              { code: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id', fields: [] },
            ]);
          return ok(ctx.state.delete(record, ctx.session.userId).id);
        } catch (error) {
          if (error instanceof RecordFailure) return failed(error.errors, id);
          throw error;
        }
      }),
    (all) => !allOrNone || all.every((r) => r.success),
  );
  const body = allOrNone && results.some((r) => !r.success) ? results.map((r) => (r.success ? failed([ROLLED_BACK], r.id) : r)) : results;
  return { status: 200, body };
}
