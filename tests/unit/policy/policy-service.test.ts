import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildPolicyState,
  policyLogLevel,
  policyView,
  telephonyFromPolicy,
  workflowFromPolicy,
} from '../../../electron/policy/policy-service';
import type { PolicySourceReading } from '../../../shared/policy/resolve';
import { openSettings, policyReading } from '../../support/settings';

const reading = (defaults: Record<string, unknown>, enforced: Record<string, unknown> = {}): PolicySourceReading =>
  policyReading(defaults, enforced, 'policy.json');
const ACCOUNT = {
  server: 'wss://agent.example.org',
  backupServer: null,
  domain: 'agent.example.org',
  username: '1001',
  authUsername: null,
  displayName: 'Ann',
};
const NO_DEVICES = { microphone: null, speaker: null, ringer: null };
/** The policy state as the hosts build it: over the settings owner (these readings and the files in the data folder). */
const stateOf = (readings: PolicySourceReading[]) => buildPolicyState(openSettings(dataDir, readings));

let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-policy-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function saveAccount(): void {
  writeFileSync(path.join(dataDir, 'telephony.json'), JSON.stringify({ version: 1, account: ACCOUNT, devices: NO_DEVICES }));
}

describe('telephony settings from policy', () => {
  it('no account yet: no settings (the agent enters one in Phone settings)', () => {
    const state = stateOf([reading({ sipServer: 'wss://sip.example.com' })]);
    expect(telephonyFromPolicy(state.settings)).toEqual({ settings: null, accountLocked: false, lockedAddress: null });
  });

  it('enforced server and domain before any account: the address is fixed, the agent enters only their credentials', () => {
    const state = stateOf([
      reading(
        {},
        { sipServer: 'wss://sip.corp.example.com', sipBackupServer: 'wss://sip2.corp.example.com', sipDomain: 'corp.example.com' },
      ),
    ]);
    expect(telephonyFromPolicy(state.settings)).toEqual({
      settings: null,
      accountLocked: true,
      lockedAddress: { server: 'wss://sip.corp.example.com', backupServer: 'wss://sip2.corp.example.com', domain: 'corp.example.com' },
    });
  });

  it("defaults: the agent's saved account wins; TURN, DTMF and the proxy come from policy", () => {
    saveAccount();
    const state = stateOf([
      reading({
        sipServer: 'wss://sip.example.com',
        sipDomain: 'example.com',
        dtmfMode: 'info',
        sipOutboundProxy: 'sip:sbc.example.com;lr',
        turnUrls: ['turns:turn.example.com:443'],
        turnUsername: 'u',
        turnCredential: 'p',
        dtlsRoleWhileRinging: 'passive',
      }),
    ]);
    const { settings, accountLocked } = telephonyFromPolicy(state.settings);
    expect(accountLocked).toBe(false);
    expect(settings).toMatchObject({
      servers: { primary: 'wss://agent.example.org', backup: null },
      domain: 'agent.example.org',
      username: '1001',
      dtmfMode: 'info',
      outboundProxy: 'sip:sbc.example.com;lr',
      iceServers: [{ urls: ['turns:turn.example.com:443'], username: 'u', credential: 'p' }],
      dtlsRoleWhileRinging: 'passive',
    });
  });

  it("enforced domain and server replace the agent's and lock the account; the user name stays theirs", () => {
    saveAccount();
    const state = stateOf([reading({}, { sipServer: 'wss://sip.corp.example.com', sipDomain: 'corp.example.com' })]);
    const { settings, accountLocked } = telephonyFromPolicy(state.settings);
    expect(accountLocked).toBe(true);
    expect(settings).toMatchObject({
      servers: { primary: 'wss://sip.corp.example.com' },
      domain: 'corp.example.com',
      username: '1001',
      displayName: 'Ann',
    });
  });

  it('with encryption required an unencrypted server is not used', () => {
    writeFileSync(
      path.join(dataDir, 'telephony.json'),
      JSON.stringify({ version: 1, account: { ...ACCOUNT, server: 'ws://pbx.lan:8080' }, devices: NO_DEVICES }),
    );
    const state = stateOf([reading({}, { encryptionRequired: true })]);
    expect(telephonyFromPolicy(state.settings).settings).toBeNull();
  });
});

describe('other services', () => {
  it("sync: IT's server as IT set it and whether it is locked; the agent's own server wins over a default only", () => {
    writeFileSync(path.join(dataDir, 'sync-settings.json'), JSON.stringify({ serverUrl: 'https://mine.example.org' }));
    const byDefault = stateOf([reading({ crmSyncUrl: 'https://crm.example.com' })]).settings;
    expect(byDefault.fromPolicy.entries.crmSyncUrl).toMatchObject({ value: 'https://crm.example.com', locked: false });
    expect(byDefault.effective.entries.crmSyncUrl).toMatchObject({ value: 'https://mine.example.org', origin: 'user' });
    expect(byDefault.syncServer()).toEqual({ url: 'https://mine.example.org', locked: false });
    const enforced = stateOf([reading({}, { crmSyncUrl: 'https://crm.example.com' })]).settings;
    expect(enforced.fromPolicy.entries.crmSyncUrl).toMatchObject({ value: 'https://crm.example.com', locked: true });
    expect(enforced.syncServer()).toEqual({ url: 'https://crm.example.com', locked: true });
  });

  it('workflow: policy catalogs replace the shipped ones; the rest stays shipped', () => {
    const shipped = workflowFromPolicy(stateOf([]).effective.values);
    const state = stateOf([
      reading(
        {},
        {
          notReadyReasons: [{ code: 'break', label: 'Break' }],
          afterCallWork: { seconds: 15, onExpiry: 'ready' },
          inboundCalls: { declineWhileBusy: false },
        },
      ),
    ]);
    const config = workflowFromPolicy(state.effective.values);
    expect(config.notReadyReasons.map((r) => r.code)).toEqual(['break']);
    expect(config.afterCallWork).toMatchObject({ seconds: 15, onExpiry: 'ready' });
    // Call waiting on; the rest of the decline policy keeps its defaults.
    expect(config.inboundDecline).toEqual({ ...shipped.inboundDecline, declineWhileBusy: false });
    expect(shipped.inboundDecline.declineWhileBusy).toBe(true);
    expect(config.wrapUpCodes).toEqual(shipped.wrapUpCodes);
    expect(config.escalationMatrix).toEqual(shipped.escalationMatrix);
  });

  it("log level: enforced beats the host's flag; a policy default does not", () => {
    expect(policyLogLevel([reading({}, { logLevel: 'warn' })], 'debug')).toBe('warn');
    expect(policyLogLevel([reading({ logLevel: 'warn' })], 'debug')).toBe('debug');
    expect(policyLogLevel([reading({ logLevel: 'warn' })], null)).toBe('warn');
  });

  it('policy.get never carries the TURN password', () => {
    const view = policyView(stateOf([reading({}, { turnCredential: 'hunter2-secret' })]));
    expect(JSON.stringify(view)).not.toContain('hunter2-secret');
    expect(view.entries.find((e) => e.key === 'turnCredential')).toMatchObject({ value: '(set)', locked: true });
    expect(view.sources).toEqual([{ source: 'policy.json', found: true }]);
  });
});
