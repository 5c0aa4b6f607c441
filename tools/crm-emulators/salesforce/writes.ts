import { errors, recordError, RecordFailure, type RecordError } from './http';
import { objectOfPrefix, parseId } from './ids';
import type { FieldValue } from './records';
import type { DataObject, FieldDef, ObjectSchema } from './schema';

/**
 * Checks a record body before a create or update, the way the API refuses bad writes (REST API
 * Developer Guide › Status Codes and Error Responses; SOAP API Developer Guide › Core Data Types ›
 * StatusCode, whose codes the REST API shares). Two kinds of failure:
 *
 *  - the body cannot be read as the object (a value of the wrong JSON type): the whole request
 *    fails, 400 JSON_PARSER_ERROR, as Salesforce's deserializer fails before any record is saved;
 *  - a readable value the record cannot take: a RecordFailure with Salesforce's codes, which a
 *    single-record request answers as 400 and an sObject Collections request reports per record.
 *
 * Messages follow Salesforce's "{Field label}: {problem}" form.
 */

export interface ReferenceTarget {
  exists: boolean;
  deleted: boolean;
}

export interface WriteContext {
  object: DataObject;
  schema: ObjectSchema;
  mode: 'create' | 'update';
  /** Looks up the record an id points to (any object). */
  resolve(id: string): ReferenceTarget;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function jsonType(value: unknown): string {
  if (value === null) return 'VALUE_NULL';
  if (Array.isArray(value)) return 'START_ARRAY';
  switch (typeof value) {
    case 'string':
      return 'VALUE_STRING';
    case 'number':
      return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
    case 'boolean':
      return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
    default:
      return 'START_OBJECT';
  }
}

function cannotDeserialize(type: string, value: unknown): never {
  const shown = typeof value === 'object' && value !== null ? '' : ` value ${String(value)}`;
  throw errors.jsonParser(
    `Cannot deserialize instance of ${type} from ${jsonType(value)}${shown} or request may be missing a required field`,
  );
}

function isValidDate(raw: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
  const d = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === raw;
}

/** Reads one value (throws JSON_PARSER_ERROR) and checks it (returns the record errors). */
function checkValue(field: FieldDef, value: unknown, ctx: WriteContext): { value: FieldValue; problems: RecordError[] } {
  const problem = (code: string, message: string): { value: FieldValue; problems: RecordError[] } => ({
    value: null,
    problems: [{ code, message: `${field.label}: ${message}`, fields: [field.name] }],
  });
  if (value === null) {
    if (field.name === 'OwnerId' || field.defaultValue !== undefined) {
      return {
        value: null,
        problems: [{ code: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${field.name}]`, fields: [field.name] }],
      };
    }
    return { value: null, problems: [] };
  }
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'picklist': {
      if (typeof value !== 'string') cannotDeserialize('string', value);
      if (field.type === 'picklist') {
        if (!field.values!.includes(value))
          return problem('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `bad value for restricted picklist field: ${value}`);
        return { value, problems: [] };
      }
      if (field.length !== undefined && value.length > field.length) {
        return problem('STRING_TOO_LONG', `data value too large: ${value.slice(0, 60)} (max length=${field.length})`);
      }
      if (field.type === 'email' && value !== '' && !EMAIL.test(value))
        return problem('INVALID_EMAIL_ADDRESS', `invalid email address: ${value}`);
      return { value: value === '' ? null : value, problems: [] };
    }
    case 'boolean':
      if (typeof value !== 'boolean') cannotDeserialize('boolean', value);
      return { value, problems: [] };
    case 'int':
      if (typeof value !== 'number') cannotDeserialize('int', value);
      if (!Number.isInteger(value) || Math.abs(value) >= 1e8)
        return problem('NUMBER_OUTSIDE_VALID_RANGE', `value outside of valid range on numeric field: ${value}`);
      return { value, problems: [] };
    case 'date':
      if (typeof value !== 'string' || !isValidDate(value)) cannotDeserialize('date', value);
      return { value, problems: [] };
    case 'reference': {
      if (typeof value !== 'string') cannotDeserialize('id', value);
      const parsed = parseId(value);
      if (!parsed) return problem('MALFORMED_ID', `id value of incorrect type: ${value}`);
      const target = objectOfPrefix(parsed.prefix);
      if (!target || !field.refTo!.includes(target)) return problem('FIELD_INTEGRITY_EXCEPTION', `id value of incorrect type: ${value}`);
      const found = ctx.resolve(parsed.id);
      if (found.deleted) return problem('ENTITY_IS_DELETED', 'entity is deleted');
      if (!found.exists) return problem('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`);
      return { value: parsed.id, problems: [] };
    }
    default:
      // id and dateTime fields are read-only here; the caller refused them already.
      return { value: null, problems: [] };
  }
}

/**
 * The field values a write sets (canonical names), after every check. `skip` lists body keys the
 * caller consumed (collections' `id`, an upsert's external id). Throws RecordFailure or a 400.
 */
export function readWrite(body: Record<string, unknown>, ctx: WriteContext, skip: string[] = []): Record<string, FieldValue> {
  const skipped = new Set(['attributes', ...skip.map((k) => k.toLowerCase())]);
  const entries: [FieldDef, unknown][] = [];
  const readOnly: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (skipped.has(key.toLowerCase())) continue;
    const field = ctx.schema.byName.get(key.toLowerCase());
    if (!field) throw recordError('INVALID_FIELD', `No such column '${key}' on sobject of type ${ctx.object}`, [key]);
    if (ctx.mode === 'create' ? !field.create : !field.update) readOnly.push(field.name);
    else entries.push([field, value]);
  }
  if (readOnly.length > 0) {
    throw recordError(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      readOnly,
    );
  }
  const values: Record<string, FieldValue> = {};
  const problems: RecordError[] = [];
  for (const [field, raw] of entries) {
    const checked = checkValue(field, raw, ctx);
    problems.push(...checked.problems);
    values[field.name] = checked.value;
  }
  if (problems.length > 0) throw new RecordFailure(problems);
  return values;
}

/** Required fields of a create that the body left out (after defaults). */
export function missingRequired(values: Record<string, FieldValue>, required: string[]): RecordFailure | null {
  const missing = required.filter((f) => values[f] === undefined || values[f] === null);
  return missing.length > 0 ? recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing) : null;
}

/** Defaults for a create: picklist defaults and the running user as owner. */
export function withDefaults(values: Record<string, FieldValue>, schema: ObjectSchema, ownerId: string): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const field of schema.fields) {
    if (!field.create) continue;
    if (values[field.name] !== undefined) out[field.name] = values[field.name]!;
    else if (field.defaultValue !== undefined) out[field.name] = field.defaultValue;
    else if (field.name === 'OwnerId') out[field.name] = ownerId;
    else out[field.name] = null;
  }
  return out;
}
