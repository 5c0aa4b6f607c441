import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { RendererLink } from '../../../electron/bridge/bridge-server';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { buildPolicyState, policyCoreOptions } from '../../../electron/policy/policy-service';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import type { RegistrationState } from '../../../shared/telephony/model';
import { openSettings, policyReading } from '../../support/settings';

/**
 * IT's telephony settings (DTMF, STUN) reach an account the agent saves while the app runs: the
 * policy binding follows the settings owner's account section. A WebSocket server on 127.0.0.1
 * stands in for the SIP server (it never answers REGISTER: only the connection matters here).
 */

const link: RendererLink = { id: 'policy-window', sendEvent: () => undefined, sendMedia: () => undefined };
let sipServer: WebSocketServer;
let dataDir = '';
let core: AppCore | null = null;

beforeAll(async () => {
  sipServer = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => (p.has('sip') ? 'sip' : false) });
  await new Promise<void>((resolve) => sipServer.once('listening', resolve));
});

afterAll(async () => {
  for (const client of sipServer.clients) client.terminate();
  await new Promise<void>((resolve) => sipServer.close(() => resolve()));
});

afterEach(async () => {
  await core?.close();
  core = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('policy and an account saved in the app', () => {
  it("lays IT's settings over the new account and starts the phone once for the save", async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sb-telephony-policy-'));
    const memory = createMemorySink();
    const log = createLogger(memory.sink, { level: 'debug' });
    const policy = buildPolicyState(
      openSettings(dataDir, [policyReading({ dtmfMode: 'info', stunUrls: ['stun:stun.example.com:3478'] })], log),
    );
    core = await createAppCore({
      version: 'test',
      dataDir,
      platform: createRecordingPlatform(),
      secrets: createKeyFileSecretStore(dataDir),
      log,
      ...policyCoreOptions(policy),
    });
    core.bridge.connect(link);
    const registrations: RegistrationState[] = [];
    core.telephony.events.on('registration', (state) => registrations.push(state));
    expect(core.telephony.getState().dtmfMode).toBe('rfc4733');

    const port = (sipServer.address() as { port: number }).port;
    const reply = await core.bridge.handleCommand(link, 'telephony.setAccount', {
      server: `ws://127.0.0.1:${port}`,
      domain: 'pbx.example.com',
      username: '1001',
      password: 'sip-secret-1',
    });
    expect(reply.ok).toBe(true);

    expect(core.telephony.getState().dtmfMode).toBe('info');
    expect(policy.settings.account).toMatchObject({ username: '1001', domain: 'pbx.example.com' });
    expect(memory.records.filter((r) => r.message === 'applying policy to the new SIP account')).toHaveLength(1);
    // Closing waits for every queued start and stop of the phone: one stop (the close's own) means
    // the save started the phone once and laying the policy over it did not restart it.
    await core.close();
    core = null;
    expect(registrations.filter((r) => r.status === 'stopped')).toHaveLength(1);
  });
});
