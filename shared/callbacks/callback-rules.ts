import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { cardNumberProblem } from '../agent/card-number';
import { fieldProblem } from '../bridge/validate';
import { CALLBACK_OUTCOME_IDS, type CallbackOutcome, type WrapUpPolicy } from '../config/workflow';
import { ok, refuse, type Result } from '../core/result';
import { dialablePart, isCountryCode } from '../store/phone';
import type { Callback } from '../store/types';

/**
 * The rules of "My callbacks", pure (time comes in as an argument): when a promised callback is
 * due or overdue, what a reschedule, an outcome or a hand-back must hold, and how a callback's
 * time reads in the customer's zone and the agent's.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A callback not made this long after its time is overdue (badge, my stats). A customer told
 * "at 14:00" who is called at 14:03 was called on time; at 14:10 they were kept waiting.
 */
export const OVERDUE_AFTER_MINUTES = 5;

export type CallbackStatus = 'upcoming' | 'due' | 'overdue' | 'closed';

/** upcoming until its reminder (or its time, without one), due from then, overdue OVERDUE_AFTER_MINUTES after its time. */
export function callbackStatus(cb: Pick<Callback, 'state' | 'dueAt' | 'remindAt'>, now: number): CallbackStatus {
  if (cb.state !== 'scheduled') return 'closed';
  if (now >= cb.dueAt + OVERDUE_AFTER_MINUTES * MINUTE) return 'overdue';
  if (now >= Math.min(cb.remindAt ?? cb.dueAt, cb.dueAt)) return 'due';
  return 'upcoming';
}

/**
 * The next instant after `now` at which any of these callbacks changes status (upcoming → due at its
 * reminder, due → overdue OVERDUE_AFTER_MINUTES after its time); null when none will. A list on
 * screen wakes then, not on a clock (docs/performance.md, "Start-up, memory and idle CPU").
 */
export function nextCallbackStatusChange(callbacks: readonly Pick<Callback, 'dueAt' | 'remindAt'>[], now: number): number | null {
  let next = Infinity;
  for (const cb of callbacks) {
    for (const at of [Math.min(cb.remindAt ?? cb.dueAt, cb.dueAt), cb.dueAt + OVERDUE_AFTER_MINUTES * MINUTE]) {
      if (at > now && at < next) next = at;
    }
  }
  return next === Infinity ? null : next;
}

export function isOverdue(cb: Pick<Callback, 'state' | 'dueAt' | 'remindAt'>, now: number): boolean {
  return callbackStatus(cb, now) === 'overdue';
}

/** The callbacks still owed whose time passed more than OVERDUE_AFTER_MINUTES ago. */
export function countOverdue(callbacks: readonly Pick<Callback, 'state' | 'dueAt' | 'remindAt'>[], now: number): number {
  return callbacks.filter((cb) => isOverdue(cb, now)).length;
}

/** Only a callback still owed can be rescheduled, done or handed back. */
export function checkStillOpen(cb: Pick<Callback, 'state'>): Result<true> {
  if (cb.state === 'scheduled') return ok(true);
  const key =
    cb.state === 'handed-back'
      ? 'agent.callbackList.alreadyHandedBack'
      : cb.state === 'done'
        ? 'agent.callbackList.alreadyDone'
        : 'agent.callbackList.alreadyCancelled';
  return refuse([fieldProblem('id', key)]);
}

/**
 * A new time for a callback: set, in the future, and within the wrap-up's `maxDaysAhead`. The
 * reminder keeps the wrap-up's lead, but never lies in the past (it would fire as "late" at once).
 */
