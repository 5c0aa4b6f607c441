/**
 * Agent-workflow configuration: the values IT may set by policy (and lock), with the defaults
 * the product ships. Consumed by the agent state machine, wrap-up, escalation and stats modules
 * (shared/agent, shared/escalation, shared/stats, electron/agent) and accepted by the policy engine
 * as the `workflow` section.
 *
 * Units: durations an administrator sets in minutes are named `...Minutes`, the short after-call
 * timers `...Seconds`. Every error message names the field and says what is allowed, because
 * the person who reads it is an administrator looking at a policy file. Messages are `rule()` keys
 * (shared/policy/rule-text.ts, English in shared/text/en/policy.ts), so Settings shows them in the
 * agent's language.
 */
import * as z from 'zod';
import { oneOf, rule } from '../policy/rule-text';
import type { TextKey } from '../text/user-text';

// ---------------------------------------------------------------------------------------------
// Small building blocks

/** Machine code: stable across label changes, safe in logs and in CRM exports. */
export const codeSchema = z
  .string()
  .min(1, rule('policy.rule.notEmpty'))
  .max(40, rule('policy.rule.atMostCharacters', { maximum: 40 }))
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, rule('policy.rule.codeName'));

/** A label an agent reads: plain text, never markup (it is shown as text, but reject it early). */
export const labelSchema = z
  .string()
  .trim()
  .min(1, rule('policy.rule.notEmpty'))
  .max(80, rule('policy.rule.atMostCharacters', { maximum: 80 }))
  .refine((s) => !/[<>]/.test(s) && ![...s].some((ch) => ch.charCodeAt(0) < 0x20), rule('policy.rule.plainText'));

/**
 * A number the softphone can dial: E.164 (+4930...), a national or extension number, or a SIP
 * URI. Punctuation people write in phone numbers is allowed and stripped when dialling.
 */
export const dialStringSchema = z
  .string()
  .trim()
  .min(1, rule('policy.rule.notEmpty'))
  .max(64, rule('policy.rule.atMostCharacters', { maximum: 64 }))
  .refine(
    (s) => /^\+?[0-9*#][0-9*# ()./-]*$/.test(s) || /^sips?:[A-Za-z0-9._~+-]+@[A-Za-z0-9.-]+(:[0-9]{1,5})?$/.test(s),
    rule('policy.rule.dialString'),
  );

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const prioritySchema = z.enum(PRIORITIES, { error: rule('policy.rule.oneOfList', { list: PRIORITIES.join(', ') }) });

/** The rules saying an entry repeats an earlier one; each names what repeats (its own key, as the words differ by language). */
type DuplicateRule = Extract<TextKey, `policy.rule.duplicate${string}`>;

function uniqueBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  duplicate: DuplicateRule,
  ctx: Pick<z.core.$RefinementCtx, 'addIssue'>,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item).toLowerCase();
    const first = seen.get(k);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: [index], message: rule(duplicate, { value: key(item), position: first + 1 }) });
    } else {
      seen.set(k, index);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Wrap-up code catalog

/** What choosing a code sets in motion. */
export const WRAP_UP_TRIGGERS = ['callback', 'do-not-call', 'escalate'] as const;
export type WrapUpTrigger = (typeof WRAP_UP_TRIGGERS)[number];

export const wrapUpCodeSchema = z.strictObject({
  code: codeSchema,
  label: labelSchema,
  /** Grouping shown in the picker and used in reports (e.g. "Billing", "Technical support"). */
  category: labelSchema,
  /** The agent must write a note when choosing this code. */
  needsNote: z.boolean().default(false),
  /** callback: a callback time and number are required; do-not-call: the number goes on the DNC list; escalate: open the escalation form. */
  triggers: z
    .array(z.enum(WRAP_UP_TRIGGERS, { error: rule('policy.rule.oneOfList', { list: WRAP_UP_TRIGGERS.join(', ') }) }))
    .max(3)
    .refine((t) => new Set(t).size === t.length, rule('policy.rule.triggerTwice'))
    .default([]),
  /** Inactive codes stay in the catalog so old wrap-ups still show their label, but cannot be chosen. */
  active: z.boolean().default(true),
  /** Counts the contact as resolved on first contact unless the agent unticks it (e.g. false for "Escalated"). */
  resolvesByDefault: z.boolean().default(true),
});
export type WrapUpCode = z.output<typeof wrapUpCodeSchema>;

export const wrapUpCatalogSchema = z
  .array(wrapUpCodeSchema)
  .min(1, rule('policy.rule.needsWrapUpCode'))
  .max(500, rule('policy.rule.tooManyCodes', { maximum: 500 }))
  .superRefine((codes, ctx) => {
    uniqueBy(codes, (c) => c.code, 'policy.rule.duplicateWrapUpCode', ctx);
    if (!codes.some((c) => c.active)) ctx.addIssue({ code: 'custom', message: rule('policy.rule.needsActiveWrapUpCode') });
  });

export const wrapUpPolicySchema = z
  .strictObject({
    /** Longest note the agent may type. */
    notesMaxLength: z.number().int().min(100).max(20_000).default(4000),
    callback: z
      .strictObject({
        /** A callback must be at least this far in the future when the wrap-up is submitted. */
        minLeadMinutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60)
          .default(5),
        /** ...and no further ahead than this. */
        maxDaysAhead: z.number().int().min(1).max(365).default(30),
        /** When the agent is reminded before a callback is due. */
        reminderMinutesBefore: z
          .number()
          .int()
          .min(0)
          .max(24 * 60)
          .default(5),
      })
      .prefault({}),
  })
  .prefault({});
