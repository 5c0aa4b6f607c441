import { doNotCallOverrideNote } from '../../../../shared/agent/do-not-call';
import { describePause } from '../../../../shared/telephony/recording-pause';
import { scriptNoteLines } from '../../../../shared/scripts/guided-scripts';
import type { Callback, EscalationRecord, Interaction, WrapUpRecord } from '../../../../shared/store/types';
import { CASE_ID_PREFIX, CONTACT_ID_PREFIX, salesforceIdOf } from './salesforce-mapping';

/**
 * Agent work as Salesforce Tasks (Salesforce Object Reference › Task), as pure functions. Each
 * Task carries a key of its own in the external-id field (`salesforceCallIdField`, by default
 * Switchboard_Call_Id__c), and is written by upsert on that key, so however often a row is sent
 * there is one Task per call, escalation or callback:
 *
 * | what          | key                       | Task                                                          |
 * |---------------|---------------------------|---------------------------------------------------------------|
 * | a call        | the interaction's id      | TaskSubtype Call, CallType, CallDurationInSeconds, Completed  |
 * | its wrap-up   | the same                  | the same Task: CallDisposition (the code), Description        |
 * | an escalation | `escalation:<id>`         | the escalation step, Completed, on the case                   |
 * | a callback    | `callback:<id>`           | due on the callback's day, Not Started until done              |
 *
 * Other contacts (email, chat, walk-in) are Tasks too, without the call fields.
 *
 * TaskSubtype can be set on create only ("Create, Filter, Group, Nillable, Restricted picklist,
 * Sort"): `CREATE_ONLY_FIELDS` are left out when the same upsert must update a Task that exists.
 */

export type TaskFields = Record<string, string | number | boolean | null>;

/** Set only when a Task is created; an upsert that updates must leave them out. */
export const CREATE_ONLY_FIELDS = ['TaskSubtype'] as const;

const SUBJECT_MAX = 255;
const DESCRIPTION_MAX = 32_000;
const DISPOSITION_MAX = 255;

export function escalationTaskKey(escalation: Pick<EscalationRecord, 'id'>): string {
  return `escalation:${escalation.id}`;
}

export function callbackTaskKey(callback: Pick<Callback, 'id'>): string {
  return `callback:${callback.id}`;
}

/** `ActivityDate` is a date without a time: the day the call started on this computer's calendar, as the agent saw it. */
export function activityDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** WhoId and WhatId: only records Salesforce has (a desktop-made customer or case has no Salesforce id). */
function links(customerId: string | null, caseId: string | null): TaskFields {
  const who = salesforceIdOf(customerId, CONTACT_ID_PREFIX);
  const what = salesforceIdOf(caseId, CASE_ID_PREFIX);
  return { ...(who ? { WhoId: who } : {}), ...(what ? { WhatId: what } : {}) };
}

const CHANNEL_WORDS: Record<Interaction['channel'], string> = { call: 'call', email: 'email', chat: 'chat', 'walk-in': 'walk-in' };

export function callSubject(interaction: Interaction): string {
  const party = interaction.number ?? 'unknown number';
  if (interaction.channel !== 'call') {
    const what = CHANNEL_WORDS[interaction.channel];
    return clip(
      `${what.charAt(0).toUpperCase()}${what.slice(1)} ${interaction.direction === 'inbound' ? 'from' : 'to'} ${party}`,
      SUBJECT_MAX,
    );
  }
  const missed = interaction.outcome === 'answered' ? '' : `${interaction.outcome.charAt(0).toUpperCase()}${interaction.outcome.slice(1)} `;
  const direction = interaction.direction === 'inbound' ? 'inbound call from' : 'outbound call to';
  const text = missed === '' ? `${direction.charAt(0).toUpperCase()}${direction.slice(1)}` : `${missed}${direction}`;
  return clip(`${text} ${party}`, SUBJECT_MAX);
}

function callDescription(interaction: Interaction, wrapUp: WrapUpRecord): string {
  const lines = [callSubject(interaction)];
  const facts = [`started ${utc(interaction.startedAt)}`];
  if (interaction.channel === 'call') {
    facts.push(`outcome ${interaction.outcome}`, `talk ${duration(interaction.talkSeconds)}`, `hold ${duration(interaction.holdSeconds)}`);
  }
  lines.push(facts.join(', '));
  if (interaction.doNotCallOverride) lines.push(doNotCallOverrideNote(interaction.doNotCallOverride));
  // Where the call's recording has a gap on purpose, so a reviewer does not take it for a fault.
  for (const pause of interaction.recordingPauses ?? []) lines.push(describePause(pause));
  lines.push(...wrapUpLines(wrapUp));
  // The steps as they stood when the wrap-up was sent (ticked during the call or the wrap-up).
  const scripts = scriptNoteLines(interaction.guidedScripts ?? []);
  if (scripts.length > 0) lines.push('', ...scripts);
  lines.push('', `Switchboard call ID: ${interaction.id}`);
  return clip(lines.join('\n'), DESCRIPTION_MAX);
}

function wrapUpLines(wrapUp: WrapUpRecord): string[] {
  const lines = ['', `Wrap-up: ${wrapUp.code ?? '(none)'}${wrapUp.resolvedOnFirstContact ? ', resolved on first contact' : ''}`];
  if (wrapUp.notes.trim() !== '') lines.push(wrapUp.notes.trim());
  if (wrapUp.callback?.at) lines.push(`Callback promised for ${utc(wrapUp.callback.at)} to ${wrapUp.callback.number}`);
  if (wrapUp.doNotCall) lines.push(`Do not call ${wrapUp.doNotCall.number} again`);
  return lines;
}

