import type { SalesforceFieldMapping } from '../../../../shared/sync/salesforce-fields';
import type { Position } from './salesforce-cursor';

/**
 * The SOQL the pull sends, built from the field mapping (SOQL and SOSL Reference). Every feed is
 * ordered by `SystemModstamp, Id` and goes on "after" the last record it stored, so a page asked
 * for again, or a feed resumed after a restart, gives the same records in the same order.
 */

/** A string literal: single quotes, with `\` and `'` escaped (SOQL and SOSL Reference › Quoted String Escape Sequences). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A dateTime literal in UTC, `2024-05-01T09:30:00Z` (SOQL and SOSL Reference › Date Formats and Date Literals). */
export function soqlDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Field names once each (SOQL refuses a duplicate field in SELECT), compared as Salesforce does, without case. */
function distinct(fields: (string | null)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const field of fields) {
    if (field === null || seen.has(field.toLowerCase())) continue;
    seen.add(field.toLowerCase());
    out.push(field);
  }
  return out;
}

export function contactFields(mapping: SalesforceFieldMapping, personAccounts: boolean): string[] {
  const c = mapping.contact;
  return distinct([
    'Id',
    'SystemModstamp',
    'CreatedDate',
    c.name,
    c.email,
    c.company,
    c.notes,
    c.segment,
    c.doNotCall,
    ...c.phones.map((p) => p.field),
    personAccounts ? 'IsPersonAccount' : null,
  ]);
}

export function caseFields(mapping: SalesforceFieldMapping): string[] {
  const c = mapping.case;
  return distinct([
    'Id',
    'SystemModstamp',
    'CreatedDate',
    'CaseNumber',
    c.subject,
    c.description,
    c.status,
    c.priority,
    c.closed,
    c.contact,
  ]);
}

/** `(SystemModstamp > t OR (SystemModstamp = t AND Id > 'id'))`: strictly after a record in the feed's order. */
export function afterClause(after: Position | null): string | null {
  if (after === null) return null;
  const t = soqlDateTime(after.stamp);
  return `(SystemModstamp > ${t} OR (SystemModstamp = ${t} AND Id > ${soqlString(after.id)}))`;
}

function select(fields: string[], object: string, conditions: (string | null)[]): string {
  const where = conditions.filter((c): c is string => c !== null);
  return `SELECT ${fields.join(', ')} FROM ${object}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY SystemModstamp ASC, Id ASC`;
}

/** Every record of one object after a position, deleted ones too: sent as queryAll, so a deletion arrives in order as IsDeleted. */
export function historyQuery(object: 'Contact' | 'Case', fields: string[], after: Position | null): string {
  return select(distinct([...fields, 'IsDeleted']), object, [afterClause(after)]);
}

/** The open cases after a position. */
export function openCasesQuery(mapping: SalesforceFieldMapping, after: Position | null): string {
  return select(caseFields(mapping), 'Case', [`${mapping.case.closed} = false`, afterClause(after)]);
}

/** The open cases' contact ids after a position (their contacts are read by id: `contactsByIdQuery`). */
export function openCaseContactsQuery(mapping: SalesforceFieldMapping, after: Position | null): string {
  return select(distinct(['Id', 'SystemModstamp', mapping.case.contact]), 'Case', [
    `${mapping.case.closed} = false`,
    `${mapping.case.contact} != null`,
    afterClause(after),
  ]);
}

/**
 * Ids a query may list in one `IN (…)`. A query travels in the URL, and "the maximum combined
 * length of the URI and headers is 16,384 bytes" (Salesforce Help › Maximum number of rows returned
 * by SOQL queries over the REST API); each quoted id takes 30 characters once encoded
 * (`%27003…%27%2C%20`), so 200 of them (~6,000 characters) leave room for the fields and headers.
 */
export const IDS_PER_QUERY = 200;

export function contactsByIdQuery(fields: string[], ids: string[]): string {
  if (ids.length === 0 || ids.length > IDS_PER_QUERY) throw new Error(`contactsByIdQuery takes 1 to ${IDS_PER_QUERY} ids`);
  return `SELECT ${fields.join(', ')} FROM Contact WHERE Id IN (${ids.map(soqlString).join(', ')})`;
}
