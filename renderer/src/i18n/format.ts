import { useTranslation } from 'react-i18next';

/**
 * Dates, times, durations and numbers as the window's language writes them. Formatters are
 * cached per locale and option set: building an Intl formatter costs far more than using one.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

/** A running clock, "4:05" or "1:02:03": the same in every language the window ships. */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A duration in words' short form: "45 sec", "8 min", "2 hr" / "45 Sek.", "8 Min.", "2 Std.". */
export function formatDuration(milliseconds: number, locale: string): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  const [value, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3600
        ? [Math.round(seconds / 60), 'minute']
        : [Math.round((seconds / 3600) * 10) / 10, 'hour'];
  return cached(`duration:${locale}:${unit}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' })).format(
    value,
  );
}

/** A time of day, "14:05" or "2:05 PM" as the locale writes it. */
export function formatTime(at: Date | number, locale: string): string {
  return cached(`time:${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'short' })).format(at);
}

/** A date and time, "6 Dec 2026, 14:05" / "06.12.2026, 14:05". */
export function formatDateTime(at: Date | number, locale: string): string {
  return cached(`datetime:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(at);
}

/** A date, "6 Dec 2026" / "06.12.2026". */
export function formatDate(at: Date | number, locale: string): string {
  return cached(`date:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(at);
}

/** "in 5 minutes" / "5 minutes ago" / "in 5 Minuten". */
export function formatRelative(milliseconds: number, locale: string): string {
  const rtf = cached(`relative:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const abs = Math.abs(milliseconds);
  if (abs < 60_000) return rtf.format(Math.round(milliseconds / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(Math.round(milliseconds / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(Math.round(milliseconds / 3_600_000), 'hour');
  return rtf.format(Math.round(milliseconds / 86_400_000), 'day');
}

/** A count or measure, "1,234" / "1.234". */
export function formatNumber(value: number, locale: string, fractionDigits = 0): string {
  return cached(
    `number:${locale}:${fractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }),
  ).format(value);
}

/** A share, "72 %" / "72 %" (0.72 in). */
export function formatPercent(share: number, locale: string): string {
  return cached(`percent:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

/** The window's locale, for the formatters above; components using it re-render on a language change. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? i18n.language;
}
