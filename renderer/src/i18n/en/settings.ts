import { POLICY_KEYS, type PolicyKey } from '../../../../shared/policy/keys';

/** A setting's name (its label in Settings) and description (the label's tooltip). */
// A type, not an interface: the catalog tests read catalogs as string trees, which an interface is not.
type PolicyKeyText = { readonly title: string; readonly description: string };

const POLICY_KEY_TEXTS = Object.fromEntries(
  Object.entries(POLICY_KEYS).map(([key, definition]) => [key, { title: definition.title, description: definition.description }]),
) as { readonly [K in PolicyKey]: PolicyKeyText };

/** English messages of the "settings" namespace: the source catalog; the other languages must have every key. */
export default {
  title: 'Settings',
  loading: 'Loading…',
  loadFailed: 'The settings could not be loaded: {{problem}}',
  saveFailed: 'The setting was not saved: {{problem}}',
  problems: {
    title: 'Problems in the IT policy',
    note: 'Switchboard uses safe defaults for these settings. Tell your IT department.',
  },
  sources: 'Policy sources checked: {{list}}.',
  sourceNone: '{{source}} (none)',
  noSources: 'none',
  section: {
    Phone: 'Phone',
    'Media (STUN/TURN)': 'Media (STUN/TURN)',
    'CRM sync': 'CRM sync',
    'Sign-in (SSO)': 'Sign-in (SSO)',
    'Agent workflow': 'Agent workflow',
    'SLA alerts': 'SLA alerts',
    'Status feed': 'Status feed',
    Updates: 'Updates',
    'Logging and security': 'Logging and security',
    Appearance: 'Appearance',
  },
  note: {
    Phone: 'Your SIP account (user name and password) is entered under Phone settings in the phone bar.',
    'CRM sync': 'The sync access token is entered in the sync settings at the bottom of the window.',
  },
  origin: {
    'built-in': 'Built-in default',
    'policy-default': 'Default from your IT department (you may change it)',
    user: 'Your setting',
    enforced: 'Locked by your IT department',
  },
  originWithSource: '{{origin}} ({{source}})',
  value: {
    notSet: 'Not set',
    on: 'On',
    off: 'Off',
    none: 'None',
    set: 'Set',
    entries_one: '{{count, number}} entry',
    entries_other: '{{count, number}} entries',
  },
  showDocument: 'Show {{title}}',
  /**
   * Each setting's name and what it does, by policy key. The English is the key definitions' own
   * (shared/policy/keys/), which the ADMX template and docs/deploy.md use too, so IT and the agent
   * name a setting alike; other languages translate it here.
   */
  key: POLICY_KEY_TEXTS,
  theme: {
    system: 'Same as the system',
    light: 'Light',
    dark: 'Dark',
  },
  language: {
    system: 'Same as the system',
  },
} as const;
