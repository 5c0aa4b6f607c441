import { createHash } from 'node:crypto';
import { errors, readJsonObject, RecordFailure, sfDateTime, type ApiContext, type Reply } from './http';
import { KEY_PREFIX, objectOfPrefix, parseId } from './ids';
import { recordJson, type SfRecord } from './records';
import { isDataObject, objectNamed, type DataObject, type FieldDef, type ObjectName } from './schema';

/**
 * sObject resources (REST API Developer Guide › Reference › sObject Basic Information, sObject
 * Describe, sObject Rows, sObject Rows by External ID, sObject Get Deleted, sObject Get Updated;
 * Conditional Request Headers).
 */

/** The object named in the path; an unknown one is 404 NOT_FOUND, as Salesforce answers. */
export function pathObject(raw: string): ObjectName {
  const object = objectNamed(raw);
  if (!object) throw errors.notFound(`The requested resource does not exist`);
  return object;
}

function dataObject(raw: string, method: string): DataObject {
  const object = pathObject(raw);
  if (!isDataObject(object))
    throw errors.api(403, 'INSUFFICIENT_ACCESS_OR_READONLY', `insufficient access rights on object: ${method} on ${object} is not allowed`);
  return object;
}

/**
 * The record a row path names. A malformed id, or one of another object, reads as an external-id
 * lookup that finds no field: 404 "Provided external ID field does not exist or is not
 * accessible". A deleted record is 404 ENTITY_IS_DELETED.
 */
function rowRecord(ctx: ApiContext, object: ObjectName, rawId: string): SfRecord {
  const parsed = parseId(rawId);
  if (!parsed || objectOfPrefix(parsed.prefix) !== object) {
    throw errors.notFound(`Provided external ID field does not exist or is not accessible: ${rawId}`);
  }
  const record = ctx.state.find(parsed.id);
  if (!record) throw errors.notFound();
  if (record.deletedAt !== null) throw errors.api(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  return record;
}

function etagOf(record: SfRecord, json: Record<string, unknown>): string {
  return `"${createHash('sha256').update(JSON.stringify(json)).update(String(record.modifiedAt)).digest('base64')}--gzip"`;
}

/** `EEE, dd MMM yyyy HH:mm:ss z` (for example `Mon, 30 Nov 2020 08:34:54 GMT`); NaN if not. */
function httpDate(raw: string): number {
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [A-Z]{1,5}$/.test(raw.trim())) return Number.NaN;
  return Date.parse(raw);
}

function etagList(raw: string): string[] | null {
  const items = raw.split(',').map((s) => s.trim());
  return items.every((s) => s === '*' || /^"[^"]*"$/.test(s)) ? items : null;
}

const preconditionFailed = (header: string): Reply =>
  errors
    .api(412, 'PRECONDITION_FAILED', `The record was modified since the ${header} precondition was taken; nothing was changed`)
    .toReply();

/**
 * Conditional request headers on an update (Conditional Request Headers; Update Records Using
 * sObject Rows): If-Unmodified-Since compares with LastModifiedDate, to the second; If-Match and
 * If-None-Match compare ETags and, as documented, only have an effect on Account. An invalid
 * header value is 400. The `conflict` fault fails the next conditional update with 412.
 */
function checkPreconditions(ctx: ApiContext, record: SfRecord): Reply | null {
  const since = ctx.headers['if-unmodified-since'];
  const ifMatch = ctx.headers['if-match'];
  const ifNoneMatch = ctx.headers['if-none-match'];
  const account = record.type === 'Account';
  const conditional = since !== undefined || (account && (ifMatch !== undefined || ifNoneMatch !== undefined));
  if (since !== undefined && Number.isNaN(httpDate(since))) {
    throw errors.api(
      400,
      'INVALID_HEADER_VALUE',
      `If-Unmodified-Since must be a date like "Mon, 30 Nov 2020 08:34:54 GMT" (got "${since}")`,
    );
  }
  const matchList = typeof ifMatch === 'string' ? etagList(ifMatch) : null;
  const noneList = typeof ifNoneMatch === 'string' ? etagList(ifNoneMatch) : null;
  if ((ifMatch !== undefined && !matchList) || (ifNoneMatch !== undefined && !noneList)) {
    throw errors.api(400, 'INVALID_HEADER_VALUE', 'If-Match and If-None-Match take a comma-separated list of quoted ETags');
  }
  if (conditional && ctx.faults.take('conflict', ctx.method, ctx.url.pathname)) return preconditionFailed('injected conflict');
  if (since !== undefined && Math.floor(record.modifiedAt / 1000) > Math.floor(httpDate(since) / 1000))
    return preconditionFailed('If-Unmodified-Since');
  if (account && (matchList || noneList)) {
    const etag = etagOf(record, recordJson(record, ctx.state.schema(record.type)));
    if (matchList && !matchList.includes('*') && !matchList.includes(etag)) return preconditionFailed('If-Match');
    if (noneList && (noneList.includes('*') || noneList.includes(etag))) return preconditionFailed('If-None-Match');
  }
  return null;
}

