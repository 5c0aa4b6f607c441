import type { BridgeServer } from '../bridge/bridge-server';
import type { TelephonyService } from './telephony-service';

/** The telephony commands of the bridge contract (shared/telephony/contract.ts), answered by `service`. */
export function registerTelephonyHandlers(bridge: BridgeServer, service: TelephonyService): void {
  bridge.handle('telephony.getState', () => service.getState());
  bridge.handle('telephony.setAccount', (request) => service.setAccount(request));
  bridge.handle('telephony.reconnect', () => service.reconnect());
  bridge.handle('telephony.dial', ({ target }) => service.calls.dial(target));
  bridge.handle('telephony.answer', async ({ callId }) => {
    await service.calls.answer(callId);
    return {};
  });
  bridge.handle('telephony.reject', async ({ callId }) => {
    await service.calls.reject(callId);
    return {};
  });
  bridge.handle('telephony.hangup', async ({ callId }) => {
    await service.calls.hangup(callId);
    return {};
  });
  bridge.handle('telephony.hold', async ({ callId }) => {
    await service.calls.hold(callId);
    return {};
  });
  bridge.handle('telephony.resume', async ({ callId }) => {
    await service.calls.resume(callId);
    return {};
  });
  bridge.handle('telephony.mute', async ({ callId, muted }) => {
    await service.calls.mute(callId, muted);
    return {};
  });
  bridge.handle('telephony.sendDtmf', async ({ callId, tones }) => ({ sentAs: await service.calls.sendDtmf(callId, tones) }));
  bridge.handle('telephony.blindTransfer', async ({ callId, target }) => {
    await service.calls.blindTransfer(callId, target);
    return {};
  });
  bridge.handle('telephony.consult', ({ callId, target }) => service.calls.consult(callId, target));
  bridge.handle('telephony.completeTransfer', async ({ callId, consultCallId }) => {
    await service.calls.completeTransfer(callId, consultCallId);
    return {};
  });
  bridge.handle('telephony.setDevices', (request) => service.setDevices(request));
  bridge.handle('telephony.getSipTrace', () => ({ entries: service.sipTrace() }));
}
