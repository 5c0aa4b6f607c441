/**
 * The CRM connectors sync can use: where customers and cases come from and where the agent's work
 * goes. One is in use at a time; IT chooses it by policy (`crmConnector`), or the agent in Sync
 * settings when the policy does not lock it. Each connector keeps its own pull cursors, so
 * changing it starts a full download from the new CRM (docs/crm.md).
 */
export const CRM_CONNECTORS = ['switchboard-sync', 'zendesk', 'salesforce'] as const;
export type CrmConnector = (typeof CRM_CONNECTORS)[number];

/** What the agent and IT read in Settings and in the sync status. */
export const CRM_CONNECTOR_NAMES: Record<CrmConnector, string> = {
  'switchboard-sync': 'Switchboard Sync API',
  zendesk: 'Zendesk',
  salesforce: 'Salesforce',
};

/**
 * How Switchboard signs in to Zendesk: OAuth (the agent signs in in the browser, Zendesk's own
 * sign-in and SSO apply) or an API token (IT's choice for a service account: `email/token` basic
 * auth, the token in the keychain or set by policy).
 */
export const ZENDESK_AUTH_MODES = ['oauth', 'api-token'] as const;
export type ZendeskAuthMode = (typeof ZENDESK_AUTH_MODES)[number];

/** The wrap-up code is written to the ticket as a tag with this prefix unless IT sets another. */
export const DEFAULT_ZENDESK_WRAP_UP_TAG_PREFIX = 'wrapup_';
