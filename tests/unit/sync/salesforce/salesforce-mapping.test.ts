import { describe, expect, it } from 'vitest';
import { sfRecord } from '../../../../electron/sync/connectors/salesforce/salesforce-api';
import { salesforceRecordUrl } from '../../../../electron/sync/connectors/salesforce/salesforce-links';
import {
  NO_CONTACT_ID,
  caseIdOf,
  contactIdOf,
  fieldValue,
  priorityIn,
  priorityOut,
  salesforceIdOf,
  statusIn,
  statusOut,
  to18,
  toPulledCase,
  toPulledCustomer,
  unmodifiedSince,
  versionOf,
} from '../../../../electron/sync/connectors/salesforce/salesforce-mapping';
import { salesforceFieldMapping } from '../../../../shared/sync/salesforce-fields';

/** Salesforce records → Switchboard records after the field mapping: pure functions, no network. */

const mapping = salesforceFieldMapping(null);
const CONTACT = '003D000000QV9n2IAD';
const CASE = '500D000000LDbmOIAT';

const contact = (over: Record<string, unknown> = {}) =>
  sfRecord.parse({
    attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${CONTACT}` },
    Id: CONTACT,
    SystemModstamp: '2024-05-01T09:30:00.000+0000',
    CreatedDate: '2023-01-15T08:00:00.000+0000',
    Name: 'Rose Gonzalez',
    Email: 'rose@edge.example.com',
    Account: { attributes: { type: 'Account' }, Name: 'Edge Communications' },
    Description: 'Prefers mornings',
    DoNotCall: false,
    Phone: '(512) 757-6000',
    MobilePhone: '+1 512 757 9340',
    HomePhone: null,
    OtherPhone: '512-757-6000',
    ...over,
  });

const kase = (over: Record<string, unknown> = {}) =>
  sfRecord.parse({
    attributes: { type: 'Case' },
    Id: CASE,
    SystemModstamp: '2024-05-02T10:00:05.000+0000',
    CreatedDate: '2024-05-02T09:00:00.000+0000',
    CaseNumber: '00001026',
    Subject: 'Line down since this morning',
    Description: 'The customer reports no dial tone.',
    Status: 'Working',
    Priority: 'High',
    IsClosed: false,
    ContactId: CONTACT,
    ...over,
  });

describe('ids', () => {
  it('keeps the 18-character id Salesforce answers and widens a 15-character one the same way Salesforce does', () => {
    expect(to18(CONTACT)).toBe(CONTACT);
    expect(to18(CONTACT.slice(0, 15))).toBe(CONTACT);
    expect(to18(CASE.slice(0, 15))).toBe(CASE);
    expect(to18('not an id')).toBeNull();
    expect(contactIdOf(CONTACT.slice(0, 15))).toBe(`sf-contact-${CONTACT}`);
    expect(caseIdOf(CASE)).toBe(`sf-case-${CASE}`);
  });

  it('finds the Salesforce id only in its own kind of Switchboard id', () => {
    expect(salesforceIdOf(`sf-case-${CASE}`, 'sf-case-')).toBe(CASE);
    expect(salesforceIdOf(`sf-contact-${CONTACT}`, 'sf-case-')).toBeNull();
    expect(salesforceIdOf('6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b', 'sf-case-')).toBeNull();
    expect(salesforceIdOf('zd-ticket-42', 'sf-case-')).toBeNull();
    expect(salesforceIdOf(null, 'sf-case-')).toBeNull();
  });
});

describe('versions', () => {
  it('is SystemModstamp in epoch ms, read from the +0000 form Salesforce writes', () => {
    expect(versionOf({ SystemModstamp: '2024-05-01T09:30:00.000+0000' })).toBe(Date.UTC(2024, 4, 1, 9, 30, 0));
  });

  it('sends it back as an HTTP date, rounded up to the second so the record it came from never reads as newer', () => {
    expect(unmodifiedSince(Date.UTC(2024, 4, 1, 9, 30, 0))).toBe('Wed, 01 May 2024 09:30:00 GMT');
    expect(unmodifiedSince(Date.UTC(2024, 4, 1, 9, 30, 0, 1))).toBe('Wed, 01 May 2024 09:30:01 GMT');
  });
});

describe('contacts as customers', () => {
  it('takes the name, email, account name as company, notes and every phone field in E.164 with the centre region', () => {
    const customer = toPulledCustomer(contact(), { mapping, defaultRegion: 'US' });
    expect(customer).toEqual({
      id: `sf-contact-${CONTACT}`,
      name: 'Rose Gonzalez',
      email: 'rose@edge.example.com',
      company: 'Edge Communications',
      segment: null,
      doNotCall: false,
      notes: 'Prefers mornings',
      // Phone and OtherPhone are the same number: listed once, with the first field's label.
      phones: [
        { number: '+15127576000', label: 'work' },
        { number: '+15127579340', label: 'mobile' },
      ],
      createdAt: Date.UTC(2023, 0, 15, 8),
      updatedAt: Date.UTC(2024, 4, 1, 9, 30),
      version: Date.UTC(2024, 4, 1, 9, 30),
    });
  });

  it('reads national numbers in the centre region', () => {
    const customer = toPulledCustomer(contact({ Phone: '020 7946 0018', MobilePhone: '07700 900123', OtherPhone: null }), {
      mapping,
      defaultRegion: 'GB',
    });
    expect(customer.phones).toEqual([
      { number: '+442079460018', label: 'work' },
      { number: '+447700900123', label: 'mobile' },
    ]);
  });

  it('keeps a number that is not one as Salesforce has it (the store keeps its digits)', () => {
    const customer = toPulledCustomer(contact({ Phone: 'ask reception', MobilePhone: null, OtherPhone: null }), {
      mapping,
      defaultRegion: 'US',
    });
    expect(customer.phones).toEqual([{ number: 'ask reception', label: 'work' }]);
  });

  it('a person account is a customer without a company (its Account.Name is the person)', () => {
    const customer = toPulledCustomer(contact({ IsPersonAccount: true, Account: { Name: 'Rose Gonzalez' } }), {
      mapping,
      defaultRegion: 'US',
    });
    expect(customer.company).toBeNull();
    expect(customer.name).toBe('Rose Gonzalez');
  });

  it('DoNotCall is carried; a contact with no name is named by email or number', () => {
    expect(toPulledCustomer(contact({ DoNotCall: true }), { mapping, defaultRegion: 'US' }).doNotCall).toBe(true);
    expect(toPulledCustomer(contact({ Name: '  ' }), { mapping, defaultRegion: 'US' }).name).toBe('rose@edge.example.com');
    expect(toPulledCustomer(contact({ Name: null, Email: null }), { mapping, defaultRegion: 'US' }).name).toBe('+15127576000');
  });

  it('follows a mapping that names other fields, a custom segment field and fewer phones', () => {
    const custom = salesforceFieldMapping({
      contact: { company: null, segment: 'Tier__c', phones: [{ field: 'Direct_Line__c', label: 'direct' }] },
    });
    const customer = toPulledCustomer(contact({ Tier__c: 'VIP', Direct_Line__c: '+4930123456' }), { mapping: custom, defaultRegion: 'US' });
    expect(customer).toMatchObject({ company: null, segment: 'VIP', phones: [{ number: '+4930123456', label: 'direct' }] });
  });

  it('reads parent fields by relationship and answers null where the parent is missing', () => {
    expect(fieldValue({ Account: { Name: 'Edge' } }, 'Account.Name')).toBe('Edge');
    expect(fieldValue({ Account: null }, 'Account.Name')).toBeNull();
    expect(fieldValue({ account: { name: 'Edge' } }, 'Account.Name')).toBe('Edge');
  });
});

describe('cases', () => {
  it('takes subject, description, status, priority and the contact as the customer', () => {
    expect(toPulledCase(kase(), mapping)).toEqual({
      id: `sf-case-${CASE}`,
      customerId: `sf-contact-${CONTACT}`,
      subject: 'Line down since this morning',
      description: 'The customer reports no dial tone.',
      status: 'open',
      priority: 'P2',
      createdAt: Date.UTC(2024, 4, 2, 9),
      updatedAt: Date.UTC(2024, 4, 2, 10, 0, 5),
      version: Date.UTC(2024, 4, 2, 10, 0, 5),
    });
  });

  it('a closed case is closed whatever its Status says; an open one with an unknown Status is open', () => {
    expect(toPulledCase(kase({ IsClosed: true, Status: 'Working' }), mapping).status).toBe('closed');
    expect(toPulledCase(kase({ Status: 'Closed', IsClosed: false }), mapping).status).toBe('open');
    expect(toPulledCase(kase({ Status: 'Awaiting Parts' }), mapping).status).toBe('open');
    expect(toPulledCase(kase({ Status: 'New' }), mapping).status).toBe('new');
  });

  it('a case without subject is named by its description or number; one without contact has the placeholder customer', () => {
    expect(toPulledCase(kase({ Subject: null }), mapping).subject).toBe('The customer reports no dial tone.');
    expect(toPulledCase(kase({ Subject: null, Description: null }), mapping).subject).toBe('Salesforce case 00001026');
    expect(toPulledCase(kase({ ContactId: null }), mapping).customerId).toBe(NO_CONTACT_ID);
  });

  it('priorities and statuses both ways, with the defaults for a standard org', () => {
    expect(['Critical', 'High', 'Medium', 'Low', 'Whatever', null].map((p) => priorityIn(p, mapping))).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'P3',
      'P3',
    ]);
    expect((['P1', 'P2', 'P3', 'P4'] as const).map((p) => priorityOut(p, mapping))).toEqual(['High', 'High', 'Medium', 'Low']);
    expect(statusIn('On Hold', false, mapping)).toBe('on-hold');
    expect(statusOut('solved', mapping)).toBe('Closed');
    expect(statusOut('new', mapping)).toBe('New');
  });

  it('an org with its own values maps them by policy', () => {
    const custom = salesforceFieldMapping({
      priorities: { 'P1 - Outage': 'P1' },
      prioritiesOut: { P1: 'P1 - Outage' },
      statuses: { Triage: 'new' },
    });
    expect(priorityIn('P1 - Outage', custom)).toBe('P1');
    expect(priorityIn('High', custom)).toBe('P3');
    expect(priorityOut('P1', custom)).toBe('P1 - Outage');
    expect(priorityOut('P4', custom)).toBe('Low');
    expect(statusIn('Triage', false, custom)).toBe('new');
  });
});

describe('Open in Salesforce', () => {
  it('is the Lightning record page of a contact or a case, on the org address', () => {
    expect(salesforceRecordUrl('https://acme.my.salesforce.com', `sf-case-${CASE}`)).toBe(
      `https://acme.my.salesforce.com/lightning/r/Case/${CASE}/view`,
    );
    expect(salesforceRecordUrl('https://acme.my.salesforce.com/', `sf-contact-${CONTACT}`)).toBe(
      `https://acme.my.salesforce.com/lightning/r/Contact/${CONTACT}/view`,
    );
  });

  it('has no page for a desktop record or an unsafe address', () => {
    expect(salesforceRecordUrl('https://acme.my.salesforce.com', '6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b')).toBeNull();
    expect(salesforceRecordUrl('http://acme.my.salesforce.com', `sf-case-${CASE}`)).toBeNull();
    expect(salesforceRecordUrl('not a url', `sf-case-${CASE}`)).toBeNull();
  });
});