export type WrapUpPolicy = z.output<typeof wrapUpPolicySchema>;

/**
 * How a callback the agent marks done went (My callbacks, shared/callbacks/). The ids travel to the
 * CRM with the callback (docs/sync-api.md), so they are fixed; the labels are what the agent reads.
 */
export const CALLBACK_OUTCOMES = [
  { id: 'reached', label: 'Reached the customer' },
  { id: 'no-answer', label: 'No answer' },
  { id: 'left-message', label: 'Left a message' },
  { id: 'wrong-number', label: 'Wrong number' },
] as const;
export const CALLBACK_OUTCOME_IDS = [
  'reached',
  'no-answer',
  'left-message',
  'wrong-number',
] as const satisfies readonly (typeof CALLBACK_OUTCOMES)[number]['id'][];
export type CallbackOutcome = (typeof CALLBACK_OUTCOME_IDS)[number];

// ---------------------------------------------------------------------------------------------
// Not-ready reasons

/** Set by the system when an offered call is not answered; always present (see withSystemReasons). */
export const MISSED_CALL_REASON = 'missed-call';

export const notReadyReasonSchema = z.strictObject({
  code: codeSchema,
  label: labelSchema,
  /** Counted as productive time in reports (training, coaching, back-office work). */
  productive: z.boolean().default(false),
  /** The agent is reminded after this long (e.g. a 15-minute break). Absent: no reminder. */
  reminderAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  active: z.boolean().default(true),
  /** System reasons (missed call) are set by the app, not offered in the agent's menu. */
  system: z.boolean().default(false),
});
export type NotReadyReason = z.output<typeof notReadyReasonSchema>;

export const notReadyReasonsSchema = z
  .array(notReadyReasonSchema)
  .min(1, rule('policy.rule.needsNotReadyReason'))
  .max(100, rule('policy.rule.tooManyReasons', { maximum: 100 }))
  .superRefine((reasons, ctx) => {
    uniqueBy(reasons, (r) => r.code, 'policy.rule.duplicateNotReadyReason', ctx);
    if (!reasons.some((r) => r.active && !r.system)) ctx.addIssue({ code: 'custom', message: rule('policy.rule.needsActiveReason') });
  });

// ---------------------------------------------------------------------------------------------
// After-call work

