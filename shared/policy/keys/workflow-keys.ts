/** Policy keys for the agent's workflow: wrap-up codes, states, escalation, do-not-call, ringing and hotkeys. */
import * as z from 'zod';
import { rule, oneOf } from '../rule-text';
import {
  afterCallWorkPolicySchema,
  escalationMatrixSchema,
  guidedScriptCatalogSchema,
  inboundDeclinePolicySchema,
  notReadyReasonsSchema,
  slaPolicySchema,
  wrapUpCatalogSchema,
} from '../../config/workflow';
import { hotkeyMapSchema } from '../../hotkeys/accelerator';
import { define, DO_NOT_CALL_OVERRIDE_MODES } from '../key-definition';

export const WORKFLOW_KEYS = {
  wrapUpCodes: define({
    section: 'Agent workflow',
    title: 'Wrap-up codes',
    description: 'The wrap-up code catalog: a JSON array of { code, label, category, needsNote, triggers, active, resolvesByDefault }.',
    kind: 'json',
    schema: wrapUpCatalogSchema,
    builtin: null,
    example: '[{"code":"resolved","label":"Resolved","category":"General"}]',
  }),
  notReadyReasons: define({
    section: 'Agent workflow',
    title: 'Not-ready reasons',
    description: 'The reasons an agent can give for Not ready: a JSON array of { code, label, productive, reminderAfterMinutes, active }.',
    kind: 'json',
    schema: notReadyReasonsSchema,
    builtin: null,
    example: '[{"code":"break","label":"Break","reminderAfterMinutes":15}]',
  }),
  afterCallWork: define({
    section: 'Agent workflow',
    title: 'After-call work',
    description:
      'Wrap-up time after each call: JSON { seconds, onExpiry: "ready" | "stay-until-coded", maxExtensionSeconds, extensionStepSeconds }.',
    kind: 'json',
    schema: afterCallWorkPolicySchema,
    builtin: null,
    example: '{"seconds":60,"onExpiry":"stay-until-coded"}',
  }),
  inboundCalls: define({
    section: 'Agent workflow',
    title: 'Inbound calls while busy',
    description:
      'Which calls the agent is not offered: JSON { sipCode: 480 | 486 | 600 | 603, declineInWrapUp, declineWhileBusy (false: a second call is offered as call waiting), ringTimeoutSeconds, missedCallsBeforeNotReady (offers missed in a row that turn the agent Not ready; default 2) }.',
    kind: 'json',
    schema: inboundDeclinePolicySchema,
    builtin: null,
    example: '{"declineWhileBusy":false,"ringTimeoutSeconds":20}',
  }),
  escalationMatrix: define({
    section: 'Agent workflow',
    title: 'Escalation matrix',
    description: 'Tier 2 groups, their numbers and on-call backups, and the management chain: JSON { tiers, chain, chainPriorities }.',
    kind: 'json',
    schema: escalationMatrixSchema,
    builtin: null,
    example: '{"tiers":[{"id":"t2","name":"Tier 2","groups":[{"id":"net","name":"Network","phone":"+4930123456"}]}]}',
  }),
  slaPolicy: define({
    section: 'Agent workflow',
    title: 'SLA policy',
    description:
      'Acknowledge and resolve targets per priority (P1-P4), the at-risk share and business hours: JSON { priorities, atRiskFraction, businessHours }.',
    kind: 'json',
    schema: slaPolicySchema,
    builtin: null,
    example: '{"priorities":{"P1":{"acknowledgeMinutes":15,"resolveMinutes":240}}}',
  }),
  doNotCallOverride: define({
    section: 'Agent workflow',
    title: 'Do-not-call override',
    description:
      'Whether an agent may call a number on the do-not-call list: never (the call is refused) or with-supervisor-approval (the agent names the approving supervisor and writes a reason; the call is placed, logged without the number or names, and the override is recorded with the call and synced to the CRM).',
    kind: 'string',
    schema: z.enum(DO_NOT_CALL_OVERRIDE_MODES, { error: oneOf(DO_NOT_CALL_OVERRIDE_MODES) }),
    builtin: 'never',
    example: 'with-supervisor-approval',
  }),
  focusOnRing: define({
    section: 'Agent workflow',
    title: 'Bring the window forward on ring',
    description:
      'true: an incoming call raises the Switchboard window when it is hidden, minimized or behind another window. false: it stays where it is and the "Incoming call" notification (shown whenever the window is not in front) brings it forward when clicked. Either way a window the agent is working in is never interrupted.',
    kind: 'boolean',
    schema: z.boolean({ error: rule('policy.rule.trueOrFalse') }),
    builtin: true,
    example: 'false',
  }),
  globalHotkeys: define({
    section: 'Agent workflow',
    title: 'Global hotkeys',
    description:
      'Keys that answer, hang up, mute and hold while another application has focus (the desktop app only): JSON { answer, hangUp, mute, hold } of Electron key combinations, each with CommandOrControl, Control, Alt or Super (F-keys and media keys may stand alone). An action left out has none; {} or not set: none (a global key is taken from every other application, so none is set without IT choosing it). A key another application already holds is reported to the agent.',
    kind: 'json',
    schema: hotkeyMapSchema,
    builtin: null,
    example:
      '{"answer":"CommandOrControl+Alt+A","hangUp":"CommandOrControl+Alt+E","mute":"CommandOrControl+Alt+M","hold":"CommandOrControl+Alt+H"}',
  }),
  guidedScripts: define({
    section: 'Agent workflow',
    title: 'Guided scripts',
    description:
      'The step-by-step checklists the Scripts panel offers, replacing the shipped list: a JSON array of { id, title, targetSeconds (10-3600, what the timer counts against), steps: [{ id, label, payment }], suggestWhen: { caseCategories, wrapUpCodes } }. A step with payment true pauses the call recording when the agent starts it and resumes it when ticked done (needs recordingPauseMethod). [] offers none.',
    kind: 'json',
    schema: guidedScriptCatalogSchema,
    builtin: null,
    example:
      '[{"id":"verify","title":"Identity verification","targetSeconds":90,"steps":[{"id":"name","label":"Check the full name"}],"suggestWhen":{"caseCategories":["Account update"]}}]',
  }),
} as const;
