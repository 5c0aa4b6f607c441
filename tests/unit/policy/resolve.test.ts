import { describe, expect, it } from 'vitest';
import { englishOf, type UserText } from '../../../shared/text/user-text';
import { POLICY_KEY_NAMES, POLICY_KEYS, type PolicyKey } from '../../../shared/policy/keys';
import { checkPolicyValue, publicValue, resolvePolicy, type PolicySourceReading } from '../../../shared/policy/resolve';

/** A problem's message as main logs it (the English the window shows in an English window). */
const english = (text: UserText | undefined) => (text ? englishOf(text) : undefined);

const reading = (source: string, defaults: Record<string, unknown> = {}, enforced: Record<string, unknown> = {}): PolicySourceReading => ({
  source,
  defaults,
  enforced,
  problems: [],
});

describe('layering: built-in < policy default < user < enforced', () => {
  it('a fresh install runs on the built-in defaults, nothing locked', () => {
    const policy = resolvePolicy([]);
    expect(policy.values.dtmfMode).toBe('rfc4733');
    expect(policy.values.autoUpdate).toBe(true);
    expect(policy.values.sipServer).toBeNull();
    expect(POLICY_KEY_NAMES.every((k) => !policy.entries[k].locked && policy.entries[k].origin === 'built-in')).toBe(true);
    expect(policy.problems).toEqual([]);
  });

  it('a policy default beats the built-in value but the agent may still change it', () => {
    const policy = resolvePolicy([reading('p.json', { logLevel: 'debug', sipDomain: 'example.com' })], { sipDomain: 'mine.example.org' });
    expect(policy.entries.logLevel).toMatchObject({ value: 'debug', origin: 'policy-default', locked: false, source: 'p.json' });
    expect(policy.entries.sipDomain).toMatchObject({ value: 'mine.example.org', origin: 'user', locked: false });
  });

  it('an enforced value beats the agent and is locked', () => {
    const policy = resolvePolicy([reading('p.json', { sipDomain: 'default.example.com' }, { sipDomain: 'corp.example.com' })], {
      sipDomain: 'mine.example.org',
    });
    expect(policy.entries.sipDomain).toMatchObject({ value: 'corp.example.com', origin: 'enforced', locked: true, source: 'p.json' });
  });

  it('the first source in line wins each level; later sources fill the gaps', () => {
    const policy = resolvePolicy([
      reading('HKLM', {}, { logLevel: 'warn' }),
      reading('HKCU', { dtmfMode: 'info' }, { logLevel: 'debug', autoUpdate: false }),
    ]);
    expect(policy.entries.logLevel).toMatchObject({ value: 'warn', source: 'HKLM', locked: true });
    expect(policy.entries.autoUpdate).toMatchObject({ value: false, source: 'HKCU', locked: true });
    expect(policy.entries.dtmfMode).toMatchObject({ value: 'info', origin: 'policy-default' });
  });

  it('an enforced value anywhere beats a default from a source earlier in line', () => {
    const policy = resolvePolicy([reading('machine', { updateChannel: 'beta' }), reading('install', {}, { updateChannel: 'stable' })]);
    expect(policy.entries.updateChannel).toMatchObject({ value: 'stable', locked: true, source: 'install' });
  });
});

