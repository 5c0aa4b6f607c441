import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticsExportResult } from '../../../shared/diagnostics/contract';
import type { MediaRequestEnvelope, ReplyBody } from '../../../shared/bridge/envelopes';
import type { RendererLink } from '../../../electron/bridge/bridge-server';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { createAppLogSink } from '../../../electron/logging/file-sink';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { STORE_KEY_SECRETS } from '../../../electron/store/store-key';
import { LATEST_VERSION } from '../../../electron/store/worker/migrations';
import { BACKGROUND_NICE } from '../../../electron/store/worker/thread-priority';
import type { SipTrace } from '../../../electron/telephony/sip-trace';

/**
 * "Export diagnostics" through the real app core: secrets planted in the configuration, the
 * logs and the SIP trace must not be anywhere in the zip, and the zip holds what IT needs.
 */

const SECRETS = {
  sipPassword: 'Planted-SIP-Passw0rd',
  bearer: 'PlantedBearerToken_4f9a8b7c6d5e',
  digestResponse: 'a3f1c9e07b2d4e6f8091a2b3c4d5e6f7',
  proxyDigestResponse: 'ffee00112233445566778899aabbccdd',
  turnCredential: 'Planted-TURN-Credential-77',
  turnUser: 'turn-user-1700000000',
};

let dataDir: string;
let core: AppCore;
const memory = createMemorySink();
let closeLogFile: () => void = () => undefined;
let storeKey: string;

// A window whose media engine answers the audio-device question (as renderer/src/features/diagnostics does).
const link: RendererLink = {
  id: 'diag-window',
  sendEvent: () => undefined,
  sendMedia: (request: MediaRequestEnvelope) => {
    const result =
      request.method === 'diagnostics.media.audioDevices'
        ? {
            devices: [
              { kind: 'audioinput', label: 'Jabra Evolve2 65', isDefault: true },
              { kind: 'audiooutput', label: 'Speakers (Realtek)', isDefault: false },
            ],
            permission: 'granted',
          }
        : null;
    queueMicrotask(() =>
      core.bridge.handleMediaReply(
        link,
        result
          ? { t: 'media-reply', id: request.id, ok: true, result }
          : { t: 'media-reply', id: request.id, ok: false, error: { code: 'unavailable', message: 'not in this test' } },
      ),
    );
  },
};

