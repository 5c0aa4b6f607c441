import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { ReplyBody } from '../../../shared/bridge/envelopes';
import type { PolicyView } from '../../../shared/policy/contract';
import type { SyncStatus } from '../../../shared/sync/contract';
import type { TelephonyState } from '../../../shared/telephony/contract';
import { describeRegistration } from '../../../shared/telephony/registration-text';
import { englishOf } from '../../../shared/text/user-text';
import type { RendererLink } from '../../../electron/bridge/bridge-server';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { silentLogger } from '../../../electron/logging/logger';
import { buildPolicyState, policyCoreOptions } from '../../../electron/policy/policy-service';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { openSettings, policyReading } from '../../support/settings';
import { TOKEN, removeDir, startServer, type ServerHandle } from '../sync/harness';
import { startRecordingProxy, type RecordingProxy } from '../sync/recording-proxy';

/**
 * IT's `encryptionRequired` through the real app core, as the renderer sees it. A SIP server
 * (a WebSocket server that counts connections) and a sync server (the reference server behind a
 * proxy that records requests) listen on 127.0.0.1. The app reaches them as 0.0.0.0: Linux routes
 * that to this machine, yet it is not a loopback address under the rule, so it stands in for a
 * PBX or CRM on the LAN without anything leaving the machine.
 */

const WAIT = { timeout: 20_000, interval: 20 };
const ACCOUNT = { domain: 'pbx.example.com', username: '1001', password: 'sip-secret-1' };

let sipServer: WebSocketServer;
let sipConnections = 0;
let syncServer: ServerHandle;
let syncProxy: RecordingProxy;
let dataDir: string;
let core: AppCore | null = null;
const link: RendererLink = { id: 'policy-window', sendEvent: () => undefined, sendMedia: () => undefined };

beforeAll(async () => {
  sipServer = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => (p.has('sip') ? 'sip' : false) });
  sipServer.on('connection', () => (sipConnections += 1));
  await new Promise<void>((resolve) => sipServer.once('listening', resolve));
  syncServer = await startServer({ customers: 1, cases: 1 });
  syncProxy = await startRecordingProxy(syncServer.server.url);
});

afterAll(async () => {
  for (const client of sipServer.clients) client.terminate();
  await new Promise<void>((resolve) => sipServer.close(() => resolve()));
  await syncProxy.close();
  await syncServer.close();
});

afterEach(async () => {
  await stopApp();
  removeDir(dataDir);
});

const sipPort = (): number => (sipServer.address() as { port: number }).port;
const lanSync = (): string => `http://0.0.0.0:${syncProxy.port}`;
const lanSip = (): string => `ws://0.0.0.0:${sipPort()}`;

/** Starts the core the way both hosts do: policy read first, then passed in. */
async function startApp(enforced: Record<string, unknown>): Promise<void> {
  const policy = buildPolicyState(openSettings(dataDir, [policyReading({}, enforced)]));
  core = await createAppCore({
    version: 'test',
    dataDir,
    platform: createRecordingPlatform(),
    secrets: createKeyFileSecretStore(dataDir),
    log: silentLogger,
    ...policyCoreOptions(policy),
  });
  core.bridge.connect(link);
}

async function stopApp(): Promise<void> {
  await core?.close();
  core = null;
}

async function invoke(channel: string, payload: unknown): Promise<ReplyBody> {
  if (!core) throw new Error('the app is not running');
  return core.bridge.handleCommand(link, channel, payload);
}

