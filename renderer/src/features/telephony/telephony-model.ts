import type { Call, QualitySample } from '../../../../shared/telephony/model';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { qualityLabel } from '../../../../shared/telephony/quality';
import { i18n } from '../../i18n';

/**
 * Pure helpers behind the phone bar: which call the controls act on, and the
 * words the agent reads. No DOM, no bridge: unit-tested in Node.
 */

/** Puts a changed call into the list (or takes it out once it ended), keeping the order calls arrived in. */
export function upsertCall(calls: readonly Call[], call: Call): Call[] {
  if (call.status === 'ended') return calls.filter((c) => c.id !== call.id);
  const index = calls.findIndex((c) => c.id === call.id);
  if (index === -1) return [...calls, call];
  const next = [...calls];
  next[index] = call;
  return next;
}

const TALKING: ReadonlySet<Call['status']> = new Set(['dialing', 'ringing-out', 'connecting', 'active']);

/**
 * The call the main controls (Hang up, Hold, Mute, Keypad, Transfer) act on:
 * the one being talked on or set up, else the most recent call on hold. A
 * call that is only ringing in is never "the" call: it has Answer / Decline.
 */
export function primaryCall(calls: readonly Call[]): Call | null {
  const talking = calls.filter((c) => TALKING.has(c.status));
  if (talking.length > 0) return talking[talking.length - 1] ?? null;
  const held = calls.filter((c) => c.status === 'held');
  return held[held.length - 1] ?? null;
}

/** Inbound calls still ringing, oldest first. */
export function ringingCalls(calls: readonly Call[]): Call[] {
  return calls.filter((c) => c.status === 'ringing-in');
}

/** Calls on hold that are not the primary call (each gets "Switch to" / "End held"). */
export function otherHeldCalls(calls: readonly Call[], primary: Call | null): Call[] {
  return calls.filter((c) => c.status === 'held' && c.id !== primary?.id);
}

/** How the agent names the other party: the display name if the network sent one, else the number. */
export function partyName(call: Pick<Call, 'remote'>): string {
  return call.remote.displayName ?? call.remote.number;
}

/** The other party as the agent reads it: the display name, else the number written the international way (+44 20 7946 0123). */
export function partyLabel(call: Pick<Call, 'remote'>): string {
  return call.remote.displayName ?? displayPhoneNumber(call.remote.number);
}

/** When the call timer counts from: talk time once answered, ringing/dialing time before. */
export function callStart(call: Pick<Call, 'startedAt' | 'answeredAt'>): number {
  return call.answeredAt ?? call.startedAt;
}

/** The call's state in the agent's words (the window's language). */
export function describeCall(call: Call): string {
  const waiting = call.waiting && call.status === 'ringing-in';
  switch (call.status) {
    case 'dialing':
      return i18n.t('telephony:call.dialing');
    case 'ringing-out':
      return i18n.t('telephony:call.ringingOut');
    case 'ringing-in':
      return waiting ? i18n.t('telephony:call.waiting') : i18n.t('telephony:call.incoming');
    case 'connecting':
      return i18n.t('telephony:call.connecting');
    case 'active':
      if (call.holdPending === 'hold') return i18n.t('telephony:call.holding');
      if (call.media === 'lost') return i18n.t('telephony:call.mediaLost');
      if (call.media === 'restoring') return i18n.t('telephony:call.mediaRestoring');
      return call.remoteHold ? i18n.t('telephony:call.remoteHold') : i18n.t('telephony:call.connected');
    case 'held':
      return call.holdPending === 'resume' ? i18n.t('telephony:call.resuming') : i18n.t('telephony:call.held');
    case 'ended':
      return i18n.t('telephony:call.ended');
  }
}

/** What an attended transfer's consultation leg is doing, for the agent (the customer waits on hold meanwhile). */
export function describeConsult(consult: Call, customer: Call): string {
  const who = partyName(consult);
  const about = partyName(customer);
  switch (consult.status) {
    case 'dialing':
    case 'ringing-out':
      return i18n.t('telephony:consult.calling', { who, about });
    case 'held':
      return i18n.t('telephony:consult.held', { who, about });
    default:
      return i18n.t('telephony:consult.talking', { who, about });
  }
}

export interface QualityWords {
  /** "Good", "Fair", "Poor" or "No audio arriving". */
  label: string;
  level: 'good' | 'fair' | 'poor';
  /** "MOS 4.3 · jitter 2 ms · loss 0 % · RTT 12 ms" */
  figures: string;
}

/** A quality reading for the agent: a word first, the numbers after. */
export function describeQuality(sample: QualitySample): QualityWords {
  const noAudio = sample.packetsReceived === 0;
  const level = noAudio ? 'poor' : qualityLabel(sample.mos);
  const label = noAudio
    ? i18n.t('telephony:quality.noAudio')
    : level === 'good'
      ? i18n.t('telephony:quality.good')
      : level === 'fair'
        ? i18n.t('telephony:quality.fair')
        : i18n.t('telephony:quality.poor');
  const parts: string[] = [
    i18n.t('telephony:quality.mos', { value: sample.mos.toFixed(1) }),
    i18n.t('telephony:quality.jitter', { value: Math.round(sample.jitterMs) }),
    i18n.t('telephony:quality.loss', { value: formatPercent(sample.lossPct) }),
  ];
  if (sample.rttMs !== null) parts.push(i18n.t('telephony:quality.rtt', { value: Math.round(sample.rttMs) }));
  return { label, level, figures: parts.join(' · ') };
}

function formatPercent(value: number): string {
  return value < 10 && value % 1 !== 0 ? value.toFixed(1) : String(Math.round(value));
}

/** The keypad's keys with their accessible names in English; keypadKeyName gives the window's language. */
export const KEYPAD_KEYS: readonly { key: string; name: string }[] = [
  ...'123456789'.split('').map((d) => ({ key: d, name: `Digit ${d}` })),
  { key: '*', name: 'Star' },
  { key: '0', name: 'Digit 0' },
  { key: '#', name: 'Hash' },
];

/** A keypad key's accessible name in the window's language: "Digit 5", "Star", "Hash". */
export function keypadKeyName(key: string): string {
  if (key === '*') return i18n.t('telephony:keypad.star');
  if (key === '#') return i18n.t('telephony:keypad.hash');
  return i18n.t('telephony:keypad.digit', { digit: key });
}
