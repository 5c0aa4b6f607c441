/**
 * What a policy key is (its section, value kind, schema and built-in value) and the value schemas
 * several sections share. The keys themselves are in shared/policy/keys/, one file per section,
 * gathered by shared/policy/keys.ts.
 */
import * as z from 'zod';
import { rule } from './rule-text';

/** How a value is written in the registry / plist / JSON, before its schema checks it. */
export const POLICY_VALUE_KINDS = ['string', 'boolean', 'stringList', 'json'] as const;
export type PolicyValueKind = (typeof POLICY_VALUE_KINDS)[number];

export const POLICY_SECTIONS = [
  'Phone',
  'Media (STUN/TURN)',
  'CRM sync',
  'Sign-in (SSO)',
  'Agent workflow',
  'SLA alerts',
  'Status feed',
  'Updates',
  'Logging and security',
  'Appearance',
] as const;
export type PolicySection = (typeof POLICY_SECTIONS)[number];

export interface PolicyKeyDefinition<S extends z.ZodType = z.ZodType> {
  section: PolicySection;
  /** Short name shown in Settings and in the ADMX template. */
  title: string;
  /** What the setting does, for the administrator (ADML, docs/deploy.md) and the agent (Settings). */
  description: string;
  kind: PolicyValueKind;
  schema: S;
  /** The value a fresh install runs on; null: not set (the feature is off or the agent enters it). */
  builtin: z.output<S> | null;
  /** Never shown or sent to the renderer (only whether it is set). */
  secret?: boolean;
  /** One-line example for the docs. */
  example: string;
}

export const sipHost = z
  .string()
  .trim()
  .min(1, rule('policy.rule.notEmpty'))
  .max(253, rule('policy.rule.atMostCharacters', { maximum: 253 }))
  .regex(
    /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$|^\d{1,3}(?:\.\d{1,3}){3}$/,
    rule('policy.rule.host'),
  );

/** A list of STUN or TURN addresses: `schemes` is the plain scheme and its TLS one ("stun", "stuns"). */
export const iceUrls = (schemes: readonly [string, string], example: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .max(300, rule('policy.rule.addressTooLong', { maximum: 300 })),
    )
    .max(8, rule('policy.rule.tooManyAddresses', { maximum: 8 }))
    .superRefine((urls, ctx) => {
      urls.forEach((url, index) => {
        const scheme = /^([a-z]+):[^\s/][^\s]*$/.exec(url)?.[1];
        if (scheme === undefined || !schemes.includes(scheme)) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: rule('policy.rule.iceScheme', { url: url.slice(0, 80), scheme: schemes[0], secureScheme: schemes[1], example }),
          });
        }
      });
    });

/** https:// anywhere; http:// only to this machine (a lab or a local relay). */
export const httpsUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(500, rule('policy.rule.atMostCharacters', { maximum: 500 }))
    .refine(
      (value) => {
        // shared/ has no URL class: a strict pattern instead (scheme, host, optional port and path; no user:password@).
        const match =
          /^(https?):\/\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/.exec(
            value,
          );
        if (!match) return false;
        if (match[3] !== undefined && Number(match[3]) > 65535) return false;
        if (match[1] === 'https') return true;
        return ['127.0.0.1', 'localhost', '[::1]'].includes((match[2] ?? '').toLowerCase());
      },
      rule('policy.rule.httpsUrl', { example: what }),
    );

/** Bounds of the status feed's poll interval: a minute-scale banner without hammering the status page. */
export const STATUS_FEED_MIN_POLL_SECONDS = 30;
export const STATUS_FEED_MAX_POLL_SECONDS = 3600;
export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
/** Whether a do-not-call number may be dialled with a supervisor's approval (electron/agent/do-not-call-guard.ts). */
export const DO_NOT_CALL_OVERRIDE_MODES = ['never', 'with-supervisor-approval'] as const;
export const POLICY_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** How often the CRM is asked for changes: fresh enough for a screen pop, and each round costs the org API calls. */
export const CRM_PULL_MIN_SECONDS = 30;
export const CRM_PULL_MAX_SECONDS = 3600;

/** A whole number of seconds within bounds, written as text as every number here is ("60"; REG_SZ in the registry). */
export const wholeSeconds = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, rule('policy.rule.wholeSecondsText'))
    .transform(Number)
    .pipe(
      z
        .number()
        .int(rule('policy.rule.wholeSeconds'))
        .min(min, rule('policy.rule.atLeastSeconds', { minimum: min }))
        .max(max, rule('policy.rule.atMostSeconds', { maximum: max })),
    );

export function define<S extends z.ZodType>(definition: PolicyKeyDefinition<S>): PolicyKeyDefinition<S> {
  return definition;
}
