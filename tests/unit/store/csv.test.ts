import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../../electron/store/import/csv';
import { englishOf, type UserText } from '../../../shared/text/user-text';

/** The problems with their messages in English, as the person importing reads them in an English window. */
function inEnglish<T extends { message: UserText }>(problems: readonly T[]): (Omit<T, 'message'> & { message: string })[] {
  return problems.map((p) => ({ ...p, message: englishOf(p.message) }));
}

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and keeps each record’s first line', () => {
    const text = 'id,name,notes\r\n1,"Smith, Jane","said ""hi""\r\ncalled back"\r\n2,Bob,plain\r\n';
    const result = parseCsv(text);
    expect(result.header).toEqual(['id', 'name', 'notes']);
    expect(result.records).toEqual([
      { line: 2, fields: ['1', 'Smith, Jane', 'said "hi"\r\ncalled back'] },
      { line: 4, fields: ['2', 'Bob', 'plain'] },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('drops a UTF-8 byte-order mark and reads LF, CRLF and lone CR line ends', () => {
    const result = parseCsv('\uFEFFid,name\n1,Ana\r2,Ben\r\n3,Cai');
    expect(result.header).toEqual(['id', 'name']);
    expect(result.records.map((r) => [r.line, r.fields[1]])).toEqual([
      [2, 'Ana'],
      [3, 'Ben'],
      [4, 'Cai'],
    ]);
  });

  it('detects semicolons (European Excel) and tabs', () => {
    expect(detectDelimiter('id;name;"a,b"\n')).toBe(';');
    expect(detectDelimiter('id\tname\n')).toBe('\t');
    expect(parseCsv('id;name\n7;"Müller; Hans"').records[0]?.fields).toEqual(['7', 'Müller; Hans']);
  });

  it('reports an unterminated quote at the line where the field opened', () => {
    const result = parseCsv('id,name\n1,Ana\n2,"Ben\n3,Cai\n');
    expect(result.records.map((r) => r.line)).toEqual([2]);
    expect(inEnglish(result.problems)).toEqual([{ line: 3, message: 'a quoted field opened on line 3 is never closed' }]);
  });

  it('reports text after a closing quote and a wrong number of fields, with their lines', () => {
    const result = parseCsv('id,name\n1,"Ana"x\n2,Ben,extra\n3,Cai\n4,Dan,\n');
    expect(inEnglish(result.problems)).toEqual([
      { line: 2, message: expect.stringContaining('after a closing quote') },
      { line: 3, message: 'expected 2 fields like the header, found 3' },
    ]);
    // A trailing delimiter is not an extra field.
    expect(result.records.map((r) => r.fields)).toEqual([
      ['3', 'Cai'],
      ['4', 'Dan'],
    ]);
  });

  it('keeps a quote inside an unquoted field as text and skips blank lines', () => {
    const result = parseCsv('id,subject\n\n1,27" monitor flickers\n\n');
    expect(result.records).toEqual([{ line: 3, fields: ['1', '27" monitor flickers'] }]);
  });

  it('counts lines inside quoted fields so later records keep the right line', () => {
    const result = parseCsv('id,notes\n1,"a\n\nb"\n2,"c\r\nd"\n3,x');
    expect(result.records.map((r) => r.line)).toEqual([2, 5, 7]);
  });
});
