/**
 * Every setting IT can manage by policy: its name, what it means, the type of value it takes and
 * the value a fresh install uses. The same names are used in every policy source:
 *
 * - policy.json (Linux /etc/switchboard, beside the install on every OS): `{ "defaults": { name: value }, "enforced": { ... } }`
 * - Windows registry: `Software\Policies\Switchboard` values are enforced, `...\Switchboard\Recommended` are defaults;
 *   the value name is the key name with a capital first letter (`sipDomain` → `SipDomain`).
 * - macOS managed preferences (com.switchboard.app): top-level keys are enforced, the `Recommended` dictionary holds defaults.
 *
 * Layering (lowest first): built-in defaults < policy defaults < the agent's own settings < policy enforced.
 * docs/deploy.md's key table is checked against this file by tests/unit/policy/docs.test.ts.
 */
import { z } from 'zod';
import {
  afterCallWorkPolicySchema,
  escalationMatrixSchema,
  inboundDeclinePolicySchema,
  notReadyReasonsSchema,
  slaPolicySchema,
  wrapUpCatalogSchema,
} from '../config/workflow';
import { ALERT_CONTENT_LEVELS, alertWebhooksSchema } from '../alerts/policy';
import { hotkeyMapSchema } from '../hotkeys/accelerator';
import { CRM_CONNECTORS, DEFAULT_ZENDESK_WRAP_UP_TAG_PREFIX, ZENDESK_AUTH_MODES } from '../sync/connectors';
import {
  DEFAULT_SALESFORCE_CALL_ID_FIELD,
  DEFAULT_SALESFORCE_REDIRECT_PORT,
  salesforceCustomFieldSchema,
  salesforceFieldMappingSchema,
} from '../sync/salesforce-fields';
import { DTMF_MODES, ICE_TRANSPORT_POLICIES, wsServerUrl } from '../telephony/settings';
import {
  DEFAULT_RECORDING_PAUSE,
  RECORDING_PAUSE_METHODS,
  dtmfCodeSchema,
  infoBodySchema,
  infoContentTypeSchema,
} from '../telephony/recording-pause';

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

const sipHost = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .regex(
    /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$|^\d{1,3}(?:\.\d{1,3}){3}$/,
    'must be a host name such as example.com or an IPv4 address (no scheme, no port)',
  );

const iceUrls = (schemes: readonly string[], example: string) =>
  z
    .array(z.string().trim().max(300, 'an address is longer than 300 characters'))
    .max(8, 'lists more than 8 addresses')
    .superRefine((urls, ctx) => {
      urls.forEach((url, index) => {
        const scheme = /^([a-z]+):[^\s/][^\s]*$/.exec(url)?.[1];
        if (scheme === undefined || !schemes.includes(scheme)) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `"${url.slice(0, 80)}" must start with ${schemes.map((s) => `${s}:`).join(' or ')} (e.g. ${example})`,
          });
        }
      });
    });

/** https:// anywhere; http:// only to this machine (a lab or a local relay). */
const httpsUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .refine((value) => {
      // shared/ has no URL class: a strict pattern instead (scheme, host, optional port and path; no user:password@).
      const match =
        /^(https?):\/\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/.exec(
          value,
        );
      if (!match) return false;
      if (match[3] !== undefined && Number(match[3]) > 65535) return false;
      if (match[1] === 'https') return true;
      return ['127.0.0.1', 'localhost', '[::1]'].includes((match[2] ?? '').toLowerCase());
    }, `must be an https:// address such as ${what} (no user name or password in it; http:// only for 127.0.0.1)`);

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
const wholeSeconds = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, 'must be a whole number of seconds, such as 60')
    .transform(Number)
    .pipe(
      z
        .number()
        .int('must be a whole number of seconds')
        .min(min, `must be at least ${min} seconds`)
        .max(max, `must be at most ${max} seconds`),
    );

function define<S extends z.ZodType>(definition: PolicyKeyDefinition<S>): PolicyKeyDefinition<S> {
  return definition;
}

