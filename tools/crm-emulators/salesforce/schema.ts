import type { PrefixedObject } from './ids';

/**
 * The objects and fields the emulated org has: the standard fields a contact centre uses on
 * Account, Contact, Case and Task (Object Reference for the Salesforce Platform › Account,
 * Contact, Case, Task), plus read-only User and Group (queues) for owners. Anything else is
 * "No such column" (INVALID_FIELD), as in an org that lacks the field.
 *
 * Org settings change the schema the way an admin would:
 *  - `taskExternalIdField`: the custom external-id text field on Task the connector upserts by
 *    (null: the admin has not created it, and every use of it fails as Salesforce fails);
 *  - `personAccounts`: Person Accounts enabled (IsPersonAccount, PersonMobilePhone… on Account).
 *
 * Picklists are restricted in this org: a value outside the set is refused with
 * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST. TaskSubtype and CallType are restricted in every org;
 * Case Status/Priority and Task Status/Priority are restricted here by the emulated admin, the
 * strict reading (an org may also leave them open).
 */

export const OBJECT_NAMES = ['Account', 'Contact', 'Case', 'Task', 'User', 'Group'] as const;
export type ObjectName = (typeof OBJECT_NAMES)[number];
/** Objects that hold records the API can write, query with queryAll, and list with getDeleted. */
export const DATA_OBJECTS = ['Account', 'Contact', 'Case', 'Task'] as const;
export type DataObject = (typeof DATA_OBJECTS)[number];

export type FieldType =
  'id' | 'string' | 'textarea' | 'email' | 'phone' | 'picklist' | 'reference' | 'boolean' | 'int' | 'date' | 'datetime';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Maximum length of a text value. */
  length?: number;
  values?: readonly string[];
  /** Objects a reference may point to (the first is the relationship's type unless polymorphic). */
  refTo?: readonly PrefixedObject[];
  /** The relationship name used in SOQL (`Account.Name` for AccountId). */
  relationship?: string;
  create: boolean;
  update: boolean;
  /** Must be given on create (not nillable and no default). */
  required?: boolean;
  defaultValue?: string | number | boolean;
  externalId?: boolean;
}

export interface OrgSettings {
  personAccounts: boolean;
  /** API name of the external-id field on Task (must end in __c), or null when it does not exist. */
  taskExternalIdField: string | null;
}

export const DEFAULT_TASK_EXTERNAL_ID_FIELD = 'Switchboard_Call_Id__c';

const ro = (name: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type,
  create: false,
  update: false,
  ...extra,
});
const rw = (name: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type,
  create: true,
  update: true,
  ...extra,
});

const SYSTEM: FieldDef[] = [
  ro('Id', 'Record ID', 'id'),
  ro('IsDeleted', 'Deleted', 'boolean'),
  ro('CreatedDate', 'Created Date', 'datetime'),
  ro('CreatedById', 'Created By ID', 'reference', { refTo: ['User'], relationship: 'CreatedBy' }),
  ro('LastModifiedDate', 'Last Modified Date', 'datetime'),
  ro('LastModifiedById', 'Last Modified By ID', 'reference', { refTo: ['User'], relationship: 'LastModifiedBy' }),
  ro('SystemModstamp', 'System Modstamp', 'datetime'),
];

const phone = (name: string, label: string): FieldDef => rw(name, label, 'phone', { length: 40 });
const owner = (refTo: readonly PrefixedObject[]): FieldDef => rw('OwnerId', 'Owner ID', 'reference', { refTo, relationship: 'Owner' });

