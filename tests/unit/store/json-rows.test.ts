import { describe, expect, it } from 'vitest';
import { parseJsonRows } from '../../../electron/store/import/json-rows';

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
    expect(result.problems).toEqual([{ line: 2, message: expect.stringContaining('not valid JSON') }]);
  });

  it('reports a broken element at its own line and keeps file content out of the message', () => {
    const result = parseJsonRows('[\n {"id": "a"},\n {"id": "secret-name" "x": 1},\n {"id": "c"}\n]');
    expect(result.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.line).toBe(3);
    expect(result.problems[0]?.message).not.toContain('secret-name');
  });

  it('names the line of an unclosed string, a file that ends early, and trailing text', () => {
    expect(parseJsonRows('[\n{"id": "a}\n]').problems).toEqual([{ line: 2, message: 'a string starting on line 2 is never closed' }]);
    expect(parseJsonRows('[\n{"id": "a"},\n').problems[0]?.message).toMatch(/ends inside an array/);
    expect(parseJsonRows('[{"id": "a"}]\nextra').problems[0]).toEqual({ line: 2, message: 'unexpected text after the end of the JSON' });
  });

  it('refuses text that is not JSON, and an empty file', () => {
    expect(parseJsonRows('id,name\n1,Ana').problems[0]?.message).toMatch(/not JSON/);
    expect(parseJsonRows('  \n').problems).toEqual([{ line: 1, message: 'the file is empty' }]);
  });
});
