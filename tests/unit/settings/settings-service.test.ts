import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { SettingsError, SettingsService } from '../../../electron/settings/settings-service';
import type { StoredAccount, SyncUserSettings } from '../../../electron/settings/user-sections';
import { openSettings, policyReading } from '../../support/settings';

/**
 * The settings owner: IT policy's layers and the agent's files (telephony.json, sync-settings.json)
 * in a real data folder, read and written as earlier versions did.
 */

const ACCOUNT: StoredAccount = {
  server: 'wss://agent.example.org',
  backupServer: null,
  domain: 'agent.example.org',
  username: '1001',
  authUsername: null,
  displayName: 'Ann',
};
const NO_DEVICES = { microphone: null, speaker: null, ringer: null };

let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-settings-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const file = (name: string): string => path.join(dataDir, name);
const readJson = (name: string): unknown => JSON.parse(readFileSync(file(name), 'utf8'));
const leftovers = (): string[] => readdirSync(dataDir).filter((name) => name.endsWith('.tmp'));

function writeTelephonyFile(account: StoredAccount | null): void {
  writeFileSync(file('telephony.json'), JSON.stringify({ version: 1, account, devices: NO_DEVICES }));
}

describe('layers: built-in < policy defaults < the agent < enforced', () => {
  it("the agent's settings beat IT's defaults, an enforced key beats the agent's file, and the rest stays built in", () => {
    writeTelephonyFile(ACCOUNT);
    writeFileSync(file('sync-settings.json'), JSON.stringify({ serverUrl: 'https://mine.example.org', tokenOrigin: null }));
    const settings = openSettings(dataDir, [
      policyReading(
        { sipServer: 'wss://sip.example.com', crmSyncUrl: 'https://crm.example.com', dtmfMode: 'info' },
        { sipDomain: 'corp.example.com' },
      ),
    ]);

    expect(settings.effective.entries.sipServer).toMatchObject({ value: 'wss://agent.example.org', origin: 'user', locked: false });
    expect(settings.effective.entries.crmSyncUrl).toMatchObject({ value: 'https://mine.example.org', origin: 'user', locked: false });
    expect(settings.effective.entries.dtmfMode).toMatchObject({ value: 'info', origin: 'policy-default' });
    expect(settings.effective.entries.iceTransportPolicy).toMatchObject({ value: 'all', origin: 'built-in' });
    // The agent's file names another domain: the enforced one is used, and the key is locked.
    expect(settings.effective.entries.sipDomain).toMatchObject({
      value: 'corp.example.com',
      origin: 'enforced',
      locked: true,
      source: '/etc/switchboard/policy.json',
    });
    expect(settings.isLocked('sipDomain')).toBe(true);
    expect(settings.isLocked('sipServer')).toBe(false);
    // The agent's own section is kept as they entered it; only the effective value is IT's.
    expect(settings.account?.domain).toBe('agent.example.org');
    // IT's layers alone, as Settings shows where a value came from.
    expect(settings.fromPolicy.entries.sipServer).toMatchObject({ value: 'wss://sip.example.com', origin: 'policy-default' });
    expect(settings.policy.checked).toEqual([{ source: '/etc/switchboard/policy.json', found: true }]);
  });

  it("sync's server: the agent's as entered over IT's default; IT's alone when enforced", () => {
    // http:// to another host fails the policy schema, so it is no effective value; sync judges it itself.
    writeFileSync(file('sync-settings.json'), JSON.stringify({ serverUrl: 'http://crm.lan:8080', tokenOrigin: null }));
    const byDefault = openSettings(dataDir, [policyReading({ crmSyncUrl: 'https://crm.example.com' })]);
    expect(byDefault.syncServer()).toEqual({ url: 'http://crm.lan:8080', locked: false });
    expect(byDefault.effective.entries.crmSyncUrl).toMatchObject({ value: 'https://crm.example.com', origin: 'policy-default' });
    expect(openSettings(dataDir, [policyReading({}, { crmSyncUrl: 'https://crm.example.com' })]).syncServer()).toEqual({
      url: 'https://crm.example.com',
      locked: true,
    });
    expect(openSettings(dataDir).syncServer()).toEqual({ url: 'http://crm.lan:8080', locked: false });
  });

  it('saving a section lays it over the layers again before anyone hears of it', () => {
    const settings = openSettings(dataDir, [policyReading({ sipServer: 'wss://sip.example.com', sipDomain: 'example.com' })]);
    expect(settings.effective.entries.sipServer.origin).toBe('policy-default');
    const seen: string[] = [];
    settings.events.on('account', (account) =>
      seen.push(`${account?.username}: ${String(settings.effective.values.sipServer)} (${settings.effective.entries.sipServer.origin})`),
    );
    settings.updateAccount(ACCOUNT);
    expect(seen).toEqual(['1001: wss://agent.example.org (user)']);
    expect(settings.fromPolicy.entries.sipServer.value).toBe('wss://sip.example.com');
  });
});