async function result<T>(channel: string, payload: unknown = {}): Promise<T> {
  const reply = await invoke(channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.result as T;
}

describe('encryptionRequired', () => {
  it('a sync server and a SIP account saved before IT required encryption are not used once it does, and the app says why', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sb-encryption-'));
    // Before the policy: the agent points both at unencrypted servers on the LAN, and both are used.
    await startApp({});
    await result('sync.configure', { serverUrl: lanSync(), token: TOKEN });
    await result('telephony.setAccount', { server: lanSip(), ...ACCOUNT });
    await expect.poll(() => syncProxy.requests.some((r) => r.authorization === `Bearer ${TOKEN}`), WAIT).toBe(true);
    await expect.poll(() => sipConnections, WAIT).toBeGreaterThan(0);
    await stopApp();

    // IT turns the policy on; the app starts again with the same saved settings.
    const syncRequestsBefore = syncProxy.requests.length;
    const sipConnectionsBefore = sipConnections;
    await startApp({ encryptionRequired: true });

    const sync = await result<SyncStatus>('sync.getStatus');
    expect({ ...sync, problem: sync.problem && englishOf(sync.problem) }).toMatchObject({
      connection: 'not-configured',
      server: null,
      problem: `Sync is off: the sync server 0.0.0.0:${syncProxy.port} uses an unencrypted connection (http://), which your IT policy does not allow. Enter its https:// address in Sync settings, or ask IT. Work is saved on this computer.`,
    });
    expect(await invoke('sync.syncNow', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    const phone = await result<TelephonyState>('telephony.getState');
    expect(phone.registration.status).toBe('blocked-by-policy');
    expect(describeRegistration(phone.registration, Date.now())).toBe(
      'Not connected: the SIP server is unencrypted (ws://), which your IT policy does not allow. Enter a wss:// server in Phone settings, or ask IT',
    );
    // The account is still shown, so the agent can see what to change.
    expect(phone.account).toMatchObject({ server: lanSip(), username: '1001' });
    expect(await invoke('telephony.reconnect', {})).toMatchObject({ ok: true, result: { status: 'blocked-by-policy' } });

    // The policy notice said the SIP address "is not used": that is now true.
    const view = await result<PolicyView>('policy.get');
    expect(view.problems.map((p) => englishOf(p.message))).toContain(
      'Policy "sipServer" is an unencrypted address (ws://) but "encryptionRequired" is on, so it is not used. Use wss://.',
    );

    // Neither service made a connection: no UserAgent and no sync connector exist to make one.
    expect(sipConnections).toBe(sipConnectionsBefore);
    expect(syncProxy.requests.length).toBe(syncRequestsBefore);
  });

  it('an unencrypted server cannot be saved; the error names the field, and nothing changes', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sb-encryption-'));
    await startApp({ encryptionRequired: true });

    expect(await invoke('sync.configure', { serverUrl: 'http://crm.example.com/sync', token: 'token-123456' })).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message:
          'Sync server URL: crm.example.com would be reached over an unencrypted connection (http://), which your IT policy does not allow. Use its https:// address.',
        issues: ['serverUrl: http:// is only allowed to this computer while IT policy requires encryption; use https://'],
        text: { key: 'sync.command.unencryptedRefused', values: { host: 'crm.example.com' } },
      },
    });
    expect(await invoke('telephony.setAccount', { server: 'ws://pbx.example.com:8080', ...ACCOUNT })).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: "SIP server: ws:// is an unencrypted connection, which your IT policy does not allow. Use the server's wss:// address.",
        // The same sentence as a message the window translates (shared/text/en/telephony.ts).
        text: { key: 'telephony.account.serverUnencrypted' },
        issues: ['server: ws:// is only allowed to this computer while IT policy requires encryption; use wss://'],
      },
    });
    expect(
      await invoke('telephony.setAccount', {
        server: 'wss://pbx.example.com:7443',
        backupServer: 'ws://pbx2.example.com:8080',
        ...ACCOUNT,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        issues: ['backupServer: ws:// is only allowed to this computer while IT policy requires encryption; use wss://'],
      },
    });

    expect(await result<SyncStatus>('sync.getStatus')).toMatchObject({ connection: 'not-configured', server: null, problem: null });
    expect((await result<TelephonyState>('telephony.getState')).account).toBeNull();
    expect(() => readFileSync(path.join(dataDir, 'telephony.json'), 'utf8')).toThrow(/ENOENT/);
  });

  it('http:// and ws:// to this computer are still used (a lab, a local relay)', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sb-encryption-'));
    await startApp({ encryptionRequired: true });
    const before = sipConnections;

    await result('sync.configure', { serverUrl: syncServer.server.url, token: TOKEN });
    await result('telephony.setAccount', { server: `ws://127.0.0.1:${sipPort()}`, ...ACCOUNT });
    await expect.poll(async () => (await result<SyncStatus>('sync.getStatus')).connection, WAIT).toBe('online');
    await expect.poll(() => sipConnections, WAIT).toBeGreaterThan(before);
  });
});
