import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { expandedPrefixMatch, planSearch, prefixTermRange, searchTerms, snippetAround } from '../../../electron/store/worker/search-query';

describe('planSearch', () => {
  it('turns FTS syntax into plain quoted words', () => {
    expect(planSearch('"billing dispute" OR router*').match).toBe('"billing" "dispute" "or" "router"');
    expect(planSearch('subject:refund -march NEAR(a b) ^x (y)').terms).toEqual(['subject', 'refund', 'march', 'near', 'a', 'b', 'x', 'y']);
    expect(planSearch('***').mode).toBe('empty');
    expect(planSearch('   ').mode).toBe('empty');
  });

  it('adds a prefix match for the word being typed, not for a finished or one-letter word', () => {
    expect(planSearch('jane smi').prefixMatch).toBe('"jane" "smi"*');
    expect(planSearch('jane smith ').prefixMatch).toBeNull();
    expect(planSearch('jane s').prefixMatch).toBeNull();
  });

  it('expands the word being typed into the index terms that start with it', () => {
    expect(prefixTermRange('smi')).toEqual({ from: 'smi', to: 'smj' });
    expect(prefixTermRange('a9')).toEqual({ from: 'a9', to: 'a:' });
    // The tokenizer folds accents and other scripts: those prefixes are left to FTS5.
    expect(prefixTermRange('mül')).toBeNull();
    expect(expandedPrefixMatch(['jane', 'smi'], ['smith'])).toBe('"jane" AND "smith"');
    expect(expandedPrefixMatch(['smi'], ['smith', 'smithers'])).toBe('("smith" OR "smithers")');
    const db = new Database(':memory:');
    db.exec(
      `CREATE VIRTUAL TABLE f USING fts5(a, detail=none); INSERT INTO f VALUES ('jane smith'), ('john smithers'), ('jane smithers');`,
    );
    const ids = (match: string) => db.prepare<[string], number>('SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid').pluck().all(match);
    expect(ids(expandedPrefixMatch(['jane', 'smi'], ['smith', 'smithers']))).toEqual([1, 3]);
    expect(ids(expandedPrefixMatch(['jane', 'smi'], ['smith', 'smithers']))).toEqual(ids('"jane" "smi"*'));
  });

  it('treats digits as a phone search and a single word as a possible record id', () => {
    expect(planSearch('(415) 555-0123')).toMatchObject({ mode: 'phone', digits: '4155550123' });
    expect(planSearch('0123')).toMatchObject({ mode: 'phone', digits: '0123' });
    expect(planSearch('CS-1004')).toMatchObject({ mode: 'text', idCandidate: 'CS-1004' });
  });

  it('lower-cases, drops repeats and caps the number of words', () => {
    expect(searchTerms('Router ROUTER router')).toEqual(['router']);
    expect(searchTerms('a b c d e f g h i j k')).toHaveLength(8);
  });

  it('never gives FTS5 a query it refuses, whatever the agent typed', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE f USING fts5(a, detail=none); INSERT INTO f VALUES ('hello world');`);
    const q = db.prepare('SELECT count(*) AS n FROM f WHERE f MATCH ?');
    const inputs = [
      '"',
      '""',
      "O'Brien",
      'a AND',
      'OR',
      'NOT x',
      'NEAR(',
      'col:val',
      '-x',
      '+x',
      '*',
      '(a',
      'a)',
      '{a b}',
      'ä ö ü',
      '日本語 テキスト',
      'x\u0301y',
      '\u19b0\u19c8',
      'e-mail',
      '😀 smile',
    ];
    for (const input of inputs) {
      const plan = planSearch(input);
      for (const match of [plan.match, plan.prefixMatch]) if (match) expect(() => q.get(match), input).not.toThrow();
    }
    // Every code point JavaScript calls a letter or digit agrees with FTS5's tokenizer (a quoted word stays one token).
    for (let cp = 0x20; cp < 0x30000; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const plan = planSearch(`x${String.fromCodePoint(cp)}x`);
      if (plan.match) q.get(plan.match);
    }
    expect(q.get(planSearch('HELLO').match!)).toEqual({ n: 1 });
    db.close();
  });
});

describe('snippetAround', () => {
  it('cuts the text around the first match, ignoring case and accents', () => {
    const text = `${'lorem '.repeat(40)}the Café terminal froze again ${'ipsum '.repeat(40)}`;
    const snippet = snippetAround(text, ['cafe'], 80);
    expect(snippet).toContain('Café terminal');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippetAround('short', ['x'])).toBe('short');
  });
});