/** Runs a write, answering its record errors as a 400 array. */
function write<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RecordFailure) throw errors.fromFailure(error);
    throw error;
  }
}

// GET /sobjects/{Type}/{id}[?fields=] -------------------------------------------------------

export function getRow(ctx: ApiContext): Reply {
  const object = pathObject(ctx.params[0]!);
  const record = rowRecord(ctx, object, ctx.params[1]!);
  const schema = ctx.state.schema(object);
  let fields: FieldDef[] = schema.fields;
  const wanted = ctx.url.searchParams.get('fields');
  if (wanted !== null) {
    fields = wanted.split(',').map((name) => {
      const field = schema.byName.get(name.trim().toLowerCase());
      if (!field) throw errors.api(400, 'INVALID_FIELD', `No such column '${name.trim()}' on entity '${object}'.`);
      return field;
    });
  }
  const json = recordJson(record, schema, fields);
  const headers: Record<string, string> = { 'last-modified': new Date(record.modifiedAt).toUTCString() };
  if (object === 'Account') headers.etag = etagOf(record, recordJson(record, schema));
  const modifiedSince = ctx.headers['if-modified-since'];
  if (
    modifiedSince !== undefined &&
    !Number.isNaN(httpDate(modifiedSince)) &&
    Math.floor(record.modifiedAt / 1000) <= Math.floor(httpDate(modifiedSince) / 1000)
  ) {
    return { status: 304, body: undefined, headers };
  }
  return { status: 200, body: json, headers };
}

// PATCH /sobjects/{Type}/{id} ----------------------------------------------------------------

export async function patchRow(ctx: ApiContext): Promise<Reply> {
  const object = dataObject(ctx.params[0]!, 'PATCH');
  const record = rowRecord(ctx, object, ctx.params[1]!);
  const body = await readJsonObject(ctx);
  const refused = checkPreconditions(ctx, record);
  if (refused) return refused;
  write(() => ctx.state.update(record, body, ctx.session.userId));
  return { status: 204, body: undefined };
}

// DELETE /sobjects/{Type}/{id} ---------------------------------------------------------------

export function deleteRow(ctx: ApiContext): Reply {
  const object = dataObject(ctx.params[0]!, 'DELETE');
  const record = rowRecord(ctx, object, ctx.params[1]!);
  write(() => ctx.state.delete(record, ctx.session.userId));
  return { status: 204, body: undefined };
}

// POST /sobjects/{Type} ----------------------------------------------------------------------

export async function createRow(ctx: ApiContext): Promise<Reply> {
  const object = dataObject(ctx.params[0]!, 'POST');
  const body = await readJsonObject(ctx);
  const record = write(() => ctx.state.create(object, body, ctx.session.userId));
  return { status: 201, body: { id: record.id, success: true, errors: [] } };
}

// GET /sobjects/{Type} (basic information) ---------------------------------------------------

export function basicInfo(ctx: ApiContext): Reply {
  const object = pathObject(ctx.params[0]!);
  return { status: 200, body: { objectDescribe: describeHeader(ctx, object), recentItems: [] } };
}

function describeHeader(ctx: ApiContext, object: ObjectName): Record<string, unknown> {
  const writable = isDataObject(object);
  const root = `/services/data/v${ctx.url.pathname.split('/')[3]!.slice(1)}/sobjects/${object}`;
  return {
    name: object,
    label: object,
    keyPrefix: KEY_PREFIX[object],
    createable: writable,
    updateable: writable,
    deletable: writable,
    queryable: true,
    replicateable: writable,
    custom: false,
    urls: { sobject: root, describe: `${root}/describe`, rowTemplate: `${root}/{ID}` },
  };
}

// GET /sobjects/{Type}/describe --------------------------------------------------------------

export function describe(ctx: ApiContext): Reply {
  const object = pathObject(ctx.params[0]!);
  const fields = ctx.state.schema(object).fields.map((f) => ({
    name: f.name,
    label: f.label,
    type: f.type,
    length: f.length ?? 0,
    custom: f.name.endsWith('__c'),
    externalId: f.externalId === true,
    idLookup: f.name === 'Id' || f.externalId === true,
    unique: f.externalId === true,
    createable: f.create,
    updateable: f.update,
    nillable: f.name !== 'Id' && f.defaultValue === undefined && f.name !== 'OwnerId' && !f.required && f.type !== 'boolean',
    defaultedOnCreate: f.defaultValue !== undefined || f.name === 'OwnerId' || !f.create,
    restrictedPicklist: f.type === 'picklist',
    picklistValues: (f.values ?? []).map((v) => ({ value: v, label: v, active: true, defaultValue: v === f.defaultValue })),
    referenceTo: f.refTo ?? [],
    relationshipName: f.relationship ?? null,
  }));
  return { status: 200, body: { ...describeHeader(ctx, object), fields } };
}

// PATCH /sobjects/{Type}/{ExternalIdField}/{value} -------------------------------------------