describe('bad values: ignored with a message naming the key, the source and why', () => {
  const bad: Record<PolicyKey, { value: unknown; says: RegExp }> = {
    sipServer: { value: 'https://sip.example.com', says: /must be a wss:\/\/ \(or ws:\/\/\) address/ },
    sipBackupServer: { value: 'sip2.example.com:7443', says: /must be a wss:\/\/ \(or ws:\/\/\) address/ },
    sipDomain: { value: 'sip:example.com', says: /must be a host name such as example\.com/ },
    sipOutboundProxy: { value: 'proxy.example.com', says: /must be a SIP URI such as sip:sbc\.example\.com;lr/ },
    dtmfMode: { value: 'inband', says: /must be "rfc4733" or "info"/ },
    recordingPauseMethod: { value: 'sipinfo', says: /must be "sip-info", "dtmf" or "off"/ },
    recordingPauseInfoContentType: { value: 'text plain', says: /must be a MIME type such as text\/plain/ },
    recordingPauseInfoBody: { value: 'Record:\u0000pause', says: /must be plain text \(no control characters but line breaks\)/ },
    recordingResumeInfoBody: { value: '', says: /must not be empty/ },
    recordingPauseDtmf: { value: '*1x', says: /must be 1 to 16 keypad keys/ },
    recordingResumeDtmf: { value: '', says: /must be 1 to 16 keypad keys/ },
    preShiftEchoExtension: { value: 'sip:echo@pbx.example.com', says: /must be an extension or user name: letters, digits/ },
    stunUrls: { value: ['turn:relay.example.com'], says: /\[0\]: "turn:relay\.example\.com" must start with stun: or stuns:/ },
    turnUrls: { value: ['stun:stun.example.com'], says: /must start with turn: or turns:/ },
    turnUsername: { value: '', says: /must not be empty/ },
    turnCredential: { value: 42, says: /must be text \(REG_SZ/ },
    iceTransportPolicy: { value: 'turn-only', says: /must be "all" or "relay"/ },
    dtlsRoleWhileRinging: { value: 'actpass', says: /must be "auto", "active" or "passive"/ },
    crmConnector: { value: 'salesforce-classic', says: /must be one of switchboard-sync, zendesk/ },
    crmSyncUrl: { value: 'http://crm.example.com/sync', says: /must be an https:\/\/ address/ },
    zendeskAuth: { value: 'password', says: /must be "oauth" or "api-token"/ },
    zendeskOAuthClientId: { value: 'my client', says: /must be the client's unique identifier/ },
    zendeskEmail: { value: 'agents.example.com', says: /must be an email address/ },
    zendeskApiToken: { value: 'short', says: /must be at least 8 characters/ },
    zendeskWrapUpTagPrefix: { value: 'Wrap up ', says: /Zendesk tags have no spaces/ },
    zendeskWrapUpFieldId: { value: 'wrapup', says: /must be the numeric id of a ticket field/ },
    zendeskTalkPartnerEdition: { value: 'yes', says: /must be true or false/ },
    salesforceLoginUrl: { value: 'http://login.salesforce.com', says: /must be an https:\/\/ address/ },
    salesforceOAuthClientId: { value: 'my app', says: /must be the Connected App's consumer key/ },
    salesforceRedirectPort: { value: '80', says: /must be a port number from 1024 to 65535/ },
    salesforceFieldMapping: { value: { contact: { phones: [] } }, says: /contact\.phones: needs at least one phone field/ },
    salesforceCallIdField: { value: 'Switchboard_Call_Id', says: /must be the API name of a custom field such as Switchboard_Call_Id__c/ },
    salesforceDefaultRegion: { value: 'Germany', says: /must be a two-letter country code/ },
    wrapUpCodes: { value: [{ code: 'A B', label: 'x', category: 'y' }], says: /\[0\]\.code: use letters, digits/ },
    notReadyReasons: { value: [], says: /needs at least one not-ready reason/ },
    afterCallWork: { value: { seconds: 60, onExpiry: 'never' }, says: /onExpiry: must be "ready" or "stay-until-coded"/ },
    inboundCalls: { value: { sipCode: 404 }, says: /sipCode: must be one of 480, 486, 600, 603/ },
    escalationMatrix: { value: '{"tiers": [', says: /is not valid JSON/ },
    slaPolicy: {
      value: { priorities: { P1: { acknowledgeMinutes: 60, resolveMinutes: 30 } } },
      says: /priorities\.P1\.resolveMinutes: resolveMinutes must not be shorter than acknowledgeMinutes/,
    },
    doNotCallOverride: { value: 'always', says: /must be "never" or "with-supervisor-approval"/ },
    focusOnRing: { value: 'no', says: /must be true or false/ },
    globalHotkeys: { value: { answer: 'A' }, says: /answer: "A" would take A from typing in every application/ },
    guidedScripts: {
      value: [{ id: 'verify', title: 'Verify', targetSeconds: 90, steps: [] }],
      says: /\[0\]\.steps: needs at least one step/,
    },
    autoUpdate: { value: 2, says: /must be 1 \(on\) or 0 \(off\), not 2/ },
    updateChannel: { value: 'nightly', says: /must be "stable" or "beta"/ },
    updateUrl: { value: 'https://user:pw@updates.example.com', says: /must be an https:\/\/ address .*no user name or password/ },
    logLevel: { value: 'verbose', says: /must be one of debug, info, warn, error/ },
    encryptionRequired: { value: 'yes', says: /must be true or false/ },
    extraCaFile: { value: 'corp-ca.pem', says: /must be the full path of a PEM file/ },
    ssoIssuer: { value: 'http://login.example.com', says: /must be an https:\/\/ address/ },
    ssoClientId: { value: 'my client', says: /must be the client's id/ },
    ssoScopes: { value: ['profile', 'email'], says: /must include openid/ },
    ssoRequired: { value: 'yes', says: /must be true or false/ },
    ssoSipProvisioning: { value: 'yes', says: /must be true or false/ },
    slaAlertWebhooks: {
      value: { webhooks: { ops: { kind: 'slack', url: 'http://hooks.slack.com/services/T/B/x' } }, routes: {} },
      says: /webhooks\.ops\.url: must be an https:\/\/ webhook address/,
    },
    slaAlertContent: { value: 'names', says: /must be "full" or "ids-only"/ },
    statusFeedUrl: { value: 'http://status.example.com/api/v2/summary.json', says: /must be an https:\/\/ address/ },
    statusFeedPollSeconds: { value: '10', says: /must be at least 30 seconds/ },
    crmPullIntervalSeconds: { value: '5', says: /must be at least 30 seconds/ },
    theme: { value: 'high-contrast', says: /must be "system", "light" or "dark"/ },
    language: { value: 'de-DE', says: /must be "system", "en" or "de"/ },
  };

  for (const key of POLICY_KEY_NAMES) {
    it(`${key}: a bad value gives its own message and the key falls back`, () => {
      const policy = resolvePolicy([reading('/etc/switchboard/policy.json', {}, { [key]: bad[key].value })]);
      expect(policy.problems).toHaveLength(1);
      const problem = policy.problems[0];
      expect(problem).toMatchObject({ key, source: '/etc/switchboard/policy.json', level: 'enforced' });
      expect(english(problem?.message)).toMatch(
        new RegExp(`^Policy "${key}" in /etc/switchboard/policy\\.json \\(enforced\\) is not valid: `),
      );
      expect(english(problem?.message)).toMatch(bad[key].says);
      expect(policy.entries[key]).toMatchObject({ origin: 'built-in', locked: false, value: POLICY_KEYS[key].builtin });
    });
  }

  it('says what is used instead: a valid default from a source further down the line', () => {
    const policy = resolvePolicy([reading('HKLM', {}, { dtmfMode: 'inband' }), reading('install/policy.json', { dtmfMode: 'info' })]);
    expect(policy.entries.dtmfMode).toMatchObject({ value: 'info', origin: 'policy-default', source: 'install/policy.json' });
    expect(english(policy.problems[0]?.message)).toMatch(/Using the default from another policy source instead\.$/);
  });

  it('a bad key leaves the good keys of the same source working', () => {
    const policy = resolvePolicy([reading('p.json', {}, { sipDomain: 'example.com', logLevel: 'loud' })]);
    expect(policy.entries.sipDomain).toMatchObject({ value: 'example.com', locked: true });
    expect(policy.entries.logLevel).toMatchObject({ value: 'info', origin: 'built-in' });
    expect(policy.problems.map((p) => p.key)).toEqual(['logLevel']);
  });

  it('an unknown key is reported, with a suggestion when only the case is wrong', () => {
    const policy = resolvePolicy([reading('p.json', { SIPDOMAIN: 'example.com', colour: 'blue' })]);
    expect(policy.problems.map((p) => englishOf(p.message))).toEqual([
      'Unknown policy key "SIPDOMAIN" in p.json (defaults) is ignored. Did you mean "sipDomain"?',
      'Unknown policy key "colour" in p.json (defaults) is ignored.',
    ]);
  });

  it('a bad value the agent saved is ignored too', () => {
    const policy = resolvePolicy([reading('p.json', { sipDomain: 'corp.example.com' })], { sipDomain: 'not a host' });
    expect(policy.entries.sipDomain).toMatchObject({ value: 'corp.example.com', origin: 'policy-default' });
  });
});

describe('encryption required', () => {
  // (An http:// sync address to another machine never gets this far: crmSyncUrl's own check refuses it.)
  it('drops unencrypted SIP addresses to other machines, whoever set them, and says so', () => {
    const policy = resolvePolicy([reading('p.json', { sipServer: 'ws://pbx.lan:8080' }, { encryptionRequired: true })], {
      sipBackupServer: 'ws://backup.lan',
    });
    expect(policy.values.sipServer).toBeNull();
    expect(policy.values.sipBackupServer).toBeNull();
    expect(policy.problems.map((p) => p.key)).toEqual(['sipServer', 'sipBackupServer']);
    expect(english(policy.problems[0]?.message)).toBe(
      'Policy "sipServer" is an unencrypted address (ws://) but "encryptionRequired" is on, so it is not used. Use wss://.',
    );
  });

  it('keeps ws:// and http:// to this computer: nothing crosses a network', () => {
    const policy = resolvePolicy(
      [reading('p.json', {}, { encryptionRequired: true, sipServer: 'ws://127.0.0.1:5066', crmSyncUrl: 'http://localhost:9000' })],
      {
        sipBackupServer: 'ws://[::1]:5066',
      },
    );
    expect(policy.values).toMatchObject({
      sipServer: 'ws://127.0.0.1:5066',
      sipBackupServer: 'ws://[::1]:5066',
      crmSyncUrl: 'http://localhost:9000',
    });
    expect(policy.problems).toEqual([]);
  });

  it('keeps wss:// and https://', () => {
    const policy = resolvePolicy([
      reading('p.json', {}, { encryptionRequired: true, sipServer: 'wss://sip.example.com', crmSyncUrl: 'https://crm.example.com' }),
    ]);
    expect(policy.values.sipServer).toBe('wss://sip.example.com');
    expect(policy.values.crmSyncUrl).toBe('https://crm.example.com');
    expect(policy.problems).toEqual([]);
  });
});

describe('values', () => {
  it('registry-shaped values are accepted: DWORD booleans, MULTI_SZ lists, JSON text', () => {
    expect(checkPolicyValue('autoUpdate', 0)).toEqual({ ok: true, value: false });
    expect(checkPolicyValue('stunUrls', ['stun:a.example.com', 'stun:b.example.com'])).toEqual({
      ok: true,
      value: ['stun:a.example.com', 'stun:b.example.com'],
    });
    expect(checkPolicyValue('stunUrls', 'stun:a.example.com')).toEqual({ ok: true, value: ['stun:a.example.com'] });
    expect(checkPolicyValue('afterCallWork', '{"seconds": 30}')).toMatchObject({
      ok: true,
      value: { seconds: 30, onExpiry: 'stay-until-coded' },
    });
    expect(checkPolicyValue('afterCallWork', ['{"seconds":', '45}'])).toMatchObject({ ok: true, value: { seconds: 45 } });
  });

  it('the TURN password never leaves main in clear', () => {
    expect(publicValue('turnCredential', 's3cret')).toBe('(set)');
    expect(publicValue('turnCredential', null)).toBeNull();
    expect(publicValue('turnUsername', 'switchboard')).toBe('switchboard');
  });
});