export function checkReschedule(
  at: number | null,
  now: number,
  policy: Pick<WrapUpPolicy['callback'], 'maxDaysAhead' | 'reminderMinutesBefore'>,
): Result<{ dueAt: number; remindAt: number }> {
  if (at === null || !Number.isFinite(at)) return refuse([fieldProblem('at', 'agent.callbackList.timeMissing')]);
  if (at <= now) return refuse([fieldProblem('at', 'agent.callbackList.timeInPast')]);
  if (at > now + policy.maxDaysAhead * DAY)
    return refuse([fieldProblem('at', 'agent.callbackList.timeTooFar', { days: policy.maxDaysAhead })]);
  return ok({ dueAt: at, remindAt: Math.max(now, at - policy.reminderMinutesBefore * MINUTE) });
}

export function checkOutcome(outcome: string): Result<CallbackOutcome> {
  const known = CALLBACK_OUTCOME_IDS.find((id) => id === outcome);
  if (known === undefined) return refuse([fieldProblem('outcome', 'agent.callbackList.chooseOutcome')]);
  return ok(known);
}

export const HAND_BACK_REASON_MAX = 2000;

export function checkHandBackReason(reason: string): Result<string> {
  const text = reason.trim();
  if (text === '') return refuse([fieldProblem('reason', 'agent.callbackList.reasonMissing')]);
  if (text.length > HAND_BACK_REASON_MAX)
    return refuse([fieldProblem('reason', 'agent.callbackList.reasonTooLong', { max: HAND_BACK_REASON_MAX })]);
  // The card-number rule's own message (shared/agent/card-number.ts says the same words in English).
  if (cardNumberProblem(text) !== null) return refuse([fieldProblem('reason', 'agent.cardNumber')]);
  return ok(text);
}

/**
 * Countries whose numbers all ring in one time zone, by ISO 3166 code. A customer record carries
 * no time zone, so the number's country is all there is to go on; a country spanning several
 * zones (US, CA, MX, BR, AU, RU, ES with the Canaries, PT with the Azores, ...) stays unknown
 * rather than guessed.
 */
const SINGLE_ZONE_COUNTRIES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CH: 'Europe/Zurich',
  CN: 'Asia/Shanghai',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GR: 'Europe/Athens',
  HK: 'Asia/Hong_Kong',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IL: 'Asia/Jerusalem',
  IN: 'Asia/Kolkata',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PH: 'Asia/Manila',
  PL: 'Europe/Warsaw',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SG: 'Asia/Singapore',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
  TR: 'Europe/Istanbul',
  AE: 'Asia/Dubai',
  ZA: 'Africa/Johannesburg',
};

/** The customer's time zone from the number's country, when that country has one zone; else null. */
export function customerTimeZone(number: string, defaultRegion: string): string | null {
  const country = parsed(number, defaultRegion)?.country;
  return country === undefined ? null : (SINGLE_ZONE_COUNTRIES[country] ?? null);
}

/** The number as the agent reads it: international format for a phone number, as stored otherwise (an extension, a sip: URI). */
export function displayNumber(number: string, defaultRegion: string): string {
  if (/^sips?:/i.test(number)) return number;
  const p = parsed(number, defaultRegion);
  return p?.isPossible() === true ? p.formatInternational() : number;
}

function parsed(number: string, defaultRegion: string) {
  const dialable = dialablePart(number);
  if (dialable.replace(/\D/g, '').length < 6) return undefined;
  try {
    return parsePhoneNumberFromString(dialable, isCountryCode(defaultRegion) ? defaultRegion : undefined);
  } catch {
    // libphonenumber throws on some malformed input: not a number we can place.
    return undefined;
  }
}

export const NOTE_EXCERPT_MAX = 140;

/** The first line-worth of the notes: enough to recall why the customer wants the call. */
export function noteExcerpt(note: string): string {
  const text = note.replace(/\s+/g, ' ').trim();
  return text.length <= NOTE_EXCERPT_MAX ? text : `${text.slice(0, NOTE_EXCERPT_MAX - 1).trimEnd()}…`;
}

/**
 * A callback time as the list shows it, in one zone: "Mon 7 Dec, 14:30 GMT". The zone's short
 * name is part of it, so two times on one row cannot be mistaken for each other.
 */
export function formatCallbackTime(at: number, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
}
