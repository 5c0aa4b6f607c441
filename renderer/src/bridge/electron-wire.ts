import type { CommandChannel } from '../../../shared/bridge/channels';
import { mediaRequestEnvelope, type MediaReplyEnvelope, type ReplyBody } from '../../../shared/bridge/envelopes';
import { check } from '../../../shared/bridge/validate';
import type { PreloadApi } from '../../../shared/bridge/preload-api';
import type { BridgeClient, Wire } from './client';

/** Carries the bridge over the API Electron's preload exposes. */
export function connectElectronWire(client: BridgeClient, api: PreloadApi): Wire {
  api.onEvent((channel, payload) => client.deliverEvent(channel, payload));
  api.onMediaRequest((request) => {
    const envelope = check(mediaRequestEnvelope, request);
    if (envelope.ok) void client.deliverMediaRequest(envelope.value);
  });
  client.setConnectionState('open');
  return {
    host: 'electron',
    sendCommand: (channel: CommandChannel, payload: unknown): Promise<ReplyBody> => api.invoke(channel, payload),
    sendMediaReply: (reply: MediaReplyEnvelope): void => api.replyMedia(reply),
  };
}
