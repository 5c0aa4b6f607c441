import { describe, expect, it } from 'vitest';
import { assessSdp, warningHeader } from '../../../shared/telephony/sdp-offer';

/** rtpengine's offer toward a WebRTC leg: no BUNDLE group, no a=mid, G.711 and telephone-event. */
const GATEWAY_OFFER = [
  'v=0',
  'o=- 1545997027 1 IN IP4 127.0.0.1',
  's=tester',
  't=0 0',
  'm=audio 30000 RTP/SAVPF 0 8 101',
  'c=IN IP4 127.0.0.1',
  'a=rtpmap:101 telephone-event/8000',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=setup:actpass',
  'a=fingerprint:sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08',
  'a=ice-ufrag:3l4sBWAV',
  'a=ice-pwd:QWRlPIyVgZsqRn96KEcQfEEUdq',
  'a=candidate:UXwOuBqA6ycWZ6xN 1 UDP 2130706431 127.0.0.1 30000 typ host',
  '',
].join('\r\n');

const PLAIN_PHONE_OFFER = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 4000 RTP/AVP 0 8 101',
  'a=rtpmap:101 telephone-event/8000',
  '',
].join('\r\n');

describe("assessSdp: whether the media engine can use a far end's offer", () => {
  it("takes a gateway's WebRTC offer without BUNDLE or mid, with its G.711 codecs by static payload type", () => {
    expect(assessSdp(GATEWAY_OFFER)).toEqual({ usable: true, codecs: ['pcmu', 'pcma'], telephoneEvent: true });
  });

  it('takes Opus and G.722 named by rtpmap, and session-level ICE and DTLS attributes', () => {
    const offer = GATEWAY_OFFER.replace('m=audio 30000 RTP/SAVPF 0 8 101', 'm=audio 30000 UDP/TLS/RTP/SAVPF 111 9 101')
      .replace('a=rtpmap:101', 'a=rtpmap:111 opus/48000/2\r\na=rtpmap:101')
      .replace(/a=fingerprint:[^\r]+\r\n/, '')
      .replace('t=0 0\r\n', 't=0 0\r\na=fingerprint:sha-256 AA:BB\r\n');
    expect(assessSdp(offer)).toEqual({ usable: true, codecs: ['opus', 'g722'], telephoneEvent: true });
  });

  it("refuses a plain phone's RTP/AVP offer (no ICE, no DTLS): it needs a WebRTC gateway", () => {
    const result = assessSdp(PLAIN_PHONE_OFFER);
    expect(result).toMatchObject({ usable: false, problem: 'not-webrtc', warning: { code: 399 } });
  });

  it('refuses audio only in codecs the engine cannot decode (G.729), with 305 Incompatible media format', () => {
    const offer = GATEWAY_OFFER.replace('RTP/SAVPF 0 8 101', 'RTP/SAVPF 18 101').replace(
      'a=rtpmap:101',
      'a=rtpmap:18 G729/8000\r\na=rtpmap:101',
    );
    expect(assessSdp(offer)).toMatchObject({
      usable: false,
      problem: 'no-codec',
      warning: { code: 305, text: 'Incompatible media format' },
    });
  });

  it('refuses an offer of telephone-event alone: nothing to talk over', () => {
    expect(assessSdp(GATEWAY_OFFER.replace('RTP/SAVPF 0 8 101', 'RTP/SAVPF 101'))).toMatchObject({ usable: false, problem: 'no-codec' });
  });

  it('refuses video only, or audio with port 0 (declined), with 304 Media type not available', () => {
    expect(assessSdp(GATEWAY_OFFER.replace('m=audio 30000', 'm=video 30000'))).toMatchObject({
      problem: 'no-audio',
      warning: { code: 304 },
    });
    expect(assessSdp(GATEWAY_OFFER.replace('m=audio 30000', 'm=audio 0'))).toMatchObject({ problem: 'no-audio' });
  });

  it('refuses what is not a session description: garbage lines, no v=0, no m= line, a bad port, an oversized body', () => {
    expect(assessSdp(GATEWAY_OFFER.replace('s=tester', 'this is not sdp'))).toMatchObject({
      problem: 'unparseable',
      warning: { code: 399 },
    });
    expect(assessSdp(GATEWAY_OFFER.replace('v=0', 'v=1'))).toMatchObject({ problem: 'unparseable' });
    expect(assessSdp('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n')).toMatchObject({ problem: 'unparseable' });
    expect(assessSdp(GATEWAY_OFFER.replace('m=audio 30000', 'm=audio 99999'))).toMatchObject({ problem: 'unparseable' });
    expect(assessSdp(GATEWAY_OFFER + `a=x-pad:${'x'.repeat(70_000)}\r\n`)).toMatchObject({ problem: 'unparseable' });
    expect(assessSdp('')).toMatchObject({ problem: 'unparseable' });
  });

  it('formats a Warning header whose host and text cannot break the header', () => {
    expect(warningHeader({ code: 305, text: 'Incompatible media format' }, 'agent.invalid')).toBe(
      'Warning: 305 agent.invalid "Incompatible media format"',
    );
    expect(warningHeader({ code: 399, text: 'a "quoted" text' }, 'bad host\r\nX: y')).toBe('Warning: 399 badhostX:y "a quoted text"');
  });
});
