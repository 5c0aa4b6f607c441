import { attributesOf, sfDateTime } from './http';
import type { FieldDef, ObjectName, ObjectSchema } from './schema';

/**
 * A record as the emulator holds it, and its JSON as the REST API shows it (sObject Rows, Query):
 * `{ "attributes": { "type", "url" }, "Id": …, fields… }`, dateTimes as `2013-05-20T20:49:32.000+0000`,
 * dates as `2013-05-20`, absent values as null.
 */

export type FieldValue = string | number | boolean | null;

export interface SfRecord {
  type: ObjectName;
  seq: number;
  /** 18-character Id. */
  id: string;
  /** Field values by canonical API name; dateTime fields hold ms since the epoch. System fields are not here. */
  values: Record<string, FieldValue>;
  createdAt: number;
  modifiedAt: number;
  createdById: string;
  modifiedById: string;
  /** When the record went to the Recycle Bin; null while it is live. */
  deletedAt: number | null;
}

/** A field's value for comparison: dateTimes as ms, dates as `YYYY-MM-DD`, ids as 18-character strings. */
export function rawValue(record: SfRecord, field: string): FieldValue {
  switch (field) {
    case 'Id':
      return record.id;
    case 'IsDeleted':
      return record.deletedAt !== null;
    case 'CreatedDate':
      return record.createdAt;
    case 'LastModifiedDate':
    case 'SystemModstamp':
      return record.modifiedAt;
    case 'CreatedById':
      return record.createdById;
    case 'LastModifiedById':
      return record.modifiedById;
    default:
      return record.values[field] ?? null;
  }
}

export function jsonValue(record: SfRecord, field: FieldDef): FieldValue {
  const raw = rawValue(record, field.name);
  if (raw !== null && field.type === 'datetime') return sfDateTime(raw as number);
  return raw;
}

/** The record's JSON with the given fields (default: every field of the schema, in schema order). */
export function recordJson(record: SfRecord, schema: ObjectSchema, fields: FieldDef[] = schema.fields): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributesOf(record.type, record.id) };
  for (const field of fields) out[field.name] = jsonValue(record, field);
  return out;
}
