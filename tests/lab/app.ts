import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RendererLink } from '../../electron/bridge/bridge-server';
import { defaultWorkflowConfig } from '../../electron/agent/workflow-defaults';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createRecordingPlatform } from '../../electron/core/platform-services';
import { createLogger, createMemorySink, type LogRecord } from '../../electron/logging/logger';
import { buildPolicyState } from '../../electron/policy/policy-service';
import { createKeyFileSecretStore } from '../../electron/secrets/secret-store';
import { startWebShellHost, type WebShellHost } from '../../electron/web-shell/host';
import type { CommandChannel } from '../../shared/bridge/channels';
import type { PolicySourceReading } from '../../shared/policy/resolve';
import type { CommandRequest, CommandResponse } from '../../shared/bridge/commands';
import { BridgeError } from '../../shared/bridge/errors';
import type { MediaResult } from '../../shared/bridge/media';
import type { Call, CallEnded, RegistrationState } from '../../shared/telephony/model';
import type { WorkflowConfig } from '../../shared/config/workflow';
import { SIP_PASSWORD_SECRET, telephonySettingsSchema, type TelephonySettingsInput } from '../../shared/telephony/settings';
import { openSettings } from '../support/settings';
import { REPO_ROOT } from '../support/system-deps';
import { CHROMIUM_ARGS } from '../support/chromium-args';
import type { FarEndCall } from './far-end';

export { CHROMIUM_ARGS };

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export interface LabAppOptions {
  browser: Browser;
  settings: TelephonySettingsInput;
  password: string;
  /** Open the renderer (the media engine) right away. */
  openPage?: boolean;
  /** The agent workflow's policy; default: PHONE_LAB_WORKFLOW. */
  workflowConfig?: WorkflowConfig;
  /**
   * IT policy sources, as the hosts read them (e.g. `extraCaFile` for a test CA): the core gets
   * the policy state built from them, trust store included. Default: no policy found.
   */
  policy?: PolicySourceReading[];
}

/**
 * The phone on its own, as a direct-dial softphone is set up by IT: no after-call work between
 * calls and second calls offered as call waiting, so telephony tests take call after call without
 * the agent workflow (tested on its own) declining them for an owed wrap-up.
 */
export const PHONE_LAB_WORKFLOW: WorkflowConfig = (() => {
  const defaults = defaultWorkflowConfig();
  return {
    ...defaults,
    afterCallWork: { ...defaults.afterCallWork, seconds: 0, onExpiry: 'ready' },
    inboundDecline: { ...defaults.inboundDecline, declineInWrapUp: false, declineWhileBusy: false },
  };
})();

/**
 * Switchboard as the tests see it: a real core (telephony service, bridge) in
 * this process, the real web shell host in front of it, and the real renderer
 * build in Chromium as the media engine. Commands go through the bridge's
 * checks exactly as the renderer's do.
 */
export class LabApp {
  readonly registrations: RegistrationState[] = [];
  readonly ended: CallEnded[] = [];
  readonly logs: LogRecord[];
  page: Page | null = null;
  private context: BrowserContext | null = null;
  private readonly link: RendererLink = {
    id: 'lab-test',
    sendEvent: () => undefined,
    sendMedia: () => {
      throw new Error('the test link is not a media engine');
    },
  };

  private constructor(
    readonly core: AppCore,
    readonly host: WebShellHost,
    readonly platform: ReturnType<typeof createRecordingPlatform>,
    readonly dataDir: string,
    logs: LogRecord[],
    private readonly browser: Browser,
  ) {
    this.logs = logs;
    core.telephony.events.on('registration', (state) => this.registrations.push(state));
    core.telephony.events.on('callEnded', (ended) => this.ended.push(ended));
  }

  static async start(options: LabAppOptions): Promise<LabApp> {
    if (!existsSync(path.join(REPO_ROOT, 'dist/renderer/index.html'))) {
      throw new Error('dist/renderer is missing: run `npm run build` first (npm test does).');
    }
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-lab-'));
    const memory = createMemorySink();
    const log = createLogger(memory.sink, { level: 'debug', scope: 'lab' });
    const secrets = createKeyFileSecretStore(dataDir);
    await secrets.set(SIP_PASSWORD_SECRET, options.password);
    const platform = createRecordingPlatform('web');
    const core = await createAppCore({
      version: 'lab',
      dataDir,
      platform,
      secrets,
      log,
      telephonySettings: telephonySettingsSchema.parse(options.settings),
      workflowConfig: () => options.workflowConfig ?? PHONE_LAB_WORKFLOW,
      ...(options.policy ? { policy: buildPolicyState(openSettings(dataDir, options.policy, log)) } : {}),
    });
    const host = await startWebShellHost({ bridge: core.bridge, rendererDir: path.join(REPO_ROOT, 'dist/renderer'), log });
    const app = new LabApp(core, host, platform, dataDir, memory.records, options.browser);
    if (options.openPage !== false) await app.openPage();
    return app;
  }