export async function upsertRow(ctx: ApiContext): Promise<Reply> {
  const object = dataObject(ctx.params[0]!, 'PATCH');
  const fieldName = ctx.params[1]!;
  const value = decodeURIComponent(ctx.params[2]!);
  const field = ctx.state.schema(object).byName.get(fieldName.toLowerCase());
  // "Incorrect external ID field": the documented answer is 404 NOT_FOUND.
  if (!field || !field.externalId) throw errors.notFound();
  const body = await readJsonObject(ctx);
  const inBody = Object.keys(body).find((k) => k.toLowerCase() === field.name.toLowerCase());
  if (inBody !== undefined && body[inBody] !== value) {
    throw errors.api(400, 'INVALID_FIELD', `The value of ${field.name} in the body does not match the one in the URL`, [field.name]);
  }
  const existing = ctx.state.findByExternalId(field.name, value);
  if (existing) {
    const updated = write(() => ctx.state.update(existing, body, ctx.session.userId, [field.name]));
    ctx.state.counts.upsertUpdates += 1;
    // API 46.0 and later: 200 with the result (204 with no body before 46.0).
    return { status: 200, body: { id: updated.id, success: true, errors: [], created: false } };
  }
  if (ctx.url.searchParams.get('updateOnly') === 'true') throw errors.notFound();
  const created = write(() => ctx.state.create(object, { ...body, [field.name]: value }, ctx.session.userId));
  ctx.state.counts.upsertCreates += 1;
  return { status: 201, body: { id: created.id, success: true, errors: [], created: true } };
}

// GET /sobjects/{Type}/deleted/ and /updated/?start=&end= -------------------------------------

const MINUTE = 60_000;
const DAY = 86_400_000;
const MAX_IDS = 600_000;
const replicationError = (message: string) => errors.api(400, 'INVALID_REPLICATION_DATE', message);

function replicationWindow(ctx: ApiContext, maxDays: number): { start: number; end: number } {
  const read = (name: 'start' | 'end'): number => {
    const raw = ctx.url.searchParams.get(name);
    if (raw === null)
      throw errors.api(400, 'MISSING_ARGUMENT', `${name} is required (an ISO 8601 dateTime such as 2024-05-05T00:00:00+00:00)`);
    const ms = Date.parse(raw);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw) || Number.isNaN(ms)) {
      throw replicationError(`${name} is not a valid dateTime: ${raw}`);
    }
    return Math.floor(ms / MINUTE) * MINUTE;
  };
  const start = read('start');
  const end = read('end');
  if (end - start <= MINUTE) throw replicationError('startDate must chronologically precede endDate by more than one minute');
  const now = ctx.state.now();
  if (start < Math.floor(now / DAY) * DAY - maxDays * DAY) throw replicationError(`startDate cannot be more than ${maxDays} days ago`);
  return { start, end };
}

export function getDeleted(ctx: ApiContext): Reply {
  const object = dataObject(ctx.params[0]!, 'GET');
  const { start, end } = replicationWindow(ctx, 15);
  const earliest = ctx.state.earliestDateAvailable(object);
  if (earliest > start) throw replicationError(`startDate is before the earliest date available (${sfDateTime(earliest)})`);
  const latest = Math.min(end, Math.floor(ctx.state.now() / MINUTE) * MINUTE);
  const deletedRecords: { id: string; deletedDate: string }[] = [];
  for (const record of ctx.state.table(object).held.values()) {
    if (record.deletedAt === null || !ctx.state.inRecycleBin(record)) continue;
    if (record.deletedAt < start || record.deletedAt >= latest) continue;
    deletedRecords.push({ id: record.id, deletedDate: sfDateTime(record.deletedAt) });
  }
  if (deletedRecords.length > MAX_IDS)
    throw errors.api(400, 'EXCEEDED_ID_LIMIT', 'Too many ids: choose start and end dates that are closer together');
  deletedRecords.sort((a, b) => (a.deletedDate < b.deletedDate ? -1 : a.deletedDate > b.deletedDate ? 1 : 0));
  return {
    status: 200,
    body: { deletedRecords, earliestDateAvailable: sfDateTime(earliest), latestDateCovered: sfDateTime(latest) },
  };
}

export function getUpdated(ctx: ApiContext): Reply {
  const object = dataObject(ctx.params[0]!, 'GET');
  const { start, end } = replicationWindow(ctx, 30);
  const latest = Math.min(end, Math.floor(ctx.state.now() / MINUTE) * MINUTE);
  const ids: string[] = [];
  const table = ctx.state.table(object);
  for (const pos of table.walkByModstamp({ t: start - 1, seq: Number.MAX_SAFE_INTEGER })) {
    if (pos.t >= latest) break;
    const record = table.get(pos.seq)!;
    if (record.deletedAt === null) ids.push(record.id);
    if (ids.length > MAX_IDS)
      throw errors.api(400, 'EXCEEDED_ID_LIMIT', 'Too many ids: choose start and end dates that are closer together');
  }
  return { status: 200, body: { ids, latestDateCovered: sfDateTime(latest) } };
}