export const ACW_EXPIRY_ACTIONS = ['ready', 'stay-until-coded'] as const;
export type AcwExpiryAction = (typeof ACW_EXPIRY_ACTIONS)[number];

export const afterCallWorkPolicySchema = z
  .strictObject({
    /**
     * Length of the after-call-work (Wrap-up) period after each call. 0: no countdown; with
     * `ready` the agent is Ready again at once, with `stay-until-coded` in Wrap-up until coded.
     */
    seconds: z.number().int().min(0).max(3600).default(60),
    /**
     * When the timer runs out: `ready` returns the agent to Ready (an uncoded wrap-up stays as a
     * draft to finish later); `stay-until-coded` keeps the agent in Wrap-up, taking no calls,
     * until a code is chosen (mandatory wrap-up).
     */
    onExpiry: z.enum(ACW_EXPIRY_ACTIONS, { error: oneOf(ACW_EXPIRY_ACTIONS) }).default('stay-until-coded'),
    /** Total extra time the agent may add to one wrap-up. 0: no extension. */
    maxExtensionSeconds: z.number().int().min(0).max(3600).default(120),
    /** What one "more time" press adds. */
    extensionStepSeconds: z.number().int().min(5).max(3600).default(30),
  })
  .prefault({});
export type AfterCallWorkPolicy = z.output<typeof afterCallWorkPolicySchema>;

// ---------------------------------------------------------------------------------------------
// Inbound calls the agent cannot take

/** SIP final responses that mean "this agent is not taking calls" without asking for credentials or redirecting. */
export const DECLINE_SIP_CODES = [480, 486, 600, 603] as const;
export type DeclineSipCode = (typeof DECLINE_SIP_CODES)[number];

export const inboundDeclinePolicySchema = z
  .strictObject({
    /** The response sent while the agent is Not ready (and in the other busy states below). 486 Busy Here lets the queue try the next agent. */
    sipCode: z.literal(DECLINE_SIP_CODES, { error: rule('policy.rule.oneOfList', { list: DECLINE_SIP_CODES.join(', ') }) }).default(486),
    /**
     * Decline while in Wrap-up (after-call work). Off: the call rings, and ringing ends the wrap-up
     * period (the draft stays owed). A mandatory wrap-up (onExpiry stay-until-coded) always declines.
     */
    declineInWrapUp: z.boolean().default(true),
    /** Decline a second call while already ringing or on a call. Off: it is offered as call waiting. */
    declineWhileBusy: z.boolean().default(true),
    /** How long an offer rings before it counts as missed. */
    ringTimeoutSeconds: z.number().int().min(5).max(300).default(30),
    /**
     * How many offers missed in a row turn a Ready agent Not ready ("Missed call"). Above 1, so that
     * anyone able to send one INVITE (a stray or hostile caller) cannot take an agent out of Ready;
     * an answered call starts the count again.
     */
    missedCallsBeforeNotReady: z.number().int().min(1).max(20).default(2),
  })
  .prefault({});
export type InboundDeclinePolicy = z.output<typeof inboundDeclinePolicySchema>;

// ---------------------------------------------------------------------------------------------
// Escalation matrix

export const contactSchema = z
  .strictObject({
    name: labelSchema,
    phone: dialStringSchema.optional(),
    pager: dialStringSchema.optional(),
  })
  .refine((c) => c.phone !== undefined || c.pager !== undefined, rule('policy.rule.phoneOrPager'));
export type EscalationContact = z.output<typeof contactSchema>;

export const escalationGroupSchema = z.strictObject({
  id: codeSchema,
  name: labelSchema,
  /** The number a live call is warm-transferred to. */
  phone: dialStringSchema.optional(),
  pager: dialStringSchema.optional(),
  /** On-call engineers, first to last. */
  backups: z.array(contactSchema).max(20).default([]),
  /** Priorities this group takes; absent: all. */
  priorities: z.array(prioritySchema).min(1).optional(),
});
export type EscalationGroup = z.output<typeof escalationGroupSchema>;