  /**
   * Opens (or reopens) the renderer and waits until its media engine has attached.
   * `beforeNavigate` sees the new page before it loads (e.g. to follow its bridge socket: bridge-traffic.ts).
   */
  async openPage(options: { beforeNavigate?: (page: Page) => void } = {}): Promise<Page> {
    this.context ??= await this.browser.newContext({ permissions: ['microphone'] });
    this.page = await this.context.newPage();
    options.beforeNavigate?.(this.page);
    await this.page.goto(this.host.issueLaunchUrl());
    await this.until(() => this.core.bridge.hasMediaEngine, 'the media engine to attach');
    return this.page;
  }

  async reloadPage(): Promise<void> {
    if (!this.page) throw new Error('no page');
    await this.page.reload();
    await this.until(() => this.core.bridge.hasMediaEngine, 'the media engine to re-attach');
  }

  /** The id of the next call offered to the agent: ask before the far end dials. */
  nextOffer(): Promise<string> {
    return new Promise((resolve) => {
      const off = this.core.telephony.events.on('callOffered', (offered) => {
        off();
        resolve(offered.callId);
      });
    });
  }

  /** A bridge command, checked against the contract like the renderer's; a refusal throws its BridgeError. */
  async command<C extends CommandChannel>(channel: C, payload: CommandRequest<C>): Promise<CommandResponse<C>> {
    const reply = await this.core.bridge.handleCommand(this.link, channel, payload);
    if (!reply.ok) throw BridgeError.fromBody(reply.error);
    return reply.result as CommandResponse<C>;
  }

  /** The media engine's view of a call: transceiver directions and audio counters. */
  inspect(callId: string): Promise<MediaResult<'telephony.media.inspect'>> {
    return this.core.bridge.requestMedia('telephony.media.inspect', { callId });
  }

  get registration(): RegistrationState {
    return this.core.telephony.registrationStatus;
  }

  calls(): Call[] {
    return this.core.telephony.listCalls();
  }

  call(id: string): Call | undefined {
    return this.calls().find((c) => c.id === id);
  }

  /** For a failed assertion: how the call ended, if it did, and the warnings logged (no PII is logged). */
  story(id: string): string {
    const ended = this.ended.find((e) => e.callId === id);
    const warnings = this.logs.filter((r) => r.level === 'warn' || r.level === 'error').slice(-12);
    return `call ${id}: ${ended ? `ended ${JSON.stringify(ended)}` : 'not ended'}; last warnings: ${JSON.stringify(warnings)}`;
  }

  /** Polls `condition` every 20 ms; fails with what was awaited. */
  async until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await condition()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }

  /** Waits until the agent's Chromium receives sound on the call: inbound-rtp packets with energy, not silence. */
  async untilHearing(callId: string, what = 'the agent to hear the far end (inbound-rtp packets and energy)'): Promise<void> {
    await this.until(async () => {
      const { stats } = await this.inspect(callId);
      return (stats?.packetsReceived ?? 0) > 25 && (stats?.totalAudioEnergy ?? 0) > 0;
    }, what);
  }

  /** Audio both ways: packets and energy at the agent's Chromium and at the werift far end. */
  async expectAudioBothWays(callId: string, far: FarEndCall): Promise<void> {
    await this.untilHearing(callId);
    await this.until(
      () => (far.media?.stats.packets ?? 0) > 25 && (far.media?.stats.energy ?? 0) > 0,
      'the far end to hear the agent (PCMU energy)',
    );
  }

  async waitForRegistration(status: RegistrationState['status'], timeoutMs = 10_000): Promise<void> {
    await this.until(() => this.registration.status === status, `registration "${status}" (now "${this.registration.status}")`, timeoutMs);
  }

  /** What `close()` leaves after the host and core: for a test that shut those down itself (a quit). */
  async discard(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    await this.host.close();
    await this.core.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Lab settings for a user on a kamailio at `server`. */
export function labSettings(server: string, username: string, extra: Partial<TelephonySettingsInput> = {}): TelephonySettingsInput {
  return {
    servers: { primary: server, backup: null },
    domain: '127.0.0.1',
    username,
    iceServers: [],
    defaultRegion: 'GB',
    ...extra,
  };
}
