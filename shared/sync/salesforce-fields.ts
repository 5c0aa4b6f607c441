import * as z from 'zod';
import { rule } from '../policy/rule-text';
import { PRIORITIES, prioritySchema, type Priority } from '../config/workflow';
import { CASE_STATUSES, type CaseStatus } from '../store/types';

/**
 * Which Salesforce fields Switchboard reads and writes: the `salesforceFieldMapping` policy (JSON).
 * Every part has a default for the standard objects (Salesforce Object Reference › Contact, Case,
 * Task), so IT sets only what their org does differently, e.g. a custom phone field or the org's
 * own Case Status values. The connector builds its SOQL from it (electron/sync/connectors/salesforce/).
 *
 * Field names are API names (`MobilePhone`, `Tier__c`), or one relationship step for a parent's
 * field (`Account.Name`). A bad value is refused with its place named
 * ("contact.phones[1].field: must be a Salesforce field API name …").
 */

const API_NAME = /^[A-Za-z](?:[A-Za-z0-9_]{0,78}[A-Za-z0-9])?$/;
const fieldName = z
  .string()
  .trim()
  .refine((value) => {
    const parts = value.split('.');
    return parts.length <= 2 && parts.every((part) => API_NAME.test(part));
  }, rule('policy.rule.salesforceField'));
const optionalField = fieldName.nullable();
/** A Salesforce record id: 15 or 18 letters and digits (Salesforce Object Reference › Field Types › ID). */
export const salesforceIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/, rule('policy.rule.salesforceId'));
const picklistValue = z
  .string()
  .trim()
  .min(1, rule('policy.rule.notEmpty'))
  .max(255, rule('policy.rule.atMostCharacters', { maximum: 255 }));

export interface PhoneField {
  field: string;
  /** What the agent sees beside the number ("mobile"); null: none. */
  label: string | null;
}

export const DEFAULT_CONTACT_PHONES: readonly PhoneField[] = [
  { field: 'Phone', label: 'work' },
  { field: 'MobilePhone', label: 'mobile' },
  { field: 'HomePhone', label: 'home' },
  { field: 'OtherPhone', label: 'other' },
];

/** Case Priority's standard values are High, Medium and Low; Critical and Urgent are common additions. */
export const DEFAULT_PRIORITIES_IN: Readonly<Record<string, Priority>> = {
  Critical: 'P1',
  Urgent: 'P1',
  High: 'P2',
  Medium: 'P3',
  Low: 'P4',
};
/** A standard org has no value above High: IT maps P1 to theirs (e.g. Critical) when they add one. */
export const DEFAULT_PRIORITIES_OUT: Readonly<Record<Priority, string>> = { P1: 'High', P2: 'High', P3: 'Medium', P4: 'Low' };

/** Case Status values of an open case (IsClosed = false); a closed case is `closed` whatever its status. */
export const DEFAULT_STATUSES_IN: Readonly<Record<string, CaseStatus>> = {
  New: 'new',
  Working: 'open',
  Escalated: 'open',
  'On Hold': 'on-hold',
  'Waiting on Customer': 'pending',
  Closed: 'closed',
};
/** The standard Case Status values are New, Working, Escalated and Closed. */
export const DEFAULT_STATUSES_OUT: Readonly<Record<CaseStatus, string>> = {
  new: 'New',
  open: 'Working',
  pending: 'Working',
  'on-hold': 'Working',
  solved: 'Closed',
  closed: 'Closed',
};

const phoneFieldSchema = z.strictObject({
  field: fieldName,
  label: z
    .string()
    .trim()
    .max(40, rule('policy.rule.atMostCharacters', { maximum: 40 }))
    .nullable()
    .default(null),
});

const contactSchema = z
  .strictObject({
    name: fieldName.default('Name'),
    email: optionalField.default('Email'),
    company: optionalField.default('Account.Name'),
    notes: optionalField.default('Description'),
    segment: optionalField.default(null),
    doNotCall: optionalField.default('DoNotCall'),
    phones: z
      .array(phoneFieldSchema)
      .min(1, rule('policy.rule.needsPhoneField'))
      .max(10, rule('policy.rule.tooManyPhoneFields', { maximum: 10 }))
      .default(() => DEFAULT_CONTACT_PHONES.map((p) => ({ ...p }))),
  })
  .prefault({});

const caseSchema = z
  .strictObject({
    subject: fieldName.default('Subject'),
    description: optionalField.default('Description'),
    status: fieldName.default('Status'),
    priority: fieldName.default('Priority'),
    closed: fieldName.default('IsClosed'),
    contact: fieldName.default('ContactId'),
    owner: fieldName.default('OwnerId'),
  })
  .prefault({});

const statusSchema = z.enum(CASE_STATUSES, { error: rule('policy.rule.oneOfList', { list: CASE_STATUSES.join(', ') }) });

export const salesforceFieldMappingSchema = z
  .strictObject({
    contact: contactSchema,
    case: caseSchema,
    /** Salesforce Case Priority value → Switchboard priority. A value not listed reads as P3. */
    priorities: z.record(picklistValue, prioritySchema).default(() => ({ ...DEFAULT_PRIORITIES_IN })),
    /** Switchboard priority → the Case Priority value written. */
    prioritiesOut: z
      .strictObject(
        Object.fromEntries(PRIORITIES.map((p) => [p, picklistValue.default(DEFAULT_PRIORITIES_OUT[p])])) as Record<
          Priority,
          z.ZodDefault<typeof picklistValue>
        >,
      )
      .prefault({}),
    /** Salesforce Case Status value of an open case → Switchboard status. A value not listed reads as open. */
    statuses: z.record(picklistValue, statusSchema).default(() => ({ ...DEFAULT_STATUSES_IN })),
    /** Switchboard status → the Case Status value written. */
    statusesOut: z
      .strictObject(
        Object.fromEntries(CASE_STATUSES.map((s) => [s, picklistValue.default(DEFAULT_STATUSES_OUT[s])])) as Record<
          CaseStatus,
          z.ZodDefault<typeof picklistValue>
        >,
      )
      .prefault({}),
    /** The Case Status written when a case is escalated. */
    escalatedStatus: picklistValue.default('Escalated'),
    /** Escalation group code (the escalation matrix) → the user (005…) or queue (00G…) that owns an escalated case. */
    escalationOwners: z.record(z.string().trim().min(1).max(64), salesforceIdSchema).default(() => ({})),
  })
  .prefault({});

export type SalesforceFieldMapping = z.output<typeof salesforceFieldMappingSchema>;

/** The mapping for a policy value (null: every default); throws with the place of the first bad value. */
export function salesforceFieldMapping(value: unknown): SalesforceFieldMapping {
  return salesforceFieldMappingSchema.parse(value ?? {});
}

/**
 * The loopback port of the sign-in callback, http://127.0.0.1:4717/oauth/callback. Salesforce
 * matches a Connected App's callback URL exactly, port included (unlike RFC 8252 §7.3's any-port
 * loopback), so the port is fixed, and IT can move it (`salesforceRedirectPort`).
 */
export const DEFAULT_SALESFORCE_REDIRECT_PORT = '4717';

/** The external-id field on Task that makes a call's Task unique (docs/crm.md tells the admin how to create it). */
export const DEFAULT_SALESFORCE_CALL_ID_FIELD = 'Switchboard_Call_Id__c';
/** A custom field's API name: letters, digits and single underscores, ending in `__c`. */
export const salesforceCustomFieldSchema = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-z][A-Za-z0-9]*__)?[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__c$/, rule('policy.rule.salesforceCustomField'));
