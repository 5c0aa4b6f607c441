/**
 * Stats-only formatting on top of i18n/format.ts: one-decimal figures ("75.0" / "75,0", as the
 * figures are computed) and bucket names in the agent's time zone ("09:00", "Mon 1 Dec").
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function get<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

/** 75 → "75.0" (en) / "75,0" (de): the one decimal the figures carry, always shown. */
export function oneDecimal(value: number, locale: string): string {
  return get(`1dp:${locale}`, () => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(value);
}

/** The start of an hour bucket: "09:00" / "9:00 AM", in the stats' time zone. */
export function hourName(at: number, locale: string, timeZone: string): string {
  return get(`hour:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone })).format(
    at,
  );
}

/**
 * A short axis tick for an hour bucket, on the 24-hour clock ("07", "13") in every language: a
 * 12-hour "1" without its AM/PM would be ambiguous, and the full name ("1:00 PM") does not fit
 * under a bar. The table and the summary name the hour as the locale writes it.
 */
export function hourTick(at: number, locale: string, timeZone: string): string {
  const format = get(
    `hourTick:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { hour: '2-digit', hourCycle: 'h23', timeZone }),
  );
  return format.formatToParts(at).find((p) => p.type === 'hour')?.value ?? '';
}

/** A weekday for an axis tick: "Mon" / "Mo.". */
export function dayTick(at: number, locale: string, timeZone: string): string {
  return get(`dayTick:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone })).format(at);
}

/** A day in full for the table and summary: "Mon 1 Dec" / "Mo., 1. Dez.". */
export function dayName(at: number, locale: string, timeZone: string): string {
  return get(
    `day:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }),
  ).format(at);
}
