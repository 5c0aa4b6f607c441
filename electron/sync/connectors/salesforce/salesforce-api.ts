import * as z from 'zod';

/**
 * The parts of Salesforce's REST answers Switchboard reads, as lenient zod schemas (Salesforce
 * adds fields; records carry whatever the SOQL selected), each named after its section of the
 * REST API Developer Guide.
 */

/**
 * The one REST API version the connector speaks (Winter '25). Every URL is built from it
 * (jsforce's Connection `version`); the emulator pins the same.
 */
export const SALESFORCE_API_VERSION = '62.0';

/** REST API Developer Guide › Query: `Sforce-Query-Options: batchSize=n`, "the default is 2,000; the minimum is 200 and the maximum is 2,000". */
export const QUERY_BATCH_MIN = 200;
export const QUERY_BATCH_MAX = 2000;

/** REST API Developer Guide › sObject Collections: "up to 200 records" a request. */
export const COLLECTION_MAX = 200;

/** A record id in the 18-character form the REST API answers (15 is accepted on the way in). */
export const sfId = z.string().regex(/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/, 'must be a Salesforce record id');

/** Salesforce's datetime as the REST API writes it: `2024-05-01T09:30:00.000+0000`. */
export const sfDateTime = z.string().refine((v) => Number.isFinite(parseSalesforceTime(v)), 'must be a Salesforce datetime');

/** A queried record: `attributes`, the selected fields, and parent records as nested objects (`Account: { Name }`). */
export const sfRecord = z.looseObject({
  attributes: z.looseObject({ type: z.string() }).optional(),
  Id: sfId,
  SystemModstamp: sfDateTime,
  IsDeleted: z.boolean().optional(),
});
export type SfRecord = z.output<typeof sfRecord>;

/** REST API Developer Guide › Query / QueryAll: `{ totalSize, done, nextRecordsUrl?, records }`. */
export const queryPage = z.looseObject({
  totalSize: z.number().int().nonnegative(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(sfRecord),
});
export type QueryPage = z.output<typeof queryPage>;

/** An Id-only row (the open cases' contacts). */
export const idRow = z.looseObject({ Id: sfId });

/** REST API Developer Guide › Status Codes and Error Responses: `[{ message, errorCode, fields? }]`. */
export const sfErrorItem = z.looseObject({
  message: z.string().optional(),
  errorCode: z.string().optional(),
  statusCode: z.string().optional(),
  fields: z.array(z.string()).optional(),
});
export type SfErrorItem = z.output<typeof sfErrorItem>;
export const sfErrorBody = z.union([z.array(sfErrorItem), sfErrorItem]);

/** sObject Collections: one SaveResult (UpsertResult) per record, in request order. */
export const saveResult = z.looseObject({
  id: sfId.nullish(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z.array(sfErrorItem).default([]),
});
export type SaveResult = z.output<typeof saveResult>;
export const saveResults = z.array(saveResult);

/**
 * A Salesforce datetime in epoch ms. Salesforce writes `+0000` (no colon), which ECMAScript's
 * Date.parse does not promise to read, so the offset is normalised first.
 */
export function parseSalesforceTime(value: string): number {
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(normalised);
}
