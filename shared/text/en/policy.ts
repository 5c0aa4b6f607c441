/**
 * English messages main composes for the "policy" area: the source the window's other languages follow
 * (`shared/text/de/policy.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 *
 * `problem`: what is wrong in IT's policy sources (shared/policy/resolve.ts, electron/policy/).
 * `fallback`: what a key uses instead of a value that is not valid.
 * `issues`: how the rules a value broke are listed.
 * `rule`: why a value is not valid, one message per rule of the key schemas (shared/policy/keys/).
 * Values such as {{source}} (a file or registry path), {{key}} (a policy key) and {{value}} are
 * shown as written: they are names IT looks for, not words.
 */
export default {
  problem: {
    unknownKey: 'Unknown policy key "{{key}}" in {{source}} ({{level}}) is ignored.',
    unknownKeyDidYouMean: 'Unknown policy key "{{key}}" in {{source}} ({{level}}) is ignored. Did you mean "{{suggestion}}"?',
    invalidValue: 'Policy "{{key}}" in {{source}} ({{level}}) is not valid: {{reason}}. {{fallback}}',
    unencrypted:
      'Policy "{{key}}" is an unencrypted address ({{scheme}}://) but "encryptionRequired" is on, so it is not used. Use {{secureScheme}}://.',
    fileNotJson: 'The policy file {{source}} is not valid JSON ({{detail}}); none of its settings are applied.',
    fileNotObject:
      'The policy file {{source}} must hold a JSON object with "defaults" and/or "enforced"; none of its settings are applied.',
    fileTopLevelIgnored:
      '"{{name}}" at the top of {{source}} is ignored: put settings under "defaults" (the agent may change them) or "enforced" (locked).',
    fileLevelNotObject: '"{{level}}" in {{source}} must be an object of setting names and values; it is ignored.',
    fileUnreadable: 'The policy file {{source}} could not be read ({{code}}); none of its settings are applied.',
    fileTooLarge: 'The policy file {{source}} is larger than 1 MB; none of its settings are applied.',
    plistNotDictionary: 'The managed preferences {{source}} must hold a dictionary; none of its settings are applied.',
    plistRecommendedNotDictionary: '"{{name}}" in {{source}} must be a dictionary; it is ignored.',
    plistUnreadable: 'The managed preferences {{source}} could not be read ({{detail}}); none of their settings are applied.',
    plistTooLarge: 'The managed preferences {{source}} are larger than 1 MB; none of their settings are applied.',
    registryValueType:
      'Policy "{{key}}" in {{source}} ({{level}}) is not valid: {{type}} values are not read; use REG_SZ, REG_DWORD or REG_MULTI_SZ. It is ignored.',
    registryMachineUnreadable:
      'The machine policies in {{source}} could not be read ({{detail}}). Until they can be read, Switchboard enforces its most restrictive security settings ({{restricted}}: on) and applies the other policy sources. Check that {{source}} can be read, then restart Switchboard.',
    registryUserUnreadable: 'The policies in {{source}} could not be read ({{detail}}); they are not applied.',
  },
  /** The `extraCaFile` policy's problem (electron/security/trust-store.ts). */
  caFile: {
    notUsed: 'Policy "extraCaFile" in {{source}} ({{level}}): the CA file {{file}} is not used: {{reason}}. {{trusted}}',
    notUsedAnyLevel: 'Policy "extraCaFile" in {{source}}: the CA file {{file}} is not used: {{reason}}. {{trusted}}',
    builtInTrusted: 'Servers signed by that CA are not trusted; the built-in certificate authorities still are.',
    builtInAndSystemTrusted: 'Servers signed by that CA are not trusted; the built-in and system certificate authorities still are.',
    tooLarge: 'it is larger than {{size}} MiB, which is not a CA file',
    missing: 'it does not exist ({{code}})',
    denied: 'it cannot be read (permission denied) ({{code}})',
    folder: 'it is a folder ({{code}})',
    unreadable: 'it cannot be read ({{code}})',
    unreadableNoCode: 'it cannot be read',
    noPem: 'it holds no PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----; DER files must be converted to PEM)',
    damaged: 'certificate {{index}} of {{total}} in it is damaged (not a valid X.509 certificate)',
  },
  fallback: {
    unset: 'It stays unset.',
    builtIn: 'Using the built-in default instead.',
    policyDefault: 'Using the default from another policy source instead.',
    user: "Using the agent's own setting instead.",
    enforced: 'Using the value enforced by another policy source instead.',
  },
  issues: {
    /** A rule broken by one part of a value, e.g. "[2].label: must not be empty". */
    at: '{{path}}: {{rule}}',
    two: '{{first}}; {{second}}',
    three: '{{first}}; {{second}}; {{third}}',
    more_one: '{{first}}; {{second}}; {{third}} (and {{count}} more)',
    more_other: '{{first}}; {{second}}; {{third}} (and {{count}} more)',
  },
  rule: {
    /** A rule of a schema outside shared/policy that says why in English only; shown as it is. */
    unexplained: '{{detail}}',
    notText: 'must be text (REG_SZ in the registry, a string in JSON or a plist)',
    notBoolean: 'must be true or false (a REG_DWORD 1 or 0 in the registry)',
    notBooleanNumber: 'must be 1 (on) or 0 (off), not {{value}}',
    notList: 'must be a list of text values (REG_MULTI_SZ in the registry, an array in JSON or a plist)',
    notJsonDocument: 'must be a JSON object or array (REG_SZ or REG_MULTI_SZ holding JSON in the registry)',
    notJson: 'is not valid JSON',
    notJsonBecause: 'is not valid JSON ({{detail}})',
    trueOrFalse: 'must be true or false (1 or 0 in the registry)',
    oneOfTwo: 'must be "{{first}}" or "{{second}}"',
    oneOfThree: 'must be "{{first}}", "{{second}}" or "{{third}}"',
    oneOfList: 'must be one of {{list}}',
    notEmpty: 'must not be empty',
    atMostCharacters: 'must be at most {{maximum}} characters',
    atLeastCharacters: 'must be at least {{minimum}} characters',
    host: 'must be a host name such as example.com or an IPv4 address (no scheme, no port)',
    addressTooLong: 'an address is longer than {{maximum}} characters',
    tooManyAddresses: 'lists more than {{maximum}} addresses',
    iceScheme: '"{{url}}" must start with {{scheme}}: or {{secureScheme}}: (e.g. {{example}})',
    httpsUrl: 'must be an https:// address such as {{example}} (no user name or password in it; http:// only for 127.0.0.1)',
    wholeSecondsText: 'must be a whole number of seconds, such as 60',
    wholeSeconds: 'must be a whole number of seconds',
    atLeastSeconds: 'must be at least {{minimum}} seconds',
    atMostSeconds: 'must be at most {{maximum}} seconds',
    pemPath: 'must be the full path of a PEM file, such as /etc/ssl/certs/corp-ca.pem or C:\\ProgramData\\Corp\\ca.pem',
    oauthClientId: "must be the client's unique identifier: letters, digits, _ . - (at most 100)",
    email: 'must be an email address',
    zendeskTagPrefix: 'must be at most 40 lower-case letters, digits, _ : or - (Zendesk tags have no spaces)',
    ticketFieldId: 'must be the numeric id of a ticket field',
    consumerKey: "must be the Connected App's consumer key: letters, digits, . and _ (10 to 256)",
    port: 'must be a port number from 1024 to 65535',
    countryCode: 'must be a two-letter country code such as GB or US',
    sipUri: 'must be a SIP URI such as sip:sbc.example.com;lr',
    extension: 'must be an extension or user name: letters, digits and * # + . _ - only (no sip: and no @domain)',
    ssoClientId: "must be the client's id: letters, digits, _ . : / - (at most 200)",
    scopeWord: 'each scope must be one word of visible characters (no spaces, quotes or backslashes)',
    scopesNotEmpty: 'must list at least openid',
    scopesOpenId: 'must include openid',
    tooManyScopes: 'lists more than {{maximum}} scopes',
  },
} as const;