export const POLICY_KEYS = {
  sipServer: define({
    section: 'Phone',
    title: 'SIP server (primary)',
    description: 'The SIP-over-WebSocket server the phone registers with: wss://host[:port][/path].',
    kind: 'string',
    schema: wsServerUrl,
    builtin: null,
    example: 'wss://sip.example.com:7443',
  }),
  sipBackupServer: define({
    section: 'Phone',
    title: 'SIP server (backup)',
    description: 'Tried when the primary SIP server cannot be reached: wss://host[:port][/path].',
    kind: 'string',
    schema: wsServerUrl,
    builtin: null,
    example: 'wss://sip2.example.com:7443',
  }),
  sipDomain: define({
    section: 'Phone',
    title: 'SIP domain',
    description: "The domain of the agents' SIP addresses (sip:<username>@<domain>).",
    kind: 'string',
    schema: sipHost,
    builtin: null,
    example: 'example.com',
  }),
  sipOutboundProxy: define({
    section: 'Phone',
    title: 'Outbound proxy',
    description: 'A SIP URI every request is routed through (e.g. a session border controller).',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .max(300, 'must be at most 300 characters')
      .regex(/^sips?:[^\s<>"]+$/, 'must be a SIP URI such as sip:sbc.example.com;lr'),
    builtin: null,
    example: 'sip:sbc.example.com;lr',
  }),
  dtmfMode: define({
    section: 'Phone',
    title: 'DTMF mode',
    description: 'How keypad tones are sent: rfc4733 (in the audio stream, the usual choice) or info (SIP INFO messages).',
    kind: 'string',
    schema: z.enum(DTMF_MODES, { error: 'must be "rfc4733" or "info"' }),
    builtin: 'rfc4733',
    example: 'rfc4733',
  }),
  recordingPauseMethod: define({
    section: 'Phone',
    title: 'Recording pause command',
    description:
      'How the "Pause recording" button (PCI secure pause) asks the PBX to stop recording a call while card details are given: sip-info (an INFO request in the call, with recordingPauseInfoContentType and the pause and resume bodies; the PBX must answer 200 for the call to show paused), dtmf (the feature codes recordingPauseDtmf and recordingResumeDtmf, sent as keypad tones) or off (no button). See docs/interop.md.',
    kind: 'string',
    schema: z.enum(RECORDING_PAUSE_METHODS, { error: 'must be "sip-info", "dtmf" or "off"' }),
    builtin: DEFAULT_RECORDING_PAUSE.method,
    example: 'sip-info',
  }),
  recordingPauseInfoContentType: define({
    section: 'Phone',
    title: 'Recording pause INFO content type',
    description: 'With recordingPauseMethod sip-info: the Content-Type of the pause and resume INFO requests.',
    kind: 'string',
    schema: infoContentTypeSchema,
    builtin: DEFAULT_RECORDING_PAUSE.infoContentType,
    example: 'application/vnd.example.recording',
  }),
  recordingPauseInfoBody: define({
    section: 'Phone',
    title: 'Recording pause INFO body',
    description:
      'With recordingPauseMethod sip-info: the body of the INFO that pauses recording (plain text; line breaks are sent as CRLF).',
    kind: 'string',
    schema: infoBodySchema,
    builtin: DEFAULT_RECORDING_PAUSE.infoPauseBody,
    example: 'Record: pause',
  }),
  recordingResumeInfoBody: define({
    section: 'Phone',
    title: 'Recording resume INFO body',
    description: 'With recordingPauseMethod sip-info: the body of the INFO that resumes recording.',
    kind: 'string',
    schema: infoBodySchema,
    builtin: DEFAULT_RECORDING_PAUSE.infoResumeBody,
    example: 'Record: resume',
  }),
  recordingPauseDtmf: define({
    section: 'Phone',
    title: 'Recording pause feature code',
    description: "With recordingPauseMethod dtmf: the PBX's feature code that pauses recording, sent as keypad tones.",
    kind: 'string',
    schema: dtmfCodeSchema,
    builtin: DEFAULT_RECORDING_PAUSE.dtmfPause,
    example: '*1',
  }),
  recordingResumeDtmf: define({
    section: 'Phone',
    title: 'Recording resume feature code',
    description: "With recordingPauseMethod dtmf: the PBX's feature code that resumes recording.",
    kind: 'string',
    schema: dtmfCodeSchema,
    builtin: DEFAULT_RECORDING_PAUSE.dtmfResume,
    example: '*2',
  }),
  // Phone keys
  stunUrls: define({
    section: 'Media (STUN/TURN)',
    title: 'STUN servers',
    description:
      'STUN servers for finding the public address of calls. Empty: none (no traffic goes to a public server unless IT sets one).',
    kind: 'stringList',
    schema: iceUrls(['stun', 'stuns'], 'stun:stun.example.com:3478'),
    builtin: [],
    example: '["stun:stun.example.com:3478"]',
  }),
  turnUrls: define({
    section: 'Media (STUN/TURN)',
    title: 'TURN servers',
    description:
      'TURN relays for calls when direct media is blocked (home networks, strict firewalls). Use turns: on 443 for networks that only allow HTTPS.',
    kind: 'stringList',
    schema: iceUrls(['turn', 'turns'], 'turns:turn.example.com:443?transport=tcp'),
    builtin: [],
    example: '["turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:443?transport=tcp"]',
  }),
  turnUsername: define({
    section: 'Media (STUN/TURN)',
    title: 'TURN user name',
    description: 'The user name for the TURN servers.',
    kind: 'string',
    schema: z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
    builtin: null,
    example: 'switchboard',
  }),
  turnCredential: define({
    section: 'Media (STUN/TURN)',
    title: 'TURN password',
    description: 'The password (credential) for the TURN servers. Never shown in the app or written to logs or diagnostics.',
    kind: 'string',
    schema: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
    builtin: null,
    secret: true,
    example: '(the TURN password)',
  }),
  iceTransportPolicy: define({
    section: 'Media (STUN/TURN)',
    title: 'Media through TURN only',
    description:
      "all: calls use the best path (direct, through NAT, or a TURN relay). relay: call audio goes only through the TURN servers (turnUrls), so the agent's address never reaches the far end; without a reachable TURN server no call connects.",
    kind: 'string',
    schema: z.enum(ICE_TRANSPORT_POLICIES, { error: 'must be "all" or "relay"' }),
    builtin: 'all',
    example: 'relay',
  }),
  crmConnector: define({
    section: 'CRM sync',
    title: 'CRM connector',
    description:
      'Where customers and cases come from and where calls are logged: switchboard-sync (the Switchboard Sync API), zendesk (Zendesk Support) or salesforce (Salesforce Service Cloud). Changing it downloads everything again from the new CRM.',
    kind: 'string',
    schema: z.enum(CRM_CONNECTORS, { error: `must be one of ${CRM_CONNECTORS.join(', ')}` }),
    builtin: 'switchboard-sync',
    example: 'zendesk',
  }),
  crmSyncUrl: define({
    section: 'CRM sync',
    title: 'CRM sync server',
    description:
      "The address of the CRM: the Switchboard Sync API, the Zendesk account (https://<subdomain>.zendesk.com) when crmConnector is zendesk, or the Salesforce org's My Domain (https://<domain>.my.salesforce.com) when it is salesforce. Empty: work stays on the agent machine until one is set.",
    kind: 'string',
    schema: httpsUrl('https://crm.example.com/switchboard'),
    builtin: null,
    example: 'https://crm.example.com/switchboard',
  }),
  crmPullIntervalSeconds: define({
    section: 'CRM sync',
    title: 'CRM pull interval',
    description: `How often, in seconds, Switchboard asks the CRM for changes made there (${CRM_PULL_MIN_SECONDS} to ${CRM_PULL_MAX_SECONDS}); the agent's own work is sent at once whatever this is. Each round with nothing new costs 2 API calls in Salesforce: at 60 s a desktop signed in for an 8-hour shift uses 960 of the org's daily API calls, about what each licence adds (docs/crm.md); raise it for a large centre on a small allocation.`,
    kind: 'string',
    schema: wholeSeconds(CRM_PULL_MIN_SECONDS, CRM_PULL_MAX_SECONDS),
    builtin: 60,
    example: '120',
  }),
  zendeskAuth: define({
    section: 'CRM sync',
    title: 'Zendesk sign-in',
    description:
      "oauth: each agent signs in to Zendesk in the browser (Zendesk's sign-in and SSO apply; needs zendeskOAuthClientId). api-token: Switchboard uses an API token with zendeskEmail (a service account), set in zendeskApiToken or entered once in Sync settings.",
    kind: 'string',
    schema: z.enum(ZENDESK_AUTH_MODES, { error: 'must be "oauth" or "api-token"' }),
    builtin: 'oauth',
    example: 'api-token',
  }),
  zendeskOAuthClientId: define({
    section: 'CRM sync',
    title: 'Zendesk OAuth client',
    description:
      "The unique identifier of the OAuth client created in Zendesk Admin Center (Apps and integrations › APIs › Zendesk API › OAuth Clients), with the redirect URL http://127.0.0.1/oauth/callback. It is a public client: no secret is kept on agents' machines.",
    kind: 'string',
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{1,100}$/, "must be the client's unique identifier: letters, digits, _ . - (at most 100)"),
    builtin: null,
    example: 'switchboard_desktop',
  }),
  zendeskEmail: define({
    section: 'CRM sync',
    title: 'Zendesk API user',
    description: 'With zendeskAuth api-token: the email address of the Zendesk user the API token acts as.',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .max(254, 'must be at most 254 characters')
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address'),
    builtin: null,
    example: 'switchboard@example.com',
  }),
  zendeskApiToken: define({
    section: 'CRM sync',
    title: 'Zendesk API token',
    description:
      'With zendeskAuth api-token: the API token (Admin Center › Apps and integrations › Zendesk API). Not set: each agent enters it once in Sync settings and it is kept in the keychain.',
    kind: 'string',
    schema: z.string().trim().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters'),
    builtin: null,
    secret: true,
    example: '(the token)',
  }),
  zendeskWrapUpTagPrefix: define({
    section: 'CRM sync',
    title: 'Zendesk wrap-up tag prefix',
    description: `The wrap-up code is added to the ticket as a tag: this prefix and the code (${DEFAULT_ZENDESK_WRAP_UP_TAG_PREFIX}resolved). Empty: the code alone is the tag.`,
    kind: 'string',
    schema: z
      .string()
      .trim()
      .regex(/^[a-z0-9_:-]{0,40}$/, 'must be at most 40 lower-case letters, digits, _ : or - (Zendesk tags have no spaces)'),
    builtin: DEFAULT_ZENDESK_WRAP_UP_TAG_PREFIX,
    example: 'wrapup_',
  }),
  zendeskWrapUpFieldId: define({
    section: 'CRM sync',
    title: 'Zendesk wrap-up field',
    description: 'The id of a ticket field (text or drop-down) that receives the wrap-up code as well. Not set: the tag only.',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .regex(/^[1-9][0-9]{0,18}$/, 'must be the numeric id of a ticket field'),
    builtin: null,
    example: '360001234567',
  }),
  zendeskTalkPartnerEdition: define({
    section: 'CRM sync',
    title: 'Zendesk Talk Partner Edition',
    description:
      "true: calls are logged as Zendesk voice tickets with their call details (the account needs Talk Partner Edition). false: a comment on the agent's chosen ticket, or a new ticket.",
    kind: 'boolean',
    schema: z.boolean({ error: 'must be true or false (1 or 0 in the registry)' }),
    builtin: false,
    example: 'true',
  }),
  salesforceLoginUrl: define({
    section: 'CRM sync',
    title: 'Salesforce sign-in address',
    description:
      'Where agents sign in to Salesforce (OAuth web server flow with PKCE, in the browser). Not set: the org address (crmSyncUrl, its My Domain). Set https://test.salesforce.com for a sandbox without My Domain login.',
    kind: 'string',
    schema: httpsUrl('https://login.salesforce.com'),
    builtin: null,
    example: 'https://login.salesforce.com',
  }),
  salesforceOAuthClientId: define({
    section: 'CRM sync',
    title: 'Salesforce Connected App',
    description:
      "The consumer key of the Connected App (or External Client App) created for Switchboard in Salesforce Setup, with PKCE required, the callback URL http://127.0.0.1:<salesforceRedirectPort>/oauth/callback and the scopes api and refresh_token. No consumer secret is kept on agents' machines.",
    kind: 'string',
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._]{10,256}$/, "must be the Connected App's consumer key: letters, digits, . and _ (10 to 256)"),
    builtin: null,
    example: '3MVG9A2kN3Bn17hsWsLDatw_...',
  }),
  salesforceRedirectPort: define({
    section: 'CRM sync',
    title: 'Salesforce sign-in port',
    description:
      'The port of the callback URL on this computer the browser comes back to after signing in to Salesforce, http://127.0.0.1:<port>/oauth/callback. Salesforce matches callback URLs exactly, so the Connected App lists this one.',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .regex(/^[1-9][0-9]{3,4}$/, 'must be a port number from 1024 to 65535')
      .refine((v) => Number(v) >= 1024 && Number(v) <= 65535, 'must be a port number from 1024 to 65535'),
    builtin: DEFAULT_SALESFORCE_REDIRECT_PORT,
    example: DEFAULT_SALESFORCE_REDIRECT_PORT,
  }),
  salesforceFieldMapping: define({
    section: 'CRM sync',
    title: 'Salesforce field mapping',
    description:
      'Which Salesforce fields Switchboard reads and writes, where the org differs from the standard objects: JSON { contact: { name, email, company, notes, segment, doNotCall, phones: [{ field, label }] }, case: { subject, description, status, priority, closed, contact, owner }, priorities, prioritiesOut, statuses, statusesOut, escalatedStatus, escalationOwners }. Not set: the standard fields (docs/crm.md).',
    kind: 'json',
    schema: salesforceFieldMappingSchema,
    builtin: null,
    example: '{"contact":{"segment":"Tier__c"},"prioritiesOut":{"P1":"Critical"},"escalationOwners":{"network":"00G5g000004XyZ1"}}',
  }),
  salesforceCallIdField: define({
    section: 'CRM sync',
    title: 'Salesforce call ID field',
    description:
      "The custom external-id field on Task (Text, External ID, Unique) that holds Switchboard's id of each call, so a call is logged as one Task however often it is sent (docs/crm.md says how to create it).",
    kind: 'string',
    schema: salesforceCustomFieldSchema,
    builtin: DEFAULT_SALESFORCE_CALL_ID_FIELD,
    example: DEFAULT_SALESFORCE_CALL_ID_FIELD,
  }),
  salesforceDefaultRegion: define({
    section: 'CRM sync',
    title: 'Salesforce phone region',
    description:
      'The two-letter country (ISO 3166) that Salesforce phone numbers without a country code are read in, so they match callers in E.164. Not set: US.',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as GB or US'),
    builtin: null,
    example: 'GB',
  }),
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
    schema: z.enum(DO_NOT_CALL_OVERRIDE_MODES, { error: 'must be "never" or "with-supervisor-approval"' }),
    builtin: 'never',
    example: 'with-supervisor-approval',
  }),
  focusOnRing: define({
    section: 'Agent workflow',
    title: 'Bring the window forward on ring',
    description:
      'true: an incoming call raises the Switchboard window when it is hidden, minimized or behind another window. false: it stays where it is and the "Incoming call" notification (shown whenever the window is not in front) brings it forward when clicked. Either way a window the agent is working in is never interrupted.',
    kind: 'boolean',
    schema: z.boolean({ error: 'must be true or false (1 or 0 in the registry)' }),
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
  // Agent workflow keys
  autoUpdate: define({
    section: 'Updates',
    title: 'Automatic updates',
    description: 'Download and install updates automatically. Always off for MSI installs (update those with your software distribution).',
    kind: 'boolean',
    schema: z.boolean({ error: 'must be true or false (1 or 0 in the registry)' }),
    builtin: true,
    example: 'false',
  }),
  updateChannel: define({
    section: 'Updates',
    title: 'Update channel',
    description: 'Which releases to update to: stable or beta.',
    kind: 'string',
    schema: z.enum(UPDATE_CHANNELS, { error: 'must be "stable" or "beta"' }),
    builtin: 'stable',
    example: 'stable',
  }),
  updateUrl: define({
    section: 'Updates',
    title: 'Update server',
    description: 'The https:// address updates are downloaded from (an electron-updater "generic" feed). Not set: no update checks.',
    kind: 'string',
    schema: httpsUrl('https://updates.example.com/switchboard'),
    builtin: null,
    example: 'https://updates.example.com/switchboard',
  }),
  logLevel: define({
    section: 'Logging and security',
    title: 'Log level',
    description: 'How much goes into the log files: debug, info, warn or error. Logs never hold passwords, tokens or call content.',
    kind: 'string',
    schema: z.enum(POLICY_LOG_LEVELS, { error: 'must be one of debug, info, warn, error' }),
    builtin: 'info',
    example: 'info',
  }),
  encryptionRequired: define({
    section: 'Logging and security',
    title: 'Encryption required',
    description:
      'Refuse unencrypted connections: ws:// SIP servers and http:// sync servers are not used or saved, whoever set them (also settings saved before the policy). Only this computer (localhost, 127.x.x.x, ::1) may be reached without encryption.',
    kind: 'boolean',
    schema: z.boolean({ error: 'must be true or false (1 or 0 in the registry)' }),
    builtin: false,
    example: 'true',
  }),
  extraCaFile: define({
    section: 'Logging and security',
    title: 'Extra CA certificates',
    description:
      'The full path of a PEM file with certificate authorities to trust for the SIP server (wss://) and the CRM sync server (https://), e.g. your corporate CA, besides those built in and (where the app can read it) the operating system store. A file that is missing or not PEM is reported as a policy problem; the other CAs are still used.',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .max(1000, 'must be at most 1000 characters')
      // shared/ has no path module; a full path is /… (macOS, Linux), C:\… or \\server\share\… (Windows).
      .regex(
        /^(?:\/|[A-Za-z]:[\\/]|\\\\[^\\])/,
        'must be the full path of a PEM file, such as /etc/ssl/certs/corp-ca.pem or C:\\ProgramData\\Corp\\ca.pem',
      ),
    builtin: null,
    example: 'C:\\ProgramData\\Corp\\corp-ca.pem',
  }),
  // Sign-in (SSO) keys
  ssoIssuer: define({
    section: 'Sign-in (SSO)',
    title: 'Sign-in issuer',
    description:
      "The OpenID Connect issuer agents sign in with (Entra ID, Okta, Keycloak, ...), exactly as its discovery document names it; its endpoints are discovered from <issuer>/.well-known/openid-configuration. Agents sign in in the system browser (authorization code with PKCE, loopback redirect to http://127.0.0.1:<any port>/oauth/callback). Set with ssoClientId. The Switchboard Sync API then takes the agent's access token instead of a site token. Not set: no single sign-on.",
    kind: 'string',
    schema: httpsUrl('https://login.example.com/realms/agents'),
    builtin: null,
    example: 'https://login.example.com/realms/agents',
  }),
  ssoClientId: define({
    section: 'Sign-in (SSO)',
    title: 'Sign-in client',
    description:
      "The client (application) id registered for Switchboard at the identity provider: a public native client (no secret is kept on agents' machines) with PKCE and the redirect URI http://127.0.0.1/oauth/callback (any port).",
    kind: 'string',
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:/-]{1,200}$/, "must be the client's id: letters, digits, _ . : / - (at most 200)"),
    builtin: null,
    example: '0f3b2c9e-1d2a-4c1b-9a7e-5e8f1a2b3c4d',
  }),
  ssoScopes: define({
    section: 'Sign-in (SSO)',
    title: 'Sign-in scopes',
    description:
      "The scopes Switchboard asks for: openid, profile and email give the agent's name and email (from the ID token); offline_access a refresh token, so the sign-in is renewed silently. Add the Sync API's scope where the provider needs one to issue an access token for it (Entra ID: api://<app id>/sync).",
    kind: 'stringList',
    schema: z
      .array(
        z
          .string()
          .trim()
          .regex(
            /^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/,
            'each scope must be one word of visible characters (no spaces, quotes or backslashes)',
          ),
      )
      .min(1, 'must list at least openid')
      .max(20, 'lists more than 20 scopes')
      .refine((scopes) => scopes.includes('openid'), 'must include openid'),
    builtin: ['openid', 'profile', 'email', 'offline_access'],
    example: '["openid", "profile", "email", "offline_access"]',
  }),
  ssoRequired: define({
    section: 'Sign-in (SSO)',
    title: 'Sign-in required',
    description:
      'true: nothing but the sign-in screen shows until the agent has signed in (needs ssoIssuer and ssoClientId). false: agents may work signed out; work is sent after they sign in.',
    kind: 'boolean',
    schema: z.boolean({ error: 'must be true or false (1 or 0 in the registry)' }),
    builtin: false,
    example: 'true',
  }),
  ssoSipProvisioning: define({
    section: 'Sign-in (SSO)',
    title: 'SIP account from sign-in',
    description:
      "true: after sign-in, the agent's SIP account (server, domain, user and password or token) comes from the Sync API (GET /v1/me/sip-account), so agents never type a SIP password; it is deleted at sign-out. false: the SIP account is entered or set by policy as before.",
    kind: 'boolean',
    schema: z.boolean({ error: 'must be true or false (1 or 0 in the registry)' }),
    builtin: false,
    example: 'true',
  }),
  // SLA alerts keys
  slaAlertWebhooks: define({
    section: 'SLA alerts',
    title: 'SLA alert webhooks',
    description:
      'Where overdue escalations and management-chain steps are posted: JSON { webhooks: { <name>: { kind: "slack" | "teams", url } }, routes: { <P1-P4>: { <acknowledge-overdue | resolve-overdue | team-lead | service-manager | vp-operations>: [<name>, ...] } } }. Slack: an incoming webhook; Teams: a Workflows webhook (docs/deploy.md, "SLA alerts"). The addresses are secrets: https:// only, never shown in the app.',
    kind: 'json',
    schema: alertWebhooksSchema,
    builtin: null,
    secret: true,
    example:
      '{"webhooks":{"ops-slack":{"kind":"slack","url":"https://hooks.slack.com/services/T000/B000/XXXX"}},"routes":{"P1":{"acknowledge-overdue":["ops-slack"],"team-lead":["ops-slack"]}}}',
  }),
  slaAlertContent: define({
    section: 'SLA alerts',
    title: 'SLA alert content',
    description:
      "full: a message names the case's title and the customer's name besides the ids, priority, what is overdue and by how much, the agent and the case's CRM link. ids-only: no title and no name.",
    kind: 'string',
    schema: z.enum(ALERT_CONTENT_LEVELS, { error: 'must be "full" or "ids-only"' }),
    builtin: 'full',
    example: 'ids-only',
  }),
  // Status feed keys
  statusFeedUrl: define({
    section: 'Status feed',
    title: 'Status feed address',
    description:
      "The https:// address of a status feed whose active incidents show as a banner above the customer pane: a Statuspage v2 summary.json, or an RSS 2.0 or Atom feed (e.g. Statuspage's history.rss / history.atom). Not set: no banner. http:// only for 127.0.0.1.",
    kind: 'string',
    schema: httpsUrl('https://status.example.com/api/v2/summary.json'),
    builtin: null,
    example: 'https://status.example.com/api/v2/summary.json',
  }),
  statusFeedPollSeconds: define({
    section: 'Status feed',
    title: 'Status feed poll interval',
    description: `How often, in seconds, the status feed is read (${STATUS_FEED_MIN_POLL_SECONDS} to ${STATUS_FEED_MAX_POLL_SECONDS}). After a failed read the next one waits longer, up to 10 minutes.`,
    kind: 'string',
    schema: wholeSeconds(STATUS_FEED_MIN_POLL_SECONDS, STATUS_FEED_MAX_POLL_SECONDS),
    builtin: 60,
    example: '60',
  }),
} as const;

export type PolicyKey = keyof typeof POLICY_KEYS;
export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];
export type PolicyValue<K extends PolicyKey> = z.output<(typeof POLICY_KEYS)[K]['schema']>;
export type PolicyValues = { [K in PolicyKey]: PolicyValue<K> | null };

export function isPolicyKey(name: string): name is PolicyKey {
  return Object.prototype.hasOwnProperty.call(POLICY_KEYS, name);
}

/** `sipDomain` → `SipDomain`: the registry value name (and the ADMX valueName). */
export function registryValueName(key: PolicyKey): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** The registry key the policies live under, in HKLM and HKCU. */
export const REGISTRY_POLICY_PATH = 'Software\\Policies\\Switchboard';
/** Its subkey holding defaults the agent may change (the Chrome/Edge "Recommended" convention). */
export const REGISTRY_RECOMMENDED_SUBKEY = 'Recommended';
/** The macOS preference domain (managed preferences file name without .plist). */
export const MACOS_PREFERENCE_DOMAIN = 'com.switchboard.app';
/** The dictionary in the macOS managed preferences that holds defaults. */
export const MACOS_RECOMMENDED_KEY = 'Recommended';
