import { describe, expect, it } from 'vitest';
import { parseJsonRows } from '../../../electron/store/import/json-rows';
import { englishOf, type UserText } from '../../../shared/text/user-text';

/** The problems with their messages in English, as the person importing reads them in an English window. */
function inEnglish<T extends { message: UserText }>(problems: readonly T[]): (Omit<T, 'message'> & { message: string })[] {
  return problems.map((p) => ({ ...p, message: englishOf(p.message) }));
}

describe('parseJsonRows', () => {
  it('gives each element of an array the line it starts on', () => {
    const text = '[\n  {"id": "a",\n   "name": "Ana"},\n  {"id": "b", "name": "Ben, \\"the\\" [x]"}\n]';
    const result = parseJsonRows(text);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, section: null, value: { id: 'a', name: 'Ana' } },
      { line: 4, section: null, value: { id: 'b', name: 'Ben, "the" [x]' } },
    ]);
  });

  it('reads {"customers": [...], "cases": [...]} with the section of each record', () => {
    const text = '{\n"customers": [\n {"id": "c1"}\n],\n"cases": [\n {"id": "k1"},\n {"id": "k2"}\n]\n}';
    const result = parseJsonRows(text);
    expect(result.rows.map((r) => [r.line, r.section, (r.value as { id: string }).id])).toEqual([
      [3, 'customers', 'c1'],
      [6, 'cases', 'k1'],
      [7, 'cases', 'k2'],
    ]);
  });

  it('reads JSON Lines and reports a broken line by number', () => {
    const result = parseJsonRows('{"id": "a"}\n{"id": "b",}\n\n{"id": "c"}\n');
    expect(result.rows.map((r) => r.line)).toEqual([1, 4]);
    expect(inEnglish(result.problems)).toEqual([{ line: 2, message: expect.stringContaining('not valid JSON') }]);
  });

  it('reports a broken element at its own line and keeps file content out of the message', () => {
    const result = parseJsonRows('[\n {"id": "a"},\n {"id": "secret-name" "x": 1},\n {"id": "c"}\n]');
    expect(result.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.line).toBe(3);
    expect(JSON.stringify(result.problems[0]?.message)).not.toContain('secret-name');
    expect(inEnglish(result.problems)[0]?.message).toMatch(/^not valid JSON/);
  });

  it('names the line of an unclosed string, a file that ends early, and trailing text', () => {
    expect(inEnglish(parseJsonRows('[\n{"id": "a}\n]').problems)).toEqual([
      { line: 2, message: 'a string starting on line 2 is never closed' },
    ]);
    expect(inEnglish(parseJsonRows('[\n{"id": "a"},\n').problems)[0]?.message).toMatch(/ends inside an array/);
    expect(inEnglish(parseJsonRows('[{"id": "a"}]\nextra').problems)[0]).toEqual({
      line: 2,
      message: 'unexpected text after the end of the JSON',
    });
  });

  it('refuses text that is not JSON, and an empty file', () => {
    expect(inEnglish(parseJsonRows('id,name\n1,Ana').problems)[0]?.message).toMatch(/not JSON/);
    expect(inEnglish(parseJsonRows('  \n').problems)).toEqual([{ line: 1, message: 'the file is empty' }]);
  });
});
