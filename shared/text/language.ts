/**
 * Which language the agent reads: the window (renderer/src/i18n) and main (its OS notifications,
 * start-failure box and sign-in page, `shared/text/translate.ts`) choose by the same rule, so the
 * two never disagree.
 */

/** The languages Switchboard is translated into; English is the source catalog. */
export const SUPPORTED_LANGUAGES = ['en', 'de'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

export function isSupportedLanguage(value: string): value is SupportedLanguage {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to show: the setting when it names a supported language ("system" does not), else
 * the first of the system's preferred languages (BCP 47 tags, most preferred first) that is
 * supported, matched on the base language ("de-AT" → German), else English.
 */
export function pickLanguage(setting: string | null | undefined, preferred: readonly string[]): SupportedLanguage {
  if (setting && isSupportedLanguage(setting)) return setting;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isSupportedLanguage(base)) return base;
  }
  return 'en';
}

/**
 * The language tags of an HTTP `Accept-Language` header (RFC 9110 §12.5.4), most preferred first;
 * a tag refused with q=0, a wildcard or a malformed entry is left out. The browser's languages
 * stand for the system's on the page the browser shows at the end of a sign-in.
 */
export function acceptLanguageTags(header: string | undefined): string[] {
  if (!header) return [];
  const weighted: { tag: string; q: number; order: number }[] = [];
  header
    .slice(0, 1000)
    .split(',')
    .forEach((entry, order) => {
      const [tag = '', ...params] = entry.trim().split(';');
      if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return;
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      if (Number.isFinite(q) && q > 0) weighted.push({ tag, q, order });
    });
  return weighted.sort((a, b) => b.q - a.q || a.order - b.order).map((w) => w.tag);
}