describe("the agent's files", () => {
  it('reads files exactly as earlier versions wrote them, and writes the same format back', () => {
    // telephony.json as the app has always written it; sync-settings.json from before the token's origin was recorded.
    const devices = { microphone: { id: 'abc', label: 'Jabra Evolve2' }, speaker: null, ringer: null };
    const telephonyText = `${JSON.stringify({ version: 1, account: ACCOUNT, devices }, null, 2)}\n`;
    writeFileSync(file('telephony.json'), telephonyText);
    writeFileSync(file('sync-settings.json'), JSON.stringify({ serverUrl: 'https://crm.example.com' }));
    const settings = openSettings(dataDir);
    expect(settings.account).toEqual(ACCOUNT);
    expect(settings.devices).toEqual(devices);
    expect(settings.sync).toEqual({ serverUrl: 'https://crm.example.com' });
    expect(settings.sync.tokenOrigin).toBeUndefined();

    settings.updateDevices(devices);
    expect(readFileSync(file('telephony.json'), 'utf8')).toBe(telephonyText);
    settings.updateSync({ serverUrl: 'https://crm.example.com', tokenOrigin: 'https://crm.example.com' });
    expect(readFileSync(file('sync-settings.json'), 'utf8')).toBe(
      `${JSON.stringify({ serverUrl: 'https://crm.example.com', tokenOrigin: 'https://crm.example.com' }, null, 2)}\n`,
    );
    // Without a known origin the file still records it, as null (the server it was entered for is unknown).
    settings.updateSync({ serverUrl: null });
    expect(readJson('sync-settings.json')).toEqual({ serverUrl: null, tokenOrigin: null });
    expect(settings.sync).toEqual({ serverUrl: null, tokenOrigin: null });
  });

  it('a missing file is an empty section, and nothing is written until the agent saves', () => {
    const settings = openSettings(dataDir);
    expect(settings.account).toBeNull();
    expect(settings.devices).toEqual(NO_DEVICES);
    expect(settings.sync).toEqual({ serverUrl: null });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('sets an unreadable file aside, logs it without its content, and starts that section from defaults', () => {
    writeFileSync(file('sync-settings.json'), '{"serverUrl": "https://crm.secret-customer.example/sync", ');
    writeTelephonyFile({ ...ACCOUNT, username: 'x'.repeat(65) });
    const memory = createMemorySink();
    const settings = SettingsService.open({ dataDir, log: createLogger(memory.sink) });

    expect(settings.sync).toEqual({ serverUrl: null });
    expect(settings.account).toBeNull();
    const names = readdirSync(dataDir);
    expect(names.filter((n) => n.startsWith('sync-settings.json.unreadable-'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('telephony.json.unreadable-'))).toHaveLength(1);
    expect(names).not.toContain('sync-settings.json');
    const warnings = memory.records.filter((r) => r.level === 'warn' && r.message.includes('unreadable'));
    expect(warnings.map((w) => w.fields?.file).sort()).toEqual(['sync-settings.json', 'telephony.json']);
    expect(JSON.stringify(memory.records)).not.toMatch(/secret-customer|agent\.example\.org|xxxx/);

    // The next save writes a fresh file; the one set aside stays for diagnosis.
    settings.updateSync({ serverUrl: 'https://crm.example.com', tokenOrigin: null });
    expect(readJson('sync-settings.json')).toEqual({ serverUrl: 'https://crm.example.com', tokenOrigin: null });
    expect(readdirSync(dataDir).filter((n) => n.includes('.unreadable-'))).toHaveLength(2);
  });

  it('writes atomically, for this user only, leaving no temp file', () => {
    const settings = openSettings(path.join(dataDir, 'fresh'));
    settings.updateAccount(ACCOUNT);
    const written = path.join(dataDir, 'fresh', 'telephony.json');
    expect(statSync(written).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, 'fresh')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(written, 'utf8'))).toEqual({ version: 1, account: ACCOUNT, devices: NO_DEVICES });
    expect(readdirSync(path.join(dataDir, 'fresh'))).toEqual(['telephony.json']);
  });

  it('a write that fails changes nothing: the old file, the old value, no event and no temp file', () => {
    writeFileSync(file('sync-settings.json'), JSON.stringify({ serverUrl: 'https://old.example.com', tokenOrigin: null }));
    const settings = openSettings(dataDir);
    const heard: SyncUserSettings[] = [];
    settings.events.on('sync', (sync) => heard.push(sync));
    // Something else holds the temp file's name as a folder: the rename over the settings can never happen.
    mkdirSync(file(`sync-settings.json.${process.pid}.tmp`));
    expect(() => settings.updateSync({ serverUrl: 'https://new.example.com', tokenOrigin: null })).toThrow(/EISDIR/);
    expect(settings.sync.serverUrl).toBe('https://old.example.com');
    expect(readJson('sync-settings.json')).toEqual({ serverUrl: 'https://old.example.com', tokenOrigin: null });
    expect(heard).toEqual([]);
  });
});

describe('updates and their subscribers', () => {
  it('each section announces its new value once it is on disk; devices do not touch the layers', () => {
    const settings = openSettings(dataDir);
    const heard: string[] = [];
    settings.events.on('account', (account) =>
      heard.push(
        `account ${account?.username}, file has ${String((readJson('telephony.json') as { account: StoredAccount }).account.username)}`,
      ),
    );
    settings.events.on('devices', (devices) => heard.push(`devices ${devices.speaker?.label}`));
    settings.events.on('sync', (sync) => heard.push(`sync ${sync.serverUrl}`));
    settings.updateAccount(ACCOUNT);
    const effective = settings.effective;
    settings.updateDevices({ ...NO_DEVICES, speaker: { id: 's', label: 'Headset' } });
    expect(settings.effective).toBe(effective);
    settings.updateSync({ serverUrl: 'https://crm.example.com', tokenOrigin: null });
    expect(heard).toEqual(['account 1001, file has 1001', 'devices Headset', 'sync https://crm.example.com']);
    // The account stays in the file beside the devices, and the other way round.
    expect(readJson('telephony.json')).toEqual({
      version: 1,
      account: ACCOUNT,
      devices: { ...NO_DEVICES, speaker: { id: 's', label: 'Headset' } },
    });
  });

  it('a listener that throws is logged by name; the others still hear of the change', () => {
    const memory = createMemorySink();
    const settings = SettingsService.open({ dataDir, log: createLogger(memory.sink) });
    let heard = 0;
    settings.events.on('account', () => {
      throw new TypeError('listener bug');
    });
    settings.events.on('account', () => (heard += 1));
    settings.updateAccount(ACCOUNT);
    expect(heard).toBe(1);
    expect(memory.records.find((r) => r.message === 'settings listener failed')?.fields).toMatchObject({
      event: 'account',
      error: 'TypeError',
    });
  });

  it('unsubscribing stops the events', () => {
    const settings = openSettings(dataDir);
    let heard = 0;
    const off = settings.events.on('devices', () => (heard += 1));
    settings.updateDevices(NO_DEVICES);
    off();
    settings.updateDevices(NO_DEVICES);
    expect(heard).toBe(1);
  });

  it('refuses a value that does not fit its section, naming the field, and writes nothing', () => {
    const settings = openSettings(dataDir);
    let heard = 0;
    settings.events.on('account', () => (heard += 1));
    const attempt = () => settings.updateAccount({ ...ACCOUNT, username: 'u'.repeat(65) });
    expect(attempt).toThrow(SettingsError);
    expect(attempt).toThrow(/^The SIP account settings were not saved: username: .*64/);
    expect(() => settings.updateSync({ serverUrl: 42 as unknown as string })).toThrow(/^The sync settings were not saved: serverUrl: /);
    expect(() => settings.updateDevices({ ...NO_DEVICES, ringer: { id: 'x' } as never })).toThrow(
      /^The audio device settings were not saved: ringer\.label: /,
    );
    expect(settings.account).toBeNull();
    expect(heard).toBe(0);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(leftovers()).toEqual([]);
  });
});

describe('theme and language (appearance.json)', () => {
  it("the agent's choice beats IT's default, survives a restart, and a key left out keeps its saved value", () => {
    const readings = [policyReading({ theme: 'light', language: 'en' })];
    const settings = openSettings(dataDir, readings);
    expect(settings.effective.entries.theme).toMatchObject({ value: 'light', origin: 'policy-default', locked: false });
    const heard: unknown[] = [];
    settings.events.on('appearance', (value) => heard.push(value));

    settings.updateAppearance({ theme: 'dark' });
    settings.updateAppearance({ language: 'de' });
    expect(heard).toEqual([{ theme: 'dark' }, { theme: 'dark', language: 'de' }]);
    expect(readJson('appearance.json')).toEqual({ theme: 'dark', language: 'de' });
    expect(settings.effective.entries.theme).toMatchObject({ value: 'dark', origin: 'user' });

    const reopened = openSettings(dataDir, readings);
    expect(reopened.effective.entries.language).toMatchObject({ value: 'de', origin: 'user', locked: false });
    expect(reopened.effective.entries.theme).toMatchObject({ value: 'dark', origin: 'user' });
  });

  it('built in, both follow the system', () => {
    const settings = openSettings(dataDir);
    expect(settings.effective.entries.theme).toMatchObject({ value: 'system', origin: 'built-in' });
    expect(settings.effective.entries.language).toMatchObject({ value: 'system', origin: 'built-in' });
  });

  it('refuses to change what IT enforces, writing nothing; the other setting can still be changed', () => {
    const settings = openSettings(dataDir, [policyReading({}, { theme: 'light' })]);
    expect(() => settings.updateAppearance({ theme: 'dark' })).toThrow(SettingsError);
    expect(() => settings.updateAppearance({ theme: 'dark' })).toThrow(/set by your IT department/);
    expect(readdirSync(dataDir)).toEqual([]);
    settings.updateAppearance({ language: 'de' });
    expect(settings.effective.entries.theme).toMatchObject({ value: 'light', origin: 'enforced', locked: true });
    expect(settings.effective.entries.language).toMatchObject({ value: 'de', origin: 'user' });
  });

  it("an enforced value wins over the agent's file written before the policy", () => {
    writeFileSync(file('appearance.json'), JSON.stringify({ theme: 'dark' }));
    const settings = openSettings(dataDir, [policyReading({}, { theme: 'light' })]);
    expect(settings.effective.entries.theme).toMatchObject({ value: 'light', origin: 'enforced', locked: true });
  });
});