async function invoke(channel: string, payload: unknown): Promise<ReplyBody> {
  return core.bridge.handleCommand(link, channel, payload);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-diag-'));
  const logs = createAppLogSink(path.join(dataDir, 'logs'), memory.sink);
  closeLogFile = () => logs.file?.close();
  const log = createLogger(logs.sink, { level: 'debug', scope: 'test' });
  core = await createAppCore({
    version: '9.8.7-test',
    dataDir,
    platform: createRecordingPlatform(),
    secrets: createKeyFileSecretStore(dataDir),
    log,
    telephonySettings: {
      servers: { primary: 'wss://127.0.0.1:9/ws', backup: null },
      domain: 'pbx.example.com',
      username: '2042',
      authUsername: null,
      displayName: null,
      outboundProxy: null,
      iceServers: [{ urls: 'turn:turn.example.com:3478?transport=udp', username: SECRETS.turnUser, credential: SECRETS.turnCredential }],
      iceGatheringTimeoutMs: 1000,
      dtmfMode: 'rfc4733',
      defaultRegion: 'GB',
      registerExpiresSec: 300,
      keepAliveSec: 25,
    } as never,
  });
  core.bridge.connect(link);
  expect(await invoke('media.ready', { engine: 'test-engine' })).toMatchObject({ ok: true });
  // The SIP password goes where the app puts it (the secret store) — it must not come back out.
  await createKeyFileSecretStore(dataDir).set('sip.password', SECRETS.sipPassword);
  storeKey = (await createKeyFileSecretStore(dataDir).get(STORE_KEY_SECRETS['web-shell']))!;
  expect(storeKey).toMatch(/^[0-9a-f]{64}$/);

  // Things a careless log call could write.
  log.warn(`CRM request failed: Authorization: Bearer ${SECRETS.bearer}`);
  log.error('register failed', {
    password: SECRETS.sipPassword,
    detail: `Proxy-Authorization: Digest username="2042", response="${SECRETS.proxyDigestResponse}"`,
  });
  log.info(`ice config {"urls":"turn:turn.example.com","credential":"${SECRETS.turnCredential}"}`);

  // SIP messages as the transport records them (private: the trace has no public writer).
  const trace = (core.telephony as unknown as { trace: SipTrace }).trace;
  trace.record(
    'out',
    [
      'REGISTER sip:pbx.example.com SIP/2.0',
      'Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1',
      'From: <sip:2042@pbx.example.com>;tag=abc',
      `Authorization: Digest username="2042", realm="pbx.example.com", nonce="xyz", uri="sip:pbx.example.com", response="${SECRETS.digestResponse}"`,
      `Proxy-Authorization: Digest username="2042", response="${SECRETS.proxyDigestResponse}"`,
      `X-Debug: token=${SECRETS.bearer}`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  trace.record(
    'in',
    'SIP/2.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm="pbx.example.com", nonce="xyz"\r\nContent-Length: 0\r\n\r\n',
  );
});

afterAll(async () => {
  await core.close();
  closeLogFile();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Export diagnostics', () => {
  let result: DiagnosticsExportResult;
  let files: Record<string, string>;

  it('writes one zip to the data folder’s diagnostics folder and says where', async () => {
    expect(await invoke('store.search', { query: 'router' })).toMatchObject({ ok: true });
    const reply = await invoke('diagnostics.export', {});
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    result = reply.result as DiagnosticsExportResult;
    expect(path.dirname(result.path)).toBe(path.join(dataDir, 'diagnostics'));
    expect(result.fileName).toMatch(/^switchboard-diagnostics-\d{8}-\d{6}-\d{3}Z\.zip$/);
    expect(statSync(result.path).size).toBe(result.sizeBytes);
    expect(statSync(result.path).mode & 0o077).toBe(0);
    const entries = Object.entries(unzipSync(readFileSync(result.path))).filter(([name]) => !name.endsWith('/')); // folder entries
    files = Object.fromEntries(entries.map(([name, bytes]) => [name, strFromU8(bytes)]));
    expect(Object.keys(files).sort()).toEqual([...result.files].sort());
  });

  it('holds logs, the SIP trace, call quality, audio devices, configuration, secret-store kind and versions', () => {
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'README.txt',
        'versions.json',
        'config.json',
        'secret-store.json',
        'store.json',
        'registration.json',
        'sip-trace.txt',
        'calls.json',
        'webrtc-live.json',
        'audio-devices.json',
        'sync.json',
        'logs/switchboard.log',
      ]),
    );
    expect(JSON.parse(files['versions.json'] ?? '{}')).toMatchObject({ app: '9.8.7-test', node: process.versions.node });
    expect(JSON.parse(files['secret-store.json'] ?? '{}')).toMatchObject({ backend: 'key-file', plainTextFallback: false });
    // The local database's state, and how long the search above took: end to end, and on the store's thread.
    const store = JSON.parse(files['store.json'] ?? '{}') as {
      requestTimes: Record<string, { count: number; endToEnd: { max: number }; onThread: { max: number } }>;
      threadPriorities: Record<string, unknown>;
      threadMemory: Record<string, { heapPhysicalMb: number; heapUsedMb: number; youngGenerationMb: number }>;
    };
    expect(store).toMatchObject({
      state: 'ready',
      encryption: { enabled: true, keyBackend: 'key-file' },
      schemaVersion: LATEST_VERSION,
      counts: { customers: 0 },
    });
    expect(store.requestTimes.search?.count).toBe(1);
    expect(store.requestTimes.search!.onThread.max).toBeLessThanOrEqual(store.requestTimes.search!.endToEnd.max);
    // The writer runs in the background once the readers are up (a per-thread priority only Linux offers Node).
    expect(store.threadPriorities.writer).toEqual(
      process.platform === 'linux' ? { outcome: 'lowered', nice: BACKGROUND_NICE } : { outcome: 'unsupported' },
    );
    // What each store thread's heap holds, for IT asking why the app is the size it is.
    expect(Object.keys(store.threadMemory).sort()).toEqual(['lookup', 'search', 'writer']);
    expect(store.threadMemory.search!.heapUsedMb).toBeGreaterThan(0);
    expect(files['sip-trace.txt']).toContain('REGISTER sip:pbx.example.com SIP/2.0');
    expect(files['sip-trace.txt']).toContain('SIP/2.0 401 Unauthorized');
    expect(files['sip-trace.txt']).toContain('WWW-Authenticate: Digest realm="pbx.example.com"');
    expect(files['audio-devices.json']).toContain('Jabra Evolve2 65');
    expect(files['config.json']).toContain('turn:turn.example.com:3478');
    expect(files['logs/switchboard.log']).toContain('CRM request failed');
    // No sync server is set up here: sync.json says so, with an empty outbox and no API usage.
    expect(JSON.parse(files['sync.json'] ?? '{}')).toMatchObject({ connection: 'not-configured', apiUsage: null, outbox: { waiting: 0 } });
  });

  it('has no password, token, Authorization header or TURN credential in any file', () => {
    for (const [name, text] of Object.entries(files)) {
      for (const [what, secret] of Object.entries(SECRETS)) {
        if (what === 'turnUser') continue;
        expect(text.includes(secret), `${what} found in ${name}`).toBe(false);
      }
      expect(text, `an Authorization header value in ${name}`).not.toMatch(/^(Proxy-)?Authorization:\s*(Digest|Bearer|Basic)\s/im);
      expect(text, `a credential-bearing header in ${name}`).not.toMatch(/(Proxy-)?Authorization: (Digest|Bearer)/);
    }
    expect(files['store.json']).not.toContain(storeKey);
    // The planted values really were there to be found: in the log sink's input and the core's settings.
    expect(JSON.stringify(memory.records)).not.toContain(SECRETS.bearer); // stderr is redacted too
    expect(files['config.json']).toContain('[redacted]');
  });

  it('keeps only the newest five zips', async () => {
    for (let i = 0; i < 6; i += 1) expect((await invoke('diagnostics.export', {})).ok).toBe(true);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(dataDir, 'diagnostics')).filter((n) => n.endsWith('.zip'))).toHaveLength(5);
  });
});
