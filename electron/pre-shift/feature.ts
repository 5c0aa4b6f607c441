import { BridgeError } from '../../shared/bridge/errors';
import { userText } from '../../shared/text/user-text';
import type { EchoMeasure, NetworkMeasure, PreShiftMeasures, PreShiftResult } from '../../shared/pre-shift/contract';
import { judgePreShift, median, PRE_SHIFT_LIMITS } from '../../shared/pre-shift/verdict';
import type { Feature } from '../core/feature';
import { readPreShiftCheck, writePreShiftCheck } from '../diagnostics/pre-shift-check-file';
import type { Logger } from '../logging/logger';
import type { TelephonyService } from '../telephony/telephony-service';
import { runEchoCall, type PreShiftMediaRpc } from './echo-call';
import { probeSipServer } from './sip-probe';

export interface PreShiftOptions {
  bridge: PreShiftMediaRpc & { readonly hasMediaEngine: boolean };
  telephony: Pick<TelephonyService, 'userAgent' | 'adoptSession' | 'mediaConfig' | 'registrationStatus' | 'listCalls' | 'events'>;
  /** IT policy `preShiftEchoExtension`, read at each run (null: the echo step is skipped). */
  echoExtension: () => string | null;
  dataDir: string;
  log: Logger;
  now?: () => Date;
}

/**
 * "Check my setup" in main: the parts that need SIP (the echo test call, the server's round trip),
 * and the result, judged by the same rules the window shows (shared/pre-shift/verdict.ts), kept
 * for the diagnostics zip (pre-shift-check.json) and logged. The microphone and speaker steps run
 * in the window alone.
 */
export class PreShiftCheck {
  private running: AbortController | null = null;
  /** The running test's end, for close(): its call is hung up and its media closed before telephony stops. */
  private runningTask: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: PreShiftOptions) {
    this.now = options.now ?? (() => new Date());
  }

  status(): { echoConfigured: boolean; last: PreShiftResult | null } {
    return { echoConfigured: this.options.echoExtension() !== null, last: readPreShiftCheck(this.options.dataDir) };
  }

  callTest(): Promise<{ echo: EchoMeasure; network: NetworkMeasure }> {
    const task = this.runCallTest();
    this.runningTask = task.catch(() => undefined);
    return task;
  }

  private async runCallTest(): Promise<{ echo: EchoMeasure; network: NetworkMeasure }> {
    const { telephony, bridge, log } = this.options;
    if (this.running) throw new BridgeError('conflict', userText('preShift.refused.alreadyRunning'));
    if (telephony.listCalls().length > 0) throw new BridgeError('conflict', userText('preShift.refused.onACall'));
    if (!bridge.hasMediaEngine) throw new BridgeError('unavailable', userText('telephony.refusal.noAudioEngine'));
    const controller = new AbortController();
    this.running = controller;
    // A customer's call comes first: the check ends its test call at once.
    const offCall = telephony.events.on('callOffered', () => controller.abort());
    try {
      const ua = telephony.registrationStatus.status === 'registered' ? telephony.userAgent : null;
      const network: NetworkMeasure = ua
        ? await probeSipServer(ua, PRE_SHIFT_LIMITS.sipProbes, controller.signal)
        : { sipRoundTripsMs: [], probes: 0, problem: 'not-registered' };
      const target = this.options.echoExtension();
      let echo: EchoMeasure;
      if (target === null) echo = { status: 'not-configured', sipCode: null, media: null };
      else if (controller.signal.aborted) echo = { status: 'cancelled', sipCode: null, media: null };
      else if (!ua) echo = { status: 'not-registered', sipCode: null, media: null };
      else echo = await runEchoCall(target, { phone: telephony, rpc: bridge, log }, controller.signal);
      return { echo, network };
    } finally {
      offCall();
      this.running = null;
    }
  }

  cancel(): { cancelled: boolean } {
    if (!this.running) return { cancelled: false };
    this.running.abort();
    return { cancelled: true };
  }

  record(measures: PreShiftMeasures): PreShiftResult {
    const result = judgePreShift(measures, this.now());
    try {
      writePreShiftCheck(this.options.dataDir, result);
    } catch (error) {
      this.options.log.warn('pre-shift check result not saved', { error: error instanceof Error ? error.name : 'unknown' });
    }
    const media = measures.echo?.media ?? null;
    // Outcomes and figures only: the device names stay in the file, for IT.
    this.options.log.info('pre-shift check', {
      outcome: result.outcome,
      ...Object.fromEntries(result.steps.map((s) => [s.step, s.outcome])),
      echo: measures.echo?.status ?? null,
      echoSipCode: measures.echo?.sipCode ?? null,
      sipMedianMs: median(measures.network?.sipRoundTripsMs ?? []),
      lossPct: media?.lossPct ?? null,
      jitterMs: media?.jitterMs ?? null,
      rttMs: media?.rttMs ?? null,
    });
    return result;
  }

  async close(): Promise<void> {
    this.running?.abort();
    await this.runningTask;
  }
}

export function createPreShiftFeature(options: PreShiftOptions): Feature & { service: PreShiftCheck; close(): Promise<void> } {
  const service = new PreShiftCheck(options);
  return {
    name: 'pre-shift',
    service,
    handlers: {
      'preShift.status': () => service.status(),
      'preShift.callTest': () => service.callTest(),
      'preShift.cancel': () => service.cancel(),
      'preShift.record': (measures) => service.record(measures),
    },
    close: () => service.close(),
  };
}