export const escalationTierSchema = z.strictObject({
  id: codeSchema,
  name: labelSchema,
  groups: z
    .array(escalationGroupSchema)
    .min(1, rule('policy.rule.needsGroup'))
    .max(100)
    .superRefine((groups, ctx) => uniqueBy(groups, (g) => g.id, 'policy.rule.duplicateGroupId', ctx)),
});
export type EscalationTier = z.output<typeof escalationTierSchema>;

export const CHAIN_ROLES = ['team-lead', 'service-manager', 'vp-operations'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];
export const CHAIN_ROLE_LABELS: Record<ChainRole, string> = {
  'team-lead': 'Team Lead',
  'service-manager': 'Service Manager',
  'vp-operations': 'VP Operations',
};

export const chainStepSchema = z.strictObject({
  role: z.enum(CHAIN_ROLES, {
    error: rule('policy.rule.mustBeThree', { first: CHAIN_ROLES[0], second: CHAIN_ROLES[1], third: CHAIN_ROLES[2] }),
  }),
  /** Minutes after the escalation was raised by which this role must be involved if it is still unresolved. */
  afterMinutes: z
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 60),
  contact: contactSchema.optional(),
  backup: contactSchema.optional(),
});
export type ChainStep = z.output<typeof chainStepSchema>;

const DEFAULT_CHAIN: ChainStep[] = [
  { role: 'team-lead', afterMinutes: 30 },
  { role: 'service-manager', afterMinutes: 60 },
  { role: 'vp-operations', afterMinutes: 240 },
];

export const escalationMatrixSchema = z.strictObject({
  tiers: z
    .array(escalationTierSchema)
    .min(1, rule('policy.rule.needsTier'))
    .max(10)
    .superRefine((tiers, ctx) => uniqueBy(tiers, (t) => t.id, 'policy.rule.duplicateTierId', ctx)),
  /**
   * The management chain for an unresolved escalation, in order. Each step is due `afterMinutes`
   * after the escalation was raised (measured from the start, not from the previous step).
   */
  chain: z
    .array(chainStepSchema)
    .max(CHAIN_ROLES.length)
    .superRefine((steps, ctx) => {
      uniqueBy(steps, (s) => s.role, 'policy.rule.duplicateChainRole', ctx);
      for (let i = 1; i < steps.length; i += 1) {
        const prev = steps[i - 1];
        const cur = steps[i];
        if (prev !== undefined && cur !== undefined && cur.afterMinutes <= prev.afterMinutes) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'afterMinutes'],
            message: rule('policy.rule.laterThanPreviousStep', { minutes: prev.afterMinutes }),
          });
        }
      }
    })
    .default(DEFAULT_CHAIN),
  /** Priorities the chain runs for. The domain's rule is an unmitigated P1. */
  chainPriorities: z.array(prioritySchema).min(1).default(['P1']),
});
export type EscalationMatrix = z.output<typeof escalationMatrixSchema>;

// ---------------------------------------------------------------------------------------------
// SLA policy

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, rule('policy.rule.clockTime'));
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const openingSpanSchema = z
  .strictObject({ start: clockTime, end: clockTime })
  .refine((s) => minutesOf(s.end) > minutesOf(s.start), rule('policy.rule.endAfterStart'));

/** An IANA time zone name the runtime knows (e.g. "Europe/Berlin"). */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, rule('policy.rule.timeZone'));

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, rule('policy.rule.isoDate'));

