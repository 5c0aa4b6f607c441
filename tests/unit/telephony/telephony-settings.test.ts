import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { SettingsService } from '../../../electron/settings/settings-service';
import { accountInputSchema, telephonySettingsSchema } from '../../../shared/telephony/settings';
import { ruleEnglish } from '../../../shared/policy/rule-text';

describe('what telephony remembers on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-telstore-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the account (never a password) and the device choices across restarts', () => {
    const file = path.join(dir, 'telephony.json');
    const settings = SettingsService.open({ dataDir: dir, log: createLogger(() => undefined) });
    settings.updateAccount({
      server: 'wss://sip.example.com',
      backupServer: null,
      domain: 'example.com',
      username: '1001',
      authUsername: null,
      displayName: 'Ann',
    });
    settings.updateDevices({ microphone: { id: 'abc', label: 'Jabra Evolve2' }, speaker: null, ringer: { id: 'def', label: 'Speakers' } });
    const again = SettingsService.open({ dataDir: dir, log: createLogger(() => undefined) });
    expect(again.account?.username).toBe('1001');
    expect(again.devices.microphone?.label).toBe('Jabra Evolve2');
    expect(readFileSync(file, 'utf8')).not.toMatch(/password/i);
  });

  it('sets an unreadable file aside, says so, and starts from defaults', () => {
    const file = path.join(dir, 'telephony.json');
    writeFileSync(file, '{"version":1,"account":{"server":42}');
    const memory = createMemorySink();
    const settings = SettingsService.open({ dataDir: dir, log: createLogger(memory.sink) });
    expect(settings.account).toBeNull();
    expect(settings.devices).toEqual({ microphone: null, speaker: null, ringer: null });
    expect(readdirSync(dir).some((f) => f.startsWith('telephony.json.unreadable-'))).toBe(true);
    expect(memory.records.some((r) => r.level === 'warn' && r.message.includes('unreadable'))).toBe(true);
  });
});

describe('telephony settings refuse bad input with a specific message', () => {
  it('rejects non-WebSocket servers, credentials in URLs, bad regions and public-looking ICE entries', () => {
    const base = { servers: { primary: 'wss://sip.example.com:7443/ws' }, domain: 'example.com', username: '1001' };
    expect(telephonySettingsSchema.parse(base)).toMatchObject({
      iceServers: [],
      dtmfMode: 'rfc4733',
      iceGatheringTimeoutMs: 1000,
      registerExpiresSec: 300,
    });
    const issues = (value: unknown) =>
      telephonySettingsSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${ruleEnglish(i.message)}`) ?? [];
    expect(issues({ ...base, servers: { primary: 'http://sip.example.com' } })).toEqual([
      'servers.primary: must be a wss:// (or ws://) address such as wss://sip.example.com:7443',
    ]);
    expect(issues({ ...base, servers: { primary: 'wss://user:pw@sip.example.com' } })).toHaveLength(1);
    expect(issues({ ...base, defaultRegion: 'Britain' })).toEqual(['defaultRegion: must be a two-letter country code such as GB or US']);
    expect(issues({ ...base, iceServers: [{ urls: 'http://stun.example.com' }] })[0]).toContain('must start with stun:');
    expect(issues({ ...base, username: '10 01' })[0]).toContain('username');
    expect(accountInputSchema.safeParse({ server: 'wss://x.example.com', domain: 'x', username: '1', password: '' }).success).toBe(false);
  });
});
