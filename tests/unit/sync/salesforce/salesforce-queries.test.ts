import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../../electron/sync/case-source';
import {
  FIRST_CURSOR,
  LOCATOR_MAX_AGE_MS,
  decodeCursor,
  encodeCursor,
  locatorOf,
  stageOf,
  usableLocator,
  type FeedCursor,
} from '../../../../electron/sync/connectors/salesforce/salesforce-cursor';
import {
  IDS_PER_QUERY,
  afterClause,
  contactFields,
  contactsByIdQuery,
  historyQuery,
  openCaseContactsQuery,
  openCasesQuery,
  soqlDateTime,
  soqlString,
} from '../../../../electron/sync/connectors/salesforce/salesforce-soql';
import { salesforceFieldMapping } from '../../../../shared/sync/salesforce-fields';

/** The SOQL the pull sends and the cursor it keeps: pure functions, no network. */

const mapping = salesforceFieldMapping(null);
const ID = '003D000000QV9n2IAD';
const AT = Date.UTC(2024, 4, 1, 9, 30, 0);

describe('SOQL', () => {
  it('escapes string literals so a value never ends the quote', () => {
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString('back\\slash')).toBe("'back\\\\slash'");
    expect(soqlString("x' OR Name != '")).toBe("'x\\' OR Name != \\''");
  });

  it('writes dateTime literals in UTC with whole seconds (milliseconds only when there are some)', () => {
    expect(soqlDateTime(AT)).toBe('2024-05-01T09:30:00Z');
    expect(soqlDateTime(AT + 120)).toBe('2024-05-01T09:30:00.120Z');
  });

  it('goes on strictly after the last record in (SystemModstamp, Id) order, exact when many share a stamp', () => {
    expect(afterClause(null)).toBeNull();
    expect(afterClause({ stamp: AT, id: ID })).toBe(
      `(SystemModstamp > 2024-05-01T09:30:00Z OR (SystemModstamp = 2024-05-01T09:30:00Z AND Id > '${ID}'))`,
    );
  });

  it('the history query selects the mapped fields and IsDeleted, in the feed order', () => {
    const fields = contactFields(mapping, true);
    expect(fields).toEqual([
      'Id',
      'SystemModstamp',
      'CreatedDate',
      'Name',
      'Email',
      'Account.Name',
      'Description',
      'DoNotCall',
      'Phone',
      'MobilePhone',
      'HomePhone',
      'OtherPhone',
      'IsPersonAccount',
    ]);
    expect(historyQuery('Contact', fields, null)).toBe(
      `SELECT ${fields.join(', ')}, IsDeleted FROM Contact ORDER BY SystemModstamp ASC, Id ASC`,
    );
    expect(historyQuery('Contact', contactFields(mapping, false), { stamp: AT, id: ID })).toMatch(
      /^SELECT Id, SystemModstamp, .*OtherPhone, IsDeleted FROM Contact WHERE \(SystemModstamp > 2024-05-01T09:30:00Z OR .*\) ORDER BY SystemModstamp ASC, Id ASC$/,
    );
  });

  it('names a field once even when the mapping repeats it in another case', () => {
    const custom = salesforceFieldMapping({ contact: { phones: [{ field: 'phone' }, { field: 'Phone' }], notes: 'Email' } });
    const fields = contactFields(custom, false);
    expect(fields.filter((f) => f.toLowerCase() === 'phone')).toHaveLength(1);
    expect(fields.filter((f) => f.toLowerCase() === 'email')).toHaveLength(1);
  });

  it('open cases, and their contacts by id', () => {
    expect(openCasesQuery(mapping, null)).toBe(
      'SELECT Id, SystemModstamp, CreatedDate, CaseNumber, Subject, Description, Status, Priority, IsClosed, ContactId FROM Case WHERE IsClosed = false ORDER BY SystemModstamp ASC, Id ASC',
    );
    expect(openCaseContactsQuery(mapping, { stamp: AT, id: ID })).toMatch(
      /^SELECT Id, SystemModstamp, ContactId FROM Case WHERE IsClosed = false AND ContactId != null AND \(SystemModstamp > /,
    );
    expect(contactsByIdQuery(['Id', 'Name'], [ID, '003D000000QV9n3IAD'])).toBe(
      `SELECT Id, Name FROM Contact WHERE Id IN ('${ID}', '003D000000QV9n3IAD')`,
    );
    expect(() => contactsByIdQuery(['Id'], new Array<string>(IDS_PER_QUERY + 1).fill(ID))).toThrow();
  });
});