export const businessHoursSchema = z
  .strictObject({
    timeZone: timeZoneSchema,
    /** Opening spans per weekday; a day that is absent or empty is closed. Spans must not overlap. */
    week: z.partialRecord(
      z.enum(WEEKDAYS),
      z
        .array(openingSpanSchema)
        .max(4)
        .superRefine((spans, ctx) => {
          const sorted = [...spans].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
          for (let i = 1; i < sorted.length; i += 1) {
            const a = sorted[i - 1];
            const b = sorted[i];
            if (a !== undefined && b !== undefined && minutesOf(b.start) < minutesOf(a.end)) {
              ctx.addIssue({
                code: 'custom',
                message: rule('policy.rule.spansOverlap', { first: `${a.start}-${a.end}`, second: `${b.start}-${b.end}` }),
              });
            }
          }
        }),
    ),
    /** Closed days (public holidays) in the calendar's time zone. */
    holidays: z.array(isoDate).max(400).default([]),
  })
  .refine((b) => Object.values(b.week).some((spans) => spans.length > 0), rule('policy.rule.openOnAWeekday'));
export type BusinessHours = z.output<typeof businessHoursSchema>;

export const SLA_CLOCKS = ['calendar', 'business-hours'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export const prioritySlaSchema = z
  .strictObject({
    acknowledgeMinutes: z
      .number()
      .int()
      .min(1)
      .max(365 * 24 * 60),
    resolveMinutes: z
      .number()
      .int()
      .min(1)
      .max(365 * 24 * 60),
    /** `business-hours` counts only opening hours of `businessHours` (must then be set). */
    clock: z.enum(SLA_CLOCKS, { error: oneOf(SLA_CLOCKS) }).default('calendar'),
    /** One-line meaning shown next to the priority in the escalation form. */
    meaning: labelSchema.optional(),
  })
  .refine((p) => p.resolveMinutes >= p.acknowledgeMinutes, {
    message: rule('policy.rule.resolveBeforeAcknowledge'),
    path: ['resolveMinutes'],
  });
export type PrioritySla = z.output<typeof prioritySlaSchema>;

export const DEFAULT_SLA: Record<Priority, PrioritySla> = {
  P1: { acknowledgeMinutes: 15, resolveMinutes: 4 * 60, clock: 'calendar', meaning: 'Outage or critical safety issue' },
  P2: { acknowledgeMinutes: 60, resolveMinutes: 24 * 60, clock: 'calendar', meaning: 'Major customer impact' },
  P3: { acknowledgeMinutes: 24 * 60, resolveMinutes: 72 * 60, clock: 'calendar', meaning: 'Moderate impact' },
  P4: { acknowledgeMinutes: 24 * 60, resolveMinutes: 14 * 24 * 60, clock: 'calendar', meaning: 'Minor issue' },
};

export const slaPolicySchema = z
  .strictObject({
    priorities: z
      .strictObject({
        P1: prioritySlaSchema.default(DEFAULT_SLA.P1),
        P2: prioritySlaSchema.default(DEFAULT_SLA.P2),
        P3: prioritySlaSchema.default(DEFAULT_SLA.P3),
        P4: prioritySlaSchema.default(DEFAULT_SLA.P4),
      })
      .prefault({}),
    /** A clock is "at risk" when less than this share of its time is left (0.2 = the last 20 %). */
    atRiskFraction: z.number().min(0.01).max(0.9).default(0.2),
    /** Off by default: all priorities run on the calendar clock. */
    businessHours: businessHoursSchema.optional(),
  })
  .prefault({})
  .superRefine((policy, ctx) => {
    for (const p of PRIORITIES) {
      if (policy.priorities[p].clock === 'business-hours' && policy.businessHours === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['priorities', p, 'clock'],
          message: rule('policy.rule.businessHoursMissing'),
        });
      }
    }
  });
export type SlaPolicy = z.output<typeof slaPolicySchema>;

// ---------------------------------------------------------------------------------------------
// My stats

export const statsPolicySchema = z
  .strictObject({
    /** First day of the week for "this week": 1 = Monday ... 7 = Sunday (ISO 8601). */
    weekStartsOn: z.number().int().min(1).max(7).default(1),
    /** Reporting time zone; absent: the agent machine's own. */
    timeZone: timeZoneSchema.optional(),
  })
  .prefault({});
