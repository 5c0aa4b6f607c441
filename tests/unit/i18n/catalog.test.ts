import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import de from '../../../renderer/src/i18n/de';
import en from '../../../renderer/src/i18n/en';
import { pickLanguage, textDirection } from '../../../renderer/src/i18n/languages';

type Tree = { readonly [key: string]: string | Tree };

/** Every leaf of a catalog as "a.b.c" → message. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (message: string) => [...message.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** A plural key ("calls") exists when its plural forms ("calls_one", "calls_other") do. */
function hasKey(catalog: Map<string, string>, key: string): boolean {
  return catalog.has(key) || (catalog.has(`${key}_one`) && catalog.has(`${key}_other`));
}

const ROOT = join(import.meta.dirname, '../../../renderer/src');
const namespaces = Object.keys(en) as (keyof typeof en)[];

describe('message catalogs', () => {
  it.each(namespaces)('German has every English key of "%s", with the same placeholders, and no other', (ns) => {
    const english = leaves(en[ns]);
    const german = leaves(de[ns]);
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, message] of english) {
      expect(placeholders(german.get(key) ?? ''), `${ns}:${key}`).toEqual(placeholders(message));
      expect(german.get(key)?.trim(), `${ns}:${key} is empty in German`).not.toBe('');
    }
  });

  it('has every key the window uses, in English and German', () => {
    const missing: string[] = [];
    let used = 0;
    for (const file of sourceFiles(ROOT)) {
      const text = readFileSync(file, 'utf8');
      // A file translates in the namespace it asks useTranslation for, or that its t is typed with
      // (`TFunction<'scripts'>`, a helper given its caller's t); "common" otherwise.
      const asked = /useTranslation\(\s*'(\w+)'|TFunction<\s*'(\w+)'/.exec(text);
      const fileNs = asked?.[1] ?? asked?.[2] ?? 'common';
      for (const match of text.matchAll(/\bt\(\s*'([\w.:-]+)'/g)) {
        const raw = match[1] ?? '';
        const [ns, key] = raw.includes(':') ? (raw.split(':', 2) as [string, string]) : [fileNs, raw];
        used += 1;
        for (const [language, catalog] of [
          ['en', en],
          ['de', de],
        ] as const) {
          const tree = (catalog as Record<string, Tree | undefined>)[ns];
          if (!tree || !hasKey(leaves(tree), key)) missing.push(`${relative(ROOT, file)}: ${language} lacks ${ns}:${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(used).toBeGreaterThan(0);
  });
});

describe('the window language', () => {
  it('takes the setting, else the first supported system language, else English', () => {
    expect(pickLanguage('de', ['en-GB'])).toBe('de');
    expect(pickLanguage(null, ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(pickLanguage('system', ['fr-FR'])).toBe('en');
    expect(pickLanguage(undefined, [])).toBe('en');
  });

  it('runs right to left for Arabic and Hebrew', () => {
    expect(textDirection('ar-EG')).toBe('rtl');
    expect(textDirection('he')).toBe('rtl');
    expect(textDirection('de-DE')).toBe('ltr');
  });
});
