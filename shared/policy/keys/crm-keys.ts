/** Policy keys for CRM sync: which connector, where, how it signs in and how often it pulls. */
import * as z from 'zod';
import { rule, oneOf } from '../rule-text';
import { CRM_CONNECTORS, DEFAULT_ZENDESK_WRAP_UP_TAG_PREFIX, ZENDESK_AUTH_MODES } from '../../sync/connectors';
import {
  DEFAULT_SALESFORCE_CALL_ID_FIELD,
  DEFAULT_SALESFORCE_REDIRECT_PORT,
  salesforceCustomFieldSchema,
  salesforceFieldMappingSchema,
} from '../../sync/salesforce-fields';
import { httpsUrl, wholeSeconds, define, CRM_PULL_MIN_SECONDS, CRM_PULL_MAX_SECONDS } from '../key-definition';

export const CRM_KEYS = {
  crmConnector: define({
    section: 'CRM sync',
    title: 'CRM connector',
    description:
      'Where customers and cases come from and where calls are logged: switchboard-sync (the Switchboard Sync API), zendesk (Zendesk Support) or salesforce (Salesforce Service Cloud). Changing it downloads everything again from the new CRM.',
    kind: 'string',
    schema: z.enum(CRM_CONNECTORS, { error: rule('policy.rule.oneOfList', { list: CRM_CONNECTORS.join(', ') }) }),
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
    schema: z.enum(ZENDESK_AUTH_MODES, { error: oneOf(ZENDESK_AUTH_MODES) }),
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
      .regex(/^[A-Za-z0-9_.-]{1,100}$/, rule('policy.rule.oauthClientId')),
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
      .max(254, rule('policy.rule.atMostCharacters', { maximum: 254 }))
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, rule('policy.rule.email')),
    builtin: null,
    example: 'switchboard@example.com',
  }),
  zendeskApiToken: define({
    section: 'CRM sync',
    title: 'Zendesk API token',
    description:
      'With zendeskAuth api-token: the API token (Admin Center › Apps and integrations › Zendesk API). Not set: each agent enters it once in Sync settings and it is kept in the keychain.',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .min(8, rule('policy.rule.atLeastCharacters', { minimum: 8 }))
      .max(200, rule('policy.rule.atMostCharacters', { maximum: 200 })),
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
      .regex(/^[a-z0-9_:-]{0,40}$/, rule('policy.rule.zendeskTagPrefix')),
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
      .regex(/^[1-9][0-9]{0,18}$/, rule('policy.rule.ticketFieldId')),
    builtin: null,
    example: '360001234567',
  }),
  zendeskTalkPartnerEdition: define({
    section: 'CRM sync',
    title: 'Zendesk Talk Partner Edition',
    description:
      "true: calls are logged as Zendesk voice tickets with their call details (the account needs Talk Partner Edition). false: a comment on the agent's chosen ticket, or a new ticket.",
    kind: 'boolean',
    schema: z.boolean({ error: rule('policy.rule.trueOrFalse') }),
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
      .regex(/^[A-Za-z0-9._]{10,256}$/, rule('policy.rule.consumerKey')),
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
      .regex(/^[1-9][0-9]{3,4}$/, rule('policy.rule.port'))
      .refine((v) => Number(v) >= 1024 && Number(v) <= 65535, rule('policy.rule.port')),
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
      .regex(/^[A-Z]{2}$/, rule('policy.rule.countryCode')),
    builtin: null,
    example: 'GB',
  }),
} as const;