export type StatsPolicy = z.output<typeof statsPolicySchema>;

// ---------------------------------------------------------------------------------------------
// Guided scripts (shared/scripts/guided-scripts.ts runs them)

/** A step's words: a short instruction an agent reads mid-call, plain text. */
const stepTextSchema = z
  .string()
  .trim()
  .min(1, rule('policy.rule.notEmpty'))
  .max(200, rule('policy.rule.atMostCharacters', { maximum: 200 }))
  .refine((s) => !/[<>]/.test(s) && ![...s].some((ch) => ch.charCodeAt(0) < 0x20), rule('policy.rule.plainText'));

export const guidedScriptStepSchema = z.strictObject({
  /** Stable across wording changes: what the call's record and the CRM note name the step by. */
  id: codeSchema,
  label: stepTextSchema,
  /**
   * A payment step (PCI): starting it pauses the call's recording, ticking it done resumes it
   * (CallManager.pauseRecording with origin `script`).
   */
  payment: z.boolean().default(false),
});
export type GuidedScriptStep = z.output<typeof guidedScriptStepSchema>;

export const guidedScriptSchema = z.strictObject({
  id: codeSchema,
  title: labelSchema,
  /** The time the whole script should take; the panel's timer counts against it. */
  targetSeconds: z
    .number()
    .int()
    .min(10, rule('policy.rule.atLeastSeconds', { minimum: 10 }))
    .max(3600, rule('policy.rule.atMostSecondsAnHour', { maximum: 3600 })),
  steps: z
    .array(guidedScriptStepSchema)
    .min(1, rule('policy.rule.needsStep'))
    .max(30, rule('policy.rule.tooManySteps', { maximum: 30 }))
    .superRefine((steps, ctx) => uniqueBy(steps, (s) => s.id, 'policy.rule.duplicateStepId', ctx)),
  /** When the panel suggests the script: the contact's case category (a wrap-up category), or the wrap-up code chosen. */
  suggestWhen: z
    .strictObject({
      caseCategories: z.array(labelSchema).max(50).default([]),
      wrapUpCodes: z.array(codeSchema).max(100).default([]),
    })
    .prefault({}),
});
export type GuidedScript = z.output<typeof guidedScriptSchema>;

/** An empty catalog is allowed: no scripts are offered. */
export const guidedScriptCatalogSchema = z
  .array(guidedScriptSchema)
  .max(100, rule('policy.rule.tooManyScripts', { maximum: 100 }))
  .superRefine((scripts, ctx) => uniqueBy(scripts, (s) => s.id, 'policy.rule.duplicateScriptId', ctx));

// ---------------------------------------------------------------------------------------------
// The whole section

export const workflowConfigSchema = z.strictObject({
  wrapUpCodes: wrapUpCatalogSchema,
  wrapUp: wrapUpPolicySchema,
  notReadyReasons: notReadyReasonsSchema,
  afterCallWork: afterCallWorkPolicySchema,
  inboundDecline: inboundDeclinePolicySchema,
  escalationMatrix: escalationMatrixSchema,
  sla: slaPolicySchema,
  stats: statsPolicySchema,
  guidedScripts: guidedScriptCatalogSchema.default([]),
});
/** The parsed, defaulted configuration the workflow modules run on. */
export type WorkflowConfig = z.output<typeof workflowConfigSchema>;
/** What a policy file or resource may contain (defaults filled in by parsing). */
export type WorkflowConfigInput = z.input<typeof workflowConfigSchema>;

/**
 * The system's own not-ready reasons, added when the configured list lacks them, so "Missed call"
 * works whatever a policy says. A configured entry with the same code wins (to relabel it).
 */
export function withSystemReasons(reasons: readonly NotReadyReason[]): NotReadyReason[] {
  if (reasons.some((r) => r.code === MISSED_CALL_REASON)) return [...reasons];
  return [...reasons, { code: MISSED_CALL_REASON, label: 'Missed call', productive: false, active: true, system: true }];
}
