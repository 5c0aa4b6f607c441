import { describe, expect, it } from 'vitest';
import { offerFromMediaServer, ringingAnswerRole } from '../../../shared/telephony/dtls-role';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

/** The offer rtpengine 10.5 makes toward the agent in the lab's gateway (kamailio-gateway.cfg): no a=mid, no BUNDLE. */
const RTPENGINE_OFFER = crlf([
  'v=0',
  'o=- 3498934937 1736176311 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 30000 RTP/SAVPF 0 101',
  'c=IN IP4 127.0.0.1',
  'a=rtcp:30001 IN IP4 127.0.0.1',
  'a=candidate:ZqqjXkrHrpqzMfHl 1 udp 2130706431 127.0.0.1 30000 typ host generation 0',
  'a=ice-ufrag:V1GpxK2G',
  'a=ice-pwd:aR9WwwH6ZQURtd8AIL9Qr7uNIC',
  'a=fingerprint:sha-256 8F:C2:74:C5:AD:B0:E5:71:42:3D:79:BF:D8:13:09:2D:54:EB:8C:FA:0F:44:FF:58:1A:9D:E7:44:1B:07:64:37',
  'a=setup:actpass',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
]);

/** A WebRTC endpoint's offer (a browser, werift): BUNDLE and a=mid. */
const ENDPOINT_OFFER = crlf([
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
  'c=IN IP4 0.0.0.0',
  'a=ice-ufrag:abcd',
  'a=ice-pwd:abcdefghijklmnopqrstuvwx',
  'a=fingerprint:sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:0 PCMU/8000',
]);

/** A media server that is ICE-lite writes BUNDLE too (mediasoup, Janus in lite mode): still a server. */
const ICE_LITE_OFFER = ENDPOINT_OFFER.replace('t=0 0\r\n', 't=0 0\r\na=ice-lite\r\n');

describe('the DTLS role of the answer made while it rings', () => {
  it('auto: active (Chromium keeps its own a=setup:active) for a media server’s offer, passive for an endpoint’s', () => {
    expect(offerFromMediaServer(RTPENGINE_OFFER)).toBe(true);
    expect(offerFromMediaServer(ICE_LITE_OFFER)).toBe(true);
    expect(offerFromMediaServer(ENDPOINT_OFFER)).toBe(false);
    expect(ringingAnswerRole(RTPENGINE_OFFER, 'auto')).toBeNull();
    expect(ringingAnswerRole(ICE_LITE_OFFER, 'auto')).toBeNull();
    expect(ringingAnswerRole(ENDPOINT_OFFER, 'auto')).toBe('passive');
  });

  it('a policy of active or passive applies to every actpass offer', () => {
    for (const offer of [RTPENGINE_OFFER, ENDPOINT_OFFER, ICE_LITE_OFFER]) {
      expect(ringingAnswerRole(offer, 'active')).toBeNull();
      expect(ringingAnswerRole(offer, 'passive')).toBe('passive');
    }
  });

  it('an offer that fixed its role is answered with the other one, whatever the policy (else nobody starts DTLS)', () => {
    const offererPassive = RTPENGINE_OFFER.replace('a=setup:actpass', 'a=setup:passive');
    const offererActive = ENDPOINT_OFFER.replace('a=setup:actpass', 'a=setup:active');
    for (const choice of ['auto', 'active', 'passive'] as const) {
      // null: Chromium's own answer, active to a passive offer and passive to an active one.
      expect(ringingAnswerRole(offererPassive, choice)).toBeNull();
      expect(ringingAnswerRole(offererActive, choice)).toBeNull();
    }
  });

  it('a plain RTP offer (no DTLS) is not a media server’s WebRTC offer', () => {
    expect(offerFromMediaServer(RTPENGINE_OFFER.replace('RTP/SAVPF', 'RTP/AVP'))).toBe(false);
  });

  it('the setting defaults to auto and refuses anything else', () => {
    const base = { servers: { primary: 'wss://sip.example.com' }, domain: 'example.com', username: '1001' };
    expect(telephonySettingsSchema.parse(base).dtlsRoleWhileRinging).toBe('auto');
    expect(telephonySettingsSchema.safeParse({ ...base, dtlsRoleWhileRinging: 'actpass' }).success).toBe(false);
  });
});
