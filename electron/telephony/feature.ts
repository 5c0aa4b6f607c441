import type { Feature } from '../core/feature';
import type { Logger } from '../logging/logger';
import { bindTelephonyPolicy } from '../policy/policy-service';
import type { SettingsService } from '../settings/settings-service';
import { TelephonyService, type TelephonyServiceOptions } from './telephony-service';

/**
 * Telephony: the SIP phone, its `telephony.*` commands and, when IT policy is in force, its
 * settings re-applied to an account the agent saves. The core starts the service once every
 * feature is mounted, so a call that rings at once finds the agent desk listening.
 */
export function createTelephonyFeature(
  options: TelephonyServiceOptions & { policy: { settings: SettingsService; log: Logger } | null },
): Feature & { service: TelephonyService; close(): Promise<void> } {
  const service = new TelephonyService(options);
  const unbindPolicy = options.policy ? bindTelephonyPolicy(service, options.policy.settings, options.policy.log) : () => undefined;
  return {
    name: 'telephony',
    service,
    handlers: telephonyHandlers(service),
    async close() {
      unbindPolicy();
      await service.close();
    },
  };
}

/**
 * The telephony commands of the bridge contract (shared/telephony/contract.ts), answered by
 * `service`. A command that changes the calls answers the phone view as it left it.
 */
function telephonyHandlers(service: TelephonyService): Feature['handlers'] {
  return {
    'telephony.getState': () => service.getState(),
    'telephony.setAccount': (request) => service.setAccount(request),
    'telephony.reconnect': () => service.reconnect(),
    'telephony.dial': ({ target, doNotCallOverride }) => service.calls.dial(target, { doNotCallOverride }),
    'telephony.answer': async ({ callId }) => {
      await service.calls.answer(callId);
      return service.calls.view();
    },
    'telephony.reject': async ({ callId }) => {
      await service.calls.reject(callId);
      return service.calls.view();
    },
    'telephony.hangup': async ({ callId }) => {
      await service.calls.hangup(callId);
      return service.calls.view();
    },
    'telephony.hold': async ({ callId }) => {
      await service.calls.hold(callId);
      return service.calls.view();
    },
    'telephony.resume': async ({ callId }) => {
      await service.calls.resume(callId);
      return service.calls.view();
    },
    'telephony.mute': async ({ callId, muted }) => {
      await service.calls.mute(callId, muted);
      return service.calls.view();
    },
    'telephony.pauseRecording': async ({ callId }) => {
      await service.calls.pauseRecording(callId, 'agent');
      return service.calls.view();
    },
    'telephony.resumeRecording': async ({ callId }) => {
      await service.calls.resumeRecording(callId);
      return service.calls.view();
    },
    'telephony.sendDtmf': async ({ callId, tones }) => ({ sentAs: await service.calls.sendDtmf(callId, tones) }),
    'telephony.blindTransfer': async ({ callId, target }) => {
      await service.calls.blindTransfer(callId, target);
      return service.calls.view();
    },
    'telephony.consult': ({ callId, target }) => service.calls.consult(callId, target),
    'telephony.completeTransfer': async ({ callId, consultCallId }) => {
      await service.calls.completeTransfer(callId, consultCallId);
      return service.calls.view();
    },
    'telephony.cancelTransfer': async ({ callId }) => {
      await service.calls.cancelTransfer(callId);
      return service.calls.view();
    },
    'telephony.setDevices': (request) => service.setDevices(request),
    'telephony.getSipTrace': () => ({ entries: service.sipTrace() }),
  };
}
