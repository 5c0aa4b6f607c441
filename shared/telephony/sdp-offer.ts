/**
 * Whether a far end's session description is one the media engine (WebRTC in Chromium) can use,
 * decided before the agent is rung: a call that cannot carry audio should be refused with
 * 488 Not Acceptable Here (RFC 3261 §13.3.1.3) and a Warning, not offered to the agent and then
 * failed at Answer. Pure: runs in main and in tests.
 *
 * WebRTC needs, per audio section: ICE credentials, a DTLS fingerprint, a secure RTP profile and at
 * least one codec Chromium decodes. A plain phone's offer (RTP/AVP, no ICE, no DTLS) reaches the agent
 * only through a WebRTC gateway (rtpengine, an SBC, Asterisk with webrtc=yes) that rewrites it.
 * What is not checked here (Chromium's parser is the last word) fails at Answer with the same
 * sentence for the agent.
 */

import { userText, type UserText } from '../text/user-text';

/** Codecs the media engine decodes (Chromium's audio codecs a PBX or trunk may offer). */
const AUDIO_CODECS = new Set(['pcmu', 'pcma', 'g722', 'opus']);
/** RTP/AVP static payload types (RFC 3551) for those codecs, used when an offer has no rtpmap for them. */
const STATIC_PAYLOADS: Record<string, string> = { '0': 'pcmu', '8': 'pcma', '9': 'g722' };
/** Carry no audio by themselves: an offer of only these has nothing to talk over. */
const AUXILIARY = new Set(['telephone-event', 'cn', 'red', 'rtx', 'ulpfec']);

export type SdpProblem =
  /** Not a session description (a line that is not `x=value`, no v= or m= line). */
  | 'unparseable'
  /** No audio section with a non-zero port. */
  | 'no-audio'
  /** Audio, but in none of the codecs the engine decodes. */
  | 'no-codec'
  /** Plain RTP (no ICE, no DTLS-SRTP): needs a WebRTC gateway between it and the agent. */
  | 'not-webrtc';

export type SdpAssessment =
  { usable: true; codecs: string[]; telephoneEvent: boolean } | { usable: false; problem: SdpProblem; warning: SipWarning };

/** A Warning header value (RFC 3261 §20.43): code and text. */
export interface SipWarning {
  code: 304 | 305 | 399;
  text: string;
}

/** What the agent reads when a call failed on the caller's media; never an exception's text. */
export const INCOMPATIBLE_MEDIA_TEXT: UserText = userText('telephony.media.incompatibleOffer');
/** The same for a call the agent placed. */
export const INCOMPATIBLE_ANSWER_TEXT: UserText = userText('telephony.media.incompatibleAnswer');

const WARNINGS: Record<SdpProblem, SipWarning> = {
  unparseable: { code: 399, text: 'Malformed session description' },
  'no-audio': { code: 304, text: 'Media type not available' },
  'no-codec': { code: 305, text: 'Incompatible media format' },
  'not-webrtc': { code: 399, text: 'WebRTC endpoint: ICE and DTLS-SRTP required' },
};

/** `Warning: 305 host "text"` for a 488. The agent text is not used: a Warning is for the far end's logs. */
export function warningHeader(warning: SipWarning, host: string): string {
  return `Warning: ${warning.code} ${host.replace(/[^A-Za-z0-9.:[\]-]/g, '') || 'switchboard'} "${warning.text.replace(/["\\]/g, '')}"`;
}

interface Section {
  media: string;
  port: number;
  proto: string;
  formats: string[];
  attributes: string[];
}

/** Offers larger than this are refused as unparseable (a sane audio offer is 1-3 KiB). */
const MAX_SDP_BYTES = 64 * 1024;

export function assessSdp(sdp: string): SdpAssessment {
  const fail = (problem: SdpProblem): SdpAssessment => ({ usable: false, problem, warning: WARNINGS[problem] });
  if (sdp.length > MAX_SDP_BYTES) return fail('unparseable');
  const lines = sdp.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0] !== 'v=0' || !lines.every((l) => /^[a-z]=/.test(l))) return fail('unparseable');
  const session: string[] = [];
  const sections: Section[] = [];
  for (const line of lines) {
    const value = line.slice(2);
    if (line.startsWith('m=')) {
      const [media = '', port = '', proto = '', ...formats] = value.split(/\s+/);
      const portNumber = Number(port.split('/')[0]);
      if (!/^\d+(\/\d+)?$/.test(port) || !Number.isInteger(portNumber) || portNumber > 65535 || proto === '') return fail('unparseable');
      sections.push({ media: media.toLowerCase(), port: portNumber, proto: proto.toUpperCase(), formats, attributes: [] });
    } else if (line.startsWith('a=')) {
      (sections.at(-1)?.attributes ?? session).push(value);
    }
  }
  if (sections.length === 0) return fail('unparseable');
  const audio = sections.filter((s) => s.media === 'audio' && s.port !== 0);
  if (audio.length === 0) return fail('no-audio');

  let sawCodec = false;
  for (const section of audio) {
    const names = codecNames(section);
    const codecs = [...new Set(names.filter((n) => AUDIO_CODECS.has(n)))];
    if (codecs.length === 0) continue;
    sawCodec = true;
    const has = (name: string) => [...section.attributes, ...session].some((a) => a.toLowerCase().startsWith(`${name}:`));
    const secure = /(^|\/)SAVPF?$/.test(section.proto);
    if (!secure || !has('fingerprint') || !has('ice-ufrag') || !has('ice-pwd')) continue;
    return { usable: true, codecs, telephoneEvent: names.includes('telephone-event') };
  }
  return fail(sawCodec ? 'not-webrtc' : 'no-codec');
}

/** The codec names of a section's formats: rtpmap names, else the static payload's name. */
function codecNames(section: Section): string[] {
  const rtpmap = new Map<string, string>();
  for (const attribute of section.attributes) {
    const match = /^rtpmap:(\d+)\s+([^/\s]+)/i.exec(attribute);
    if (match?.[1] && match[2]) rtpmap.set(match[1], match[2].toLowerCase());
  }
  return section.formats
    .map((pt) => rtpmap.get(pt) ?? STATIC_PAYLOADS[pt] ?? `pt-${pt}`)
    .filter((name) => !AUXILIARY.has(name) || name === 'telephone-event');
}
