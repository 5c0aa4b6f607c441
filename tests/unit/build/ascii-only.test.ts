import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../../scripts/lib/ascii-only.mjs';

/** Runs `code` (a function body) and returns what it returns, as JSON (it comes from another realm). */
const run = (code: string): string => JSON.stringify(runInNewContext(`(() => {${code}})()`));

describe('asciiOnly (main bundles kept one byte a character)', () => {
  it('leaves ASCII code as it is', () => {
    const code = 'const a = "x\\u2014y"; // plain\nreturn /[a-z]+/.test(a);';
    expect(asciiOnly(code)).toBe(code);
  });

  it('writes what is left non-ASCII as escapes, and the code does the same', () => {
    const cases = [
      // A regular expression literal esbuild leaves as written (the Salesforce update text).
      'return "– Update".replace(/^[-–—:]\\s*/, "");',
      // A character outside the BMP, with and without the u flag.
      'return [/😀/u.test("a😀"), /^.$/u.test("😀"), "😀".length];',
      // An identity escape of a non-ASCII character.
      'return /\\é/.test("é");',
      // A comment.
      'return 1; /** caller · number → P1–P4 */',
    ];
    for (const code of cases) {
      const ascii = asciiOnly(code);
      expect(ascii).not.toMatch(/[\u0080-\uffff]/);
      expect(run(ascii)).toBe(run(code));
    }
  });

  it('keeps an escaped backslash before a non-ASCII character', () => {
    const code = 'return "\\\\é";';
    expect(run(asciiOnly(code))).toBe(run(code));
  });
});