describe('the pull cursor', () => {
  it('round-trips every phase and position', () => {
    const cursors: FeedCursor[] = [
      FIRST_CURSOR,
      { phase: 'open', after: { stamp: AT, id: ID }, locator: '01gD0000002HU6KIAW-2000', at: AT },
      { phase: 'history', after: null, locator: null, at: null, progress: { done: 0, total: null, reachedAt: null, complete: false } },
      {
        phase: 'history',
        after: { stamp: AT, id: ID },
        locator: null,
        at: null,
        progress: { done: 4000, total: 200_000, reachedAt: AT, complete: false },
      },
    ];
    for (const cursor of cursors) expect(decodeCursor(encodeCursor(cursor), 'cases')).toEqual(cursor);
    expect(decodeCursor(null, 'customers')).toEqual(FIRST_CURSOR);
  });

  it('says where the feed stands for the status strip; a progress it cannot read counts again instead of losing the place', () => {
    expect(stageOf(FIRST_CURSOR)).toEqual({ stage: 'open' });
    const history: FeedCursor = {
      phase: 'history',
      after: { stamp: AT, id: ID },
      locator: null,
      at: null,
      progress: { done: 4000, total: 200_000, reachedAt: AT, complete: false },
    };
    expect(stageOf(history)).toEqual({ stage: 'history', done: 4000, total: 200_000, reachedAt: AT });
    expect(stageOf({ ...history, progress: { ...history.progress!, complete: true } })).toEqual({ stage: 'complete' });
    const odd = decodeCursor(encodeCursor({ ...history, progress: { done: -1 } as never }), 'cases');
    expect(odd.after).toEqual({ stamp: AT, id: ID });
    expect(odd.progress).toEqual({ done: 0, total: null, reachedAt: null, complete: false });
  });

  it('refuses a cursor it cannot read as cursor-invalid, so the pull engine starts the feed again', () => {
    const bad = [
      'zd1.abc',
      'sf1.!!!',
      encodeCursor({ phase: 'later', after: null, locator: null, at: null } as unknown as FeedCursor),
      encodeCursor({ phase: 'history', after: { stamp: AT, id: 'short' }, locator: null, at: null }),
      encodeCursor({ phase: 'history', after: null, locator: '../../etc', at: AT }),
      encodeCursor({ phase: 'history', after: null, locator: '01gD0000002HU6KIAW-2000', at: null }),
    ];
    for (const value of bad) {
      const error = (() => {
        try {
          decodeCursor(value, 'customers');
          return null;
        } catch (e) {
          return e as SourceError;
        }
      })();
      expect(error).toBeInstanceOf(SourceError);
      expect(error?.kind).toBe('cursor-invalid');
      expect(error?.message).toMatch(/Salesforce customers sync position cannot be read/);
    }
  });

  it('uses a query locator only while it is fresh, and reads it out of nextRecordsUrl', () => {
    const cursor: FeedCursor = { phase: 'history', after: null, locator: '01gD0000002HU6KIAW-2000', at: AT };
    expect(usableLocator(cursor, AT + 1000)).toBe('01gD0000002HU6KIAW-2000');
    expect(usableLocator(cursor, AT + LOCATOR_MAX_AGE_MS)).toBeNull();
    expect(locatorOf('/services/data/v62.0/query/01gD0000002HU6KIAW-2000')).toBe('01gD0000002HU6KIAW-2000');
    expect(locatorOf('/services/data/v62.0/query/../../x')).toBeNull();
    expect(locatorOf(undefined)).toBeNull();
  });
});