/**
 * A call (or another contact) as its Task: what the call itself says. Its Description and
 * CallDisposition come from the wrap-up only (`wrapUpTask`), so a later row of the call (its final
 * after-call work time) never overwrites what the agent wrote. The one exception is a call placed
 * with a do-not-call approval and never answered: no wrap-up follows it, so the approval goes into
 * its Description here.
 */
export function callTask(interaction: Interaction): TaskFields {
  const task: TaskFields = {
    Subject: callSubject(interaction),
    Status: 'Completed',
    ActivityDate: activityDate(interaction.startedAt),
    ...links(interaction.customerId, interaction.caseId),
  };
  if (interaction.channel === 'call') {
    task.TaskSubtype = 'Call';
    task.CallType = interaction.direction === 'inbound' ? 'Inbound' : 'Outbound';
    task.CallDurationInSeconds = interaction.talkSeconds + interaction.holdSeconds;
    // Call Center's own field for the telephony's call id: the SIP Call-ID lets IT match the Task to PBX records.
    if (interaction.sipCallId) task.CallObject = clip(interaction.sipCallId, 255);
    // A call never answered gets no wrap-up to write the Description; its approval must still be on the Task.
    if (interaction.doNotCallOverride && interaction.outcome !== 'answered') {
      task.Description = clip(doNotCallOverrideNote(interaction.doNotCallOverride), DESCRIPTION_MAX);
    }
  } else {
    task.TaskSubtype = 'Task';
  }
  return task;
}

/**
 * A submitted wrap-up on its call's Task: CallDisposition is the code, Description the call's
 * facts and the agent's notes. With the call in hand (`interaction`), the whole Task; without it
 * (the call is not on this computer), only what the wrap-up says, which the upsert adds to the
 * Task the call made.
 */
export function wrapUpTask(wrapUp: WrapUpRecord, interaction: Interaction | null): TaskFields {
  const task: TaskFields = interaction
    ? { ...callTask(interaction), Description: callDescription(interaction, wrapUp) }
    : { Description: clip(wrapUpLines(wrapUp).slice(1).join('\n'), DESCRIPTION_MAX) };
  if (wrapUp.code) task.CallDisposition = clip(wrapUp.code, DISPOSITION_MAX);
  return task;
}

/** The escalation step as a completed Task on the case, for the case's activity history. */
export function escalationTask(escalation: EscalationRecord, groupName: string = escalation.group): TaskFields {
  const h = escalation.handoff;
  const lines = [`Escalated to ${groupName} (${escalation.tier}), priority ${escalation.priority}: ${escalation.summary}`];
  lines.push(`Acknowledge by ${utc(escalation.acknowledgeBy)}, resolve by ${utc(escalation.resolveBy)}`);
  if (h.customerExpectation.trim()) lines.push('', `What the customer expects: ${h.customerExpectation.trim()}`);
  if (h.troubleshootingDone.trim()) lines.push('', `Troubleshooting done: ${h.troubleshootingDone.trim()}`);
  if (h.recommendedNextSteps.trim()) lines.push('', `Recommended next steps: ${h.recommendedNextSteps.trim()}`);
  lines.push('', `Switchboard escalation ID: ${escalation.id}`);
  return {
    Subject: clip(`Escalated to ${groupName}: ${escalation.summary}`, SUBJECT_MAX),
    Status: 'Completed',
    TaskSubtype: 'Task',
    ActivityDate: activityDate(escalation.createdAt),
    Description: clip(lines.join('\n'), DESCRIPTION_MAX),
    ...links(escalation.customerId, escalation.caseId),
  };
}

/**
 * A promised callback as an open Task due on its day. Done: Completed, with its outcome; cancelled:
 * Completed, saying so; handed back to the team: still Not Started (someone must still call), with
 * the reason. Only the Status values this connector already sends, which every org's picklist has.
 */
export function callbackTask(callback: Callback): TaskFields {
  const open = callback.state === 'scheduled' || callback.state === 'handed-back';
  const lines = [`Call back ${callback.number} at ${utc(callback.dueAt)}`];
  if (callback.state === 'cancelled') lines.push('Cancelled in Switchboard');
  if (callback.state === 'done' && callback.outcome) lines.push(`Done in Switchboard: ${callback.outcome}`);
  if (callback.state === 'handed-back') lines.push(`Handed back to the team: ${callback.handBackReason ?? ''}`.trim());
  if (callback.note.trim() !== '') lines.push('', callback.note.trim());
  lines.push('', `Switchboard callback ID: ${callback.id}`);
  const prefix =
    callback.state === 'cancelled'
      ? 'Cancelled: call'
      : callback.state === 'handed-back'
        ? 'Handed back: call'
        : callback.state === 'done' && callback.outcome
          ? `Done (${callback.outcome}): call`
          : 'Call';
  return {
    Subject: clip(`${prefix} back ${callback.number}`, SUBJECT_MAX),
    Status: open ? 'Not Started' : 'Completed',
    TaskSubtype: 'Task',
    ActivityDate: activityDate(callback.dueAt),
    Description: clip(lines.join('\n'), DESCRIPTION_MAX),
    ...links(callback.customerId, callback.caseId),
  };
}

/** The same Task fields without those Salesforce sets only on create. */
export function withoutCreateOnly(task: TaskFields): TaskFields {
  const out: TaskFields = { ...task };
  for (const field of CREATE_ONLY_FIELDS) delete out[field];
  return out;
}
