import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPolicyState, policyLogLevel, policyView, syncPolicyFrom, telephonyFromPolicy, workflowFromPolicy } from '../../../electron/policy/policy-service';
import type { PolicySourceReading } from '../../../shared/policy/resolve';

const reading = (defaults: Record<string, unknown>, enforced: Record<string, unknown> = {}): PolicySourceReading => ({ source: 'policy.json', defaults, enforced, problems: [] });
const ACCOUNT = { server: 'wss://agent.example.org', backupServer: null, domain: 'agent.example.org', username: '1001', authUsername: null, displayName: 'Ann' };

let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-policy-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function saveAccount(): void {
  writeFileSync(path.join(dataDir, 'telephony.json'), JSON.stringify({ version: 1, account: ACCOUNT, devices: {} }));
}

describe('telephony settings from policy', () => {
  it('no account yet: no settings (the agent enters one in Phone settings)', () => {
    const state = buildPolicyState([reading({ sipServer: 'wss://sip.example.com' })], [], dataDir);
    expect(telephonyFromPolicy(state)).toEqual({ settings: null, accountLocked: false, lockedAddress: null });
  });

  it('enforced server and domain before any account: the address is fixed, the agent enters only their credentials', () => {
    const state = buildPolicyState([reading({}, { sipServer: 'wss://sip.corp.example.com', sipBackupServer: 'wss://sip2.corp.example.com', sipDomain: 'corp.example.com' })], [], dataDir);
    expect(telephonyFromPolicy(state)).toEqual({
      settings: null,
      accountLocked: true,
      lockedAddress: { server: 'wss://sip.corp.example.com', backupServer: 'wss://sip2.corp.example.com', domain: 'corp.example.com' },
    });
  });

  it('defaults: the agent\'s saved account wins; TURN, DTMF and the proxy come from policy', () => {
    saveAccount();
    const state = buildPolicyState(
      [reading({ sipServer: 'wss://sip.example.com', sipDomain: 'example.com', dtmfMode: 'info', sipOutboundProxy: 'sip:sbc.example.com;lr', turnUrls: ['turns:turn.example.com:443'], turnUsername: 'u', turnCredential: 'p' })],
      [],
      dataDir,
    );
    const { settings, accountLocked } = telephonyFromPolicy(state);
    expect(accountLocked).toBe(false);
    expect(settings).toMatchObject({
      servers: { primary: 'wss://agent.example.org', backup: null },
      domain: 'agent.example.org',
      username: '1001',
      dtmfMode: 'info',
      outboundProxy: 'sip:sbc.example.com;lr',
      iceServers: [{ urls: ['turns:turn.example.com:443'], username: 'u', credential: 'p' }],
    });
  });

  it('enforced domain and server replace the agent\'s and lock the account; the user name stays theirs', () => {
    saveAccount();
    const state = buildPolicyState([reading({}, { sipServer: 'wss://sip.corp.example.com', sipDomain: 'corp.example.com' })], [], dataDir);
    const { settings, accountLocked } = telephonyFromPolicy(state);
    expect(accountLocked).toBe(true);
    expect(settings).toMatchObject({ servers: { primary: 'wss://sip.corp.example.com' }, domain: 'corp.example.com', username: '1001', displayName: 'Ann' });
  });

  it('with encryption required an unencrypted server is not used', () => {
    writeFileSync(path.join(dataDir, 'telephony.json'), JSON.stringify({ version: 1, account: { ...ACCOUNT, server: 'ws://pbx.lan:8080' }, devices: {} }));
    const state = buildPolicyState([reading({}, { encryptionRequired: true })], [], dataDir);
    expect(telephonyFromPolicy(state).settings).toBeNull();
  });
});

describe('other services', () => {
  it('sync gets only what IT set, and whether it is locked', () => {
    writeFileSync(path.join(dataDir, 'sync-settings.json'), JSON.stringify({ serverUrl: 'https://mine.example.org' }));
    expect(syncPolicyFrom(buildPolicyState([reading({ crmSyncUrl: 'https://crm.example.com' })], [], dataDir))).toEqual({ serverUrl: 'https://crm.example.com', locked: false });
    expect(syncPolicyFrom(buildPolicyState([reading({}, { crmSyncUrl: 'https://crm.example.com' })], [], dataDir))).toEqual({ serverUrl: 'https://crm.example.com', locked: true });
    const state = buildPolicyState([reading({ crmSyncUrl: 'https://crm.example.com' })], [], dataDir);
    expect(state.effective.entries.crmSyncUrl).toMatchObject({ value: 'https://mine.example.org', origin: 'user' });
  });

  it('workflow: policy catalogs replace the shipped ones; the rest stays shipped', () => {
    const shipped = workflowFromPolicy(buildPolicyState([], [], null).effective.values);
    const state = buildPolicyState([reading({}, { notReadyReasons: [{ code: 'break', label: 'Break' }], afterCallWork: { seconds: 15, onExpiry: 'ready' }, inboundCalls: { declineWhileBusy: false } })], [], null);
    const config = workflowFromPolicy(state.effective.values);
    expect(config.notReadyReasons.map((r) => r.code)).toEqual(['break']);
    expect(config.afterCallWork).toMatchObject({ seconds: 15, onExpiry: 'ready' });
    // Call waiting on; the rest of the decline policy keeps its defaults.
    expect(config.inboundDecline).toEqual({ ...shipped.inboundDecline, declineWhileBusy: false });
    expect(shipped.inboundDecline.declineWhileBusy).toBe(true);
    expect(config.wrapUpCodes).toEqual(shipped.wrapUpCodes);
    expect(config.escalationMatrix).toEqual(shipped.escalationMatrix);
  });

  it('log level: enforced beats the host\'s flag; a policy default does not', () => {
    expect(policyLogLevel(buildPolicyState([reading({}, { logLevel: 'warn' })], [], null), 'debug')).toBe('warn');
    expect(policyLogLevel(buildPolicyState([reading({ logLevel: 'warn' })], [], null), 'debug')).toBe('debug');
    expect(policyLogLevel(buildPolicyState([reading({ logLevel: 'warn' })], [], null), null)).toBe('warn');
  });

  it('policy.get never carries the TURN password', () => {
    const view = policyView(buildPolicyState([reading({}, { turnCredential: 'hunter2-secret' })], [{ source: 'policy.json', found: true }], null));
    expect(JSON.stringify(view)).not.toContain('hunter2-secret');
    expect(view.entries.find((e) => e.key === 'turnCredential')).toMatchObject({ value: '(set)', locked: true });
    expect(view.sources).toEqual([{ source: 'policy.json', found: true }]);
  });
});
