/** Policy keys for the phone: SIP servers, DTMF, the recording pause, and the media path (STUN/TURN). */
import * as z from 'zod';
import { rule, oneOf } from '../rule-text';
import { DTLS_ROLES_WHILE_RINGING } from '../../telephony/dtls-role';
import { DTMF_MODES, ICE_TRANSPORT_POLICIES, wsServerUrl } from '../../telephony/settings';
import {
  DEFAULT_RECORDING_PAUSE,
  RECORDING_PAUSE_METHODS,
  dtmfCodeSchema,
  infoBodySchema,
  infoContentTypeSchema,
} from '../../telephony/recording-pause';
import { sipHost, iceUrls, define } from '../key-definition';

export const PHONE_KEYS = {
  sipServer: define({
    section: 'Phone',
    title: 'SIP server (primary)',
    description: 'The SIP-over-WebSocket server the phone registers with: wss://host[:port][/path].',
    kind: 'string',
    schema: wsServerUrl,
    builtin: null,
    example: 'wss://sip.example.com:7443',
  }),
  sipBackupServer: define({
    section: 'Phone',
    title: 'SIP server (backup)',
    description: 'Tried when the primary SIP server cannot be reached: wss://host[:port][/path].',
    kind: 'string',
    schema: wsServerUrl,
    builtin: null,
    example: 'wss://sip2.example.com:7443',
  }),
  sipDomain: define({
    section: 'Phone',
    title: 'SIP domain',
    description: "The domain of the agents' SIP addresses (sip:<username>@<domain>).",
    kind: 'string',
    schema: sipHost,
    builtin: null,
    example: 'example.com',
  }),
  sipOutboundProxy: define({
    section: 'Phone',
    title: 'Outbound proxy',
    description: 'A SIP URI every request is routed through (e.g. a session border controller).',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .max(300, rule('policy.rule.atMostCharacters', { maximum: 300 }))
      .regex(/^sips?:[^\s<>"]+$/, rule('policy.rule.sipUri')),
    builtin: null,
    example: 'sip:sbc.example.com;lr',
  }),
  dtmfMode: define({
    section: 'Phone',
    title: 'DTMF mode',
    description: 'How keypad tones are sent: rfc4733 (in the audio stream, the usual choice) or info (SIP INFO messages).',
    kind: 'string',
    schema: z.enum(DTMF_MODES, { error: oneOf(DTMF_MODES) }),
    builtin: 'rfc4733',
    example: 'rfc4733',
  }),
  recordingPauseMethod: define({
    section: 'Phone',
    title: 'Recording pause command',
    description:
      'How the "Pause recording" button (PCI secure pause) asks the PBX to stop recording a call while card details are given: sip-info (an INFO request in the call, with recordingPauseInfoContentType and the pause and resume bodies; the PBX must answer 200 for the call to show paused), dtmf (the feature codes recordingPauseDtmf and recordingResumeDtmf, sent as keypad tones) or off (no button). See docs/interop.md.',
    kind: 'string',
    schema: z.enum(RECORDING_PAUSE_METHODS, { error: oneOf(RECORDING_PAUSE_METHODS) }),
    builtin: DEFAULT_RECORDING_PAUSE.method,
    example: 'sip-info',
  }),
  recordingPauseInfoContentType: define({
    section: 'Phone',
    title: 'Recording pause INFO content type',
    description: 'With recordingPauseMethod sip-info: the Content-Type of the pause and resume INFO requests.',
    kind: 'string',
    schema: infoContentTypeSchema,
    builtin: DEFAULT_RECORDING_PAUSE.infoContentType,
    example: 'application/vnd.example.recording',
  }),
  recordingPauseInfoBody: define({
    section: 'Phone',
    title: 'Recording pause INFO body',
    description:
      'With recordingPauseMethod sip-info: the body of the INFO that pauses recording (plain text; line breaks are sent as CRLF).',
    kind: 'string',
    schema: infoBodySchema,
    builtin: DEFAULT_RECORDING_PAUSE.infoPauseBody,
    example: 'Record: pause',
  }),
  recordingResumeInfoBody: define({
    section: 'Phone',
    title: 'Recording resume INFO body',
    description: 'With recordingPauseMethod sip-info: the body of the INFO that resumes recording.',
    kind: 'string',
    schema: infoBodySchema,
    builtin: DEFAULT_RECORDING_PAUSE.infoResumeBody,
    example: 'Record: resume',
  }),
  recordingPauseDtmf: define({
    section: 'Phone',
    title: 'Recording pause feature code',
    description: "With recordingPauseMethod dtmf: the PBX's feature code that pauses recording, sent as keypad tones.",
    kind: 'string',
    schema: dtmfCodeSchema,
    builtin: DEFAULT_RECORDING_PAUSE.dtmfPause,
    example: '*1',
  }),
  recordingResumeDtmf: define({
    section: 'Phone',
    title: 'Recording resume feature code',
    description: "With recordingPauseMethod dtmf: the PBX's feature code that resumes recording.",
    kind: 'string',
    schema: dtmfCodeSchema,
    builtin: DEFAULT_RECORDING_PAUSE.dtmfResume,
    example: '*2',
  }),
  preShiftEchoExtension: define({
    section: 'Phone',
    title: 'Pre-shift check echo extension',
    description:
      'The extension the pre-shift check ("Check my setup") calls to test call audio: it must answer and send back what it receives (an echo test, such as Asterisk\'s Echo() or FreeSWITCH\'s echo application). Not set: the check skips the test call and says why.',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .min(1, rule('policy.rule.notEmpty'))
      .max(64, rule('policy.rule.atMostCharacters', { maximum: 64 }))
      .regex(/^[A-Za-z0-9*#+._-]+$/, rule('policy.rule.extension')),
    builtin: null,
    example: '*43',
  }),
  stunUrls: define({
    section: 'Media (STUN/TURN)',
    title: 'STUN servers',
    description:
      'STUN servers for finding the public address of calls. Empty: none (no traffic goes to a public server unless IT sets one).',
    kind: 'stringList',
    schema: iceUrls(['stun', 'stuns'], 'stun:stun.example.com:3478'),
    builtin: [],
    example: '["stun:stun.example.com:3478"]',
  }),
  turnUrls: define({
    section: 'Media (STUN/TURN)',
    title: 'TURN servers',
    description:
      'TURN relays for calls when direct media is blocked (home networks, strict firewalls). Use turns: on 443 for networks that only allow HTTPS.',
    kind: 'stringList',
    schema: iceUrls(['turn', 'turns'], 'turns:turn.example.com:443?transport=tcp'),
    builtin: [],
    example: '["turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:443?transport=tcp"]',
  }),
  turnUsername: define({
    section: 'Media (STUN/TURN)',
    title: 'TURN user name',
    description: 'The user name for the TURN servers.',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .min(1, rule('policy.rule.notEmpty'))
      .max(256, rule('policy.rule.atMostCharacters', { maximum: 256 })),
    builtin: null,
    example: 'switchboard',
  }),
  turnCredential: define({
    section: 'Media (STUN/TURN)',
    title: 'TURN password',
    description: 'The password (credential) for the TURN servers. Never shown in the app or written to logs or diagnostics.',
    kind: 'string',
    schema: z
      .string()
      .min(1, rule('policy.rule.notEmpty'))
      .max(256, rule('policy.rule.atMostCharacters', { maximum: 256 })),
    builtin: null,
    secret: true,
    example: '(the TURN password)',
  }),
  iceTransportPolicy: define({
    section: 'Media (STUN/TURN)',
    title: 'Media through TURN only',
    description:
      "all: calls use the best path (direct, through NAT, or a TURN relay). relay: call audio goes only through the TURN servers (turnUrls), so the agent's address never reaches the far end; without a reachable TURN server no call connects.",
    kind: 'string',
    schema: z.enum(ICE_TRANSPORT_POLICIES, { error: oneOf(ICE_TRANSPORT_POLICIES) }),
    builtin: 'all',
    example: 'relay',
  }),
  dtlsRoleWhileRinging: define({
    section: 'Media (STUN/TURN)',
    title: 'DTLS role while a call rings',
    description:
      "How an inbound call's encrypted media is set up while it rings, before the agent answers. active: Switchboard starts the DTLS handshake while it rings, so the caller hears the agent one audio packet after Answer; the caller's media server must accept a handshake before it has the answer (RFC 5763; rtpengine does). passive: the caller's side starts it after Answer, which costs two network round trips with any server. auto: active when the offer comes from a media server (an SBC or media relay: ICE-lite, or no BUNDLE), else passive. See docs/interop.md.",
    kind: 'string',
    schema: z.enum(DTLS_ROLES_WHILE_RINGING, { error: oneOf(DTLS_ROLES_WHILE_RINGING) }),
    builtin: 'auto',
    example: 'active',
  }),
} as const;
