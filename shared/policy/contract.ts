import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import { userTextSchema } from '../text/user-text';
import type { POLICY_COMMANDS, POLICY_EVENTS, POLICY_MEDIA } from './channels';
import { LANGUAGE_CHOICES, POLICY_SECTIONS, THEME_CHOICES } from './keys';
import { POLICY_LEVELS, POLICY_ORIGINS } from './resolve';

/**
 * The policy area's bridge contract: the effective settings, which of them IT
 * has locked, and the problems found in the policy sources. Secrets (the TURN
 * password) arrive as "(set)" or null, never in clear.
 */
const jsonValue: z.ZodType<unknown> = z.json();

export const policyEntrySchema = z.strictObject({
  key: z.string(),
  section: z.enum(POLICY_SECTIONS),
  /**
   * The key's English name and description. The window shows its own catalog's, found by `key`
   * (renderer/src/i18n/<language>/settings.ts); these are for a key it does not know (a newer main).
   */
  title: z.string(),
  description: z.string(),
  value: jsonValue,
  origin: z.enum(POLICY_ORIGINS),
  locked: z.boolean(),
  /** Where the value comes from, as Settings names it (a path, or why a source's settings are restrictive). */
  source: userTextSchema.nullable(),
});
export type PolicyEntryView = z.output<typeof policyEntrySchema>;

export const policyProblemSchema = z.strictObject({
  key: z.string().nullable(),
  source: z.string(),
  level: z.enum(POLICY_LEVELS).nullable(),
  message: userTextSchema,
});

export const policyViewSchema = z.strictObject({
  entries: z.array(policyEntrySchema),
  problems: z.array(policyProblemSchema),
  /** Every place policies were looked for, in precedence order, and whether one was found there. */
  sources: z.array(z.strictObject({ source: z.string(), found: z.boolean() })),
});
export type PolicyView = z.output<typeof policyViewSchema>;

export const policyCommands = {
  /** The effective settings by key, which are locked by IT, and the policy problems. */
  'policy.get': { request: z.strictObject({}), response: policyViewSchema },
  /**
   * The agent's own theme and/or language (Settings); answers with the settings as they now are.
   * Refused ('forbidden') for a setting IT enforces.
   */
  'policy.setAppearance': {
    request: z.strictObject({ theme: z.enum(THEME_CHOICES).optional(), language: z.enum(LANGUAGE_CHOICES).optional() }),
    response: policyViewSchema,
  },
} as const satisfies Record<(typeof POLICY_COMMANDS)[number], CommandSpec>;

export const policyEvents = {} as const satisfies Record<(typeof POLICY_EVENTS)[number], z.ZodType>;
export const policyMedia = {} as const satisfies Record<(typeof POLICY_MEDIA)[number], MediaSpec>;
