import type { Session } from 'sip.js';
import type { DtmfMode } from '../../shared/telephony/settings';
import { errorName, type BridgeServer } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';

const DTMF_DURATION_MS = 120;
const DTMF_GAP_MS = 80;

/**
 * Sends keypad tones on a connected call: RFC 4733 through the media engine when the settings ask
 * for it and the call negotiated telephone-event, otherwise (or when that fails) SIP INFO.
 */
export async function sendDtmf(
  session: Session,
  callId: string,
  tones: string,
  mode: DtmfMode,
  deps: { bridge: BridgeServer; log: Logger },
): Promise<DtmfMode> {
  if (mode === 'rfc4733') {
    const result = await deps.bridge
      .requestMedia('telephony.media.sendDtmf', { callId, tones, durationMs: DTMF_DURATION_MS, gapMs: DTMF_GAP_MS })
      .catch((error: unknown) => {
        deps.log.warn('RFC 4733 DTMF failed in the media engine', { callId, error: errorName(error) });
        return { sent: false };
      });
    if (result.sent) return 'rfc4733';
    deps.log.info('call has no telephone-event; sending DTMF as SIP INFO', { callId });
  }
  for (const tone of tones) {
    await session.info({
      requestOptions: {
        body: {
          contentDisposition: 'render',
          contentType: 'application/dtmf-relay',
          content: `Signal=${tone}\r\nDuration=${DTMF_DURATION_MS}`,
        },
      },
    });
  }
  return 'info';
}
