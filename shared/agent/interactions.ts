/**
 * Building interaction records: from the agent state machine's effects for calls (one-click call
 * logging: the row is complete when the call ends, the after-call work is added when the wrap-up
 * period ends), and from the agent's form for emails, chats and walk-ins.
 */
import { ok, refuse, type FieldError, type Result } from '../core/result';
import { fieldProblem } from '../bridge/validate';
import type { AgentEffect } from './agent-state';
import type { DoNotCallOverride } from './do-not-call';
import type { RecordingPause } from '../telephony/recording-pause';
import { CHANNELS, DIRECTIONS, type Channel, type Direction, type Interaction, type QualitySummary } from './records';

type CallEnded = Extract<AgentEffect, { type: 'interaction-ended' }>;

/** What telephony and screen pop know about a call that the state machine does not. */
export interface CallFacts {
  agentId: string;
  /** The other party, E.164 where it could be normalised. */
  number: string | null;
  customerId: string | null;
  caseId: string | null;
  sipCallId: string | null;
  quality: QualitySummary | null;
  /** Dialled to a do-not-call number with a supervisor's approval. */
  doNotCallOverride?: DoNotCallOverride;
  /** The intervals recording was paused (PCI secure pause). */
  recordingPauses?: RecordingPause[];
}

/** The interaction row for a call that just ended (after-call work still 0). */
export function interactionFromCall(effect: CallEnded, facts: CallFacts): Interaction {
  return {
    id: effect.interactionId,
    agentId: facts.agentId,
    channel: 'call',
    direction: effect.direction,
    outcome: effect.outcome,
    number: facts.number,
    startedAt: effect.startedAt,
    answeredAt: effect.answeredAt,
    endedAt: effect.endedAt,
    talkSeconds: effect.talkSeconds,
    holdSeconds: effect.holdSeconds,
    afterCallWorkSeconds: 0,
    customerId: facts.customerId,
    caseId: facts.caseId,
    sipCallId: facts.sipCallId,
    quality: facts.quality,
    ...(facts.doNotCallOverride ? { doNotCallOverride: facts.doNotCallOverride } : {}),
    ...(facts.recordingPauses ? { recordingPauses: facts.recordingPauses } : {}),
  };
}

/** After-call work per interaction from an `acw-ended` effect. */
export function afterCallWorkOf(effect: Extract<AgentEffect, { type: 'acw-ended' }>): Map<string, number> {
  return new Map(effect.afterCallWork.map((a) => [a.interactionId, a.seconds]));
}

/** One click: the contact belongs to another (or a new) case. */
export function moveToCase(interaction: Interaction, caseId: string | null, customerId?: string | null): Interaction {
  return { ...interaction, caseId, customerId: customerId === undefined ? interaction.customerId : customerId };
}

/** The agent's form for a contact that is not a call. */
export interface ManualContactInput {
  id: string;
  agentId: string;
  channel: Channel;
  direction: Direction;
  number: string | null;
  startedAt: number;
  endedAt: number;
  /** Time spent on the contact itself (reading, writing, talking at the desk). */
  handlingSeconds: number;
  afterCallWorkSeconds: number;
  customerId: string | null;
  caseId: string | null;
}

const MAX_CONTACT_SECONDS = 24 * 3600;

/**
 * Checks and builds an email, chat or walk-in interaction. Its handling time is stored as talk
 * time so AHT covers every channel alike.
 */
export function logManualContact(input: ManualContactInput, now: number): Result<Interaction> {
  const errors: FieldError[] = [];
  if (!(CHANNELS as readonly string[]).includes(input.channel)) errors.push(fieldProblem('channel', 'agent.contactLog.chooseChannel'));
  else if (input.channel === 'call') errors.push(fieldProblem('channel', 'agent.contactLog.callsByPhone'));
  if (!(DIRECTIONS as readonly string[]).includes(input.direction))
    errors.push(fieldProblem('direction', 'agent.contactLog.chooseDirection'));
  if (!Number.isInteger(input.startedAt) || input.startedAt <= 0) errors.push(fieldProblem('startedAt', 'agent.contactLog.startMissing'));
  else if (input.startedAt > now) errors.push(fieldProblem('startedAt', 'agent.contactLog.startInFuture'));
  const startBad = errors.some((e) => e.field === 'startedAt');
  if (startBad) {
    // One problem with the times at a time: the end is judged against a sensible start.
  } else if (!Number.isInteger(input.endedAt) || input.endedAt <= 0) errors.push(fieldProblem('endedAt', 'agent.contactLog.endMissing'));
  else if (input.endedAt < input.startedAt) errors.push(fieldProblem('endedAt', 'agent.contactLog.endBeforeStart'));
  else if (input.endedAt > now) errors.push(fieldProblem('endedAt', 'agent.contactLog.endInFuture'));
  for (const [field, value, notWhole, tooLong] of [
    ['handlingSeconds', input.handlingSeconds, 'agent.contactLog.handlingNotWhole', 'agent.contactLog.handlingTooLong'],
    ['afterCallWorkSeconds', input.afterCallWorkSeconds, 'agent.contactLog.afterWorkNotWhole', 'agent.contactLog.afterWorkTooLong'],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) errors.push(fieldProblem(field, notWhole));
    else if (value > MAX_CONTACT_SECONDS) errors.push(fieldProblem(field, tooLong));
  }
  if (input.number !== null && input.number.length > 64) errors.push(fieldProblem('number', 'agent.contactLog.numberTooLong'));
  if (errors.length > 0) return refuse(errors);
  return ok({
    id: input.id,
    agentId: input.agentId,
    channel: input.channel,
    direction: input.direction,
    outcome: 'answered',
    number: input.number,
    startedAt: input.startedAt,
    answeredAt: input.startedAt,
    endedAt: input.endedAt,
    talkSeconds: input.handlingSeconds,
    holdSeconds: 0,
    afterCallWorkSeconds: input.afterCallWorkSeconds,
    customerId: input.customerId,
    caseId: input.caseId,
    sipCallId: null,
    quality: null,
  });
}