export const CASE_STATUSES = ['New', 'Working', 'Escalated', 'Closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_PRIORITIES = ['High', 'Medium', 'Low'] as const;
export const CASE_ORIGINS = ['Phone', 'Email', 'Web'] as const;
export const TASK_STATUSES = ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'] as const;
export const TASK_PRIORITIES = ['High', 'Normal', 'Low'] as const;
export const TASK_SUBTYPES = ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'] as const;
export const CALL_TYPES = ['Internal', 'Inbound', 'Outbound'] as const;

function accountFields(settings: OrgSettings): FieldDef[] {
  const fields = [
    ...SYSTEM,
    rw('Name', 'Account Name', 'string', { length: 255 }),
    phone('Phone', 'Account Phone'),
    rw('Type', 'Account Type', 'picklist', { values: ['Customer', 'Partner', 'Prospect', 'Other'] }),
    owner(['User']),
  ];
  if (settings.personAccounts) {
    fields.push(
      ro('IsPersonAccount', 'Is Person Account', 'boolean'),
      ro('PersonContactId', 'Person Contact ID', 'reference', { refTo: ['Contact'], relationship: 'PersonContact' }),
      rw('FirstName', 'First Name', 'string', { length: 40 }),
      rw('LastName', 'Last Name', 'string', { length: 80 }),
      rw('PersonEmail', 'Email', 'email', { length: 80 }),
      phone('PersonMobilePhone', 'Mobile'),
      phone('PersonHomePhone', 'Home Phone'),
      phone('PersonOtherPhone', 'Other Phone'),
    );
  }
  return fields;
}

function contactFields(settings: OrgSettings): FieldDef[] {
  const fields = [
    ...SYSTEM,
    rw('AccountId', 'Account ID', 'reference', { refTo: ['Account'], relationship: 'Account' }),
    rw('LastName', 'Last Name', 'string', { length: 80, required: true }),
    rw('FirstName', 'First Name', 'string', { length: 40 }),
    ro('Name', 'Full Name', 'string', { length: 121 }),
    rw('Title', 'Title', 'string', { length: 128 }),
    rw('Email', 'Email', 'email', { length: 80 }),
    phone('Phone', 'Business Phone'),
    phone('MobilePhone', 'Mobile Phone'),
    phone('HomePhone', 'Home Phone'),
    phone('OtherPhone', 'Other Phone'),
    // Standard on every Contact (Object Reference › Contact); the connector's default field mapping reads both.
    rw('Description', 'Contact Description', 'textarea', { length: 32_000 }),
    rw('DoNotCall', 'Do Not Call', 'boolean', { defaultValue: false }),
    owner(['User']),
  ];
  if (settings.personAccounts) fields.push(ro('IsPersonAccount', 'Is Person Account', 'boolean'));
  return fields;
}

function caseFields(): FieldDef[] {
  return [
    ...SYSTEM,
    ro('CaseNumber', 'Case Number', 'string', { length: 30 }),
    rw('ContactId', 'Contact ID', 'reference', { refTo: ['Contact'], relationship: 'Contact' }),
    rw('AccountId', 'Account ID', 'reference', { refTo: ['Account'], relationship: 'Account' }),
    rw('Subject', 'Subject', 'string', { length: 255 }),
    rw('Description', 'Description', 'textarea', { length: 32_000 }),
    rw('Status', 'Status', 'picklist', { values: CASE_STATUSES, defaultValue: 'New' }),
    rw('Priority', 'Priority', 'picklist', { values: CASE_PRIORITIES, defaultValue: 'Medium' }),
    rw('Origin', 'Case Origin', 'picklist', { values: CASE_ORIGINS }),
    owner(['User', 'Group']),
    ro('IsClosed', 'Closed', 'boolean'),
    rw('IsEscalated', 'Escalated', 'boolean', { defaultValue: false }),
    ro('ClosedDate', 'Closed Date', 'datetime'),
  ];
}

function taskFields(settings: OrgSettings): FieldDef[] {
  const fields = [
    ...SYSTEM,
    rw('WhoId', 'Name ID', 'reference', { refTo: ['Contact', 'Lead'], relationship: 'Who' }),
    rw('WhatId', 'Related To ID', 'reference', { refTo: ['Account', 'Case'], relationship: 'What' }),
    ro('AccountId', 'Account ID', 'reference', { refTo: ['Account'], relationship: 'Account' }),
    rw('Subject', 'Subject', 'string', { length: 255 }),
    rw('ActivityDate', 'Due Date Only', 'date'),
    rw('Status', 'Status', 'picklist', { values: TASK_STATUSES, defaultValue: 'Not Started' }),
    rw('Priority', 'Priority', 'picklist', { values: TASK_PRIORITIES, defaultValue: 'Normal' }),
    owner(['User', 'Group']),
    rw('Description', 'Description', 'textarea', { length: 32_000 }),
    // TaskSubtype: "Create, Filter, Group, Nillable, Restricted picklist, Sort" (no Update).
    { ...rw('TaskSubtype', 'Task Subtype', 'picklist', { values: TASK_SUBTYPES, defaultValue: 'Task' }), update: false },
    rw('CallType', 'Call Type', 'picklist', { values: CALL_TYPES }),
    rw('CallDurationInSeconds', 'Call Duration', 'int'),
    rw('CallDisposition', 'Call Result', 'string', { length: 255 }),
    rw('CallObject', 'Call Object Identifier', 'string', { length: 255 }),
    ro('IsClosed', 'Closed', 'boolean'),
  ];
  const ext = settings.taskExternalIdField;
  if (ext) fields.push(rw(ext, ext.replace(/__c$/, '').replace(/_/g, ' '), 'string', { length: 255, externalId: true }));
  return fields;
}

const USER_FIELDS: FieldDef[] = [
  ro('Id', 'User ID', 'id'),
  ro('Name', 'Full Name', 'string', { length: 121 }),
  ro('Username', 'Username', 'string', { length: 80 }),
  ro('Email', 'Email', 'email', { length: 128 }),
  ro('IsActive', 'Active', 'boolean'),
  ro('SystemModstamp', 'System Modstamp', 'datetime'),
];
const GROUP_FIELDS: FieldDef[] = [
  ro('Id', 'Group ID', 'id'),
  ro('Name', 'Name', 'string', { length: 40 }),
  ro('DeveloperName', 'Developer Name', 'string', { length: 80 }),
  ro('Type', 'Type', 'picklist', { values: ['Queue', 'Regular'] }),
  ro('SystemModstamp', 'System Modstamp', 'datetime'),
];

export interface ObjectSchema {
  name: ObjectName;
  fields: FieldDef[];
  /** Lower-cased API name → field: SOQL and JSON bodies name fields case-insensitively. */
  byName: Map<string, FieldDef>;
  /** Lower-cased relationship name → reference field. */
  byRelationship: Map<string, FieldDef>;
}

function build(name: ObjectName, fields: FieldDef[]): ObjectSchema {
  return {
    name,
    fields,
    byName: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
    byRelationship: new Map(fields.filter((f) => f.relationship).map((f) => [f.relationship!.toLowerCase(), f])),
  };
}

export function schemaOf(object: ObjectName, settings: OrgSettings): ObjectSchema {
  switch (object) {
    case 'Account':
      return build(object, accountFields(settings));
    case 'Contact':
      return build(object, contactFields(settings));
    case 'Case':
      return build(object, caseFields());
    case 'Task':
      return build(object, taskFields(settings));
    case 'User':
      return build(object, USER_FIELDS);
    case 'Group':
      return build(object, GROUP_FIELDS);
  }
}

/** The canonical object name for a name written in any case, or null. */
export function objectNamed(raw: string): ObjectName | null {
  const lower = raw.toLowerCase();
  return OBJECT_NAMES.find((o) => o.toLowerCase() === lower) ?? null;
}

export function isDataObject(object: ObjectName): object is DataObject {
  return (DATA_OBJECTS as readonly string[]).includes(object);
}
