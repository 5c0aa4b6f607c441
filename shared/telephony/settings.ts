import * as z from 'zod';
import { rule } from '../policy/rule-text';
import { DTLS_ROLES_WHILE_RINGING } from './dtls-role';

/**
 * What the phone needs to know to register and place calls. The config service
 * (defaults < IT policy < user) produces one of these; the password is not in
 * it: it lives in the SecretStore under {@link SIP_PASSWORD_SECRET}.
 */
export const SIP_PASSWORD_SECRET = 'sip.password';

/** SIP over WebSocket server address: `wss://host[:port][/path]` (or `ws://` for a lab or a trusted LAN). */
const WS_URL =
  /^wss?:\/\/(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/;
export const wsServerUrl = z.string().trim().max(300).regex(WS_URL, rule('policy.rule.wsServerUrl'));

/** Host name or IP of the SIP domain (what follows the @ in sip:user@domain). */
const sipHost = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(
    /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$|^\d{1,3}(?:\.\d{1,3}){3}$/,
    rule('policy.rule.hostOrIpv4'),
  );

/** The user part of a SIP address: letters, digits and the unreserved marks SIP allows. */
const sipUser = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.!~*'()&=+$,;?/-]+$/, rule('policy.rule.sipUser'));

/** A STUN or TURN server for WebRTC. There is deliberately no default: no traffic goes to a public server unless IT configures one. */
export const iceServerSchema = z.strictObject({
  urls: z
    .union([z.string().max(300), z.array(z.string().max(300)).min(1).max(8)])
    .refine(
      (urls) => (Array.isArray(urls) ? urls : [urls]).every((u) => /^(stun|stuns|turn|turns):/.test(u)),
      rule('policy.rule.iceSchemes'),
    ),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});

/**
 * Which ICE candidates a call may use: `all` (direct, through NAT, or relayed) or `relay` (only
 * through the TURN servers in `iceServers`: the agent's address never reaches the far end, and
 * media crosses the firewall at one known place). `relay` needs a TURN server, or no call connects.
 */
export const ICE_TRANSPORT_POLICIES = ['all', 'relay'] as const;
export type IceTransportPolicy = (typeof ICE_TRANSPORT_POLICIES)[number];

export const DTMF_MODES = ['rfc4733', 'info'] as const;
export type DtmfMode = (typeof DTMF_MODES)[number];

export const telephonySettingsSchema = z.strictObject({
  /** SIP over WebSocket servers; the backup is tried when the primary cannot be reached. */
  servers: z.strictObject({
    primary: wsServerUrl,
    backup: wsServerUrl.nullable().default(null),
  }),
  /** SIP domain: the agent's address is sip:<username>@<domain>. */
  domain: sipHost,
  username: sipUser,
  /** Digest user name when it differs from `username`. */
  authUsername: sipUser.nullable().default(null),
  /** Shown to the people the agent calls (many servers replace it). */
  displayName: z.string().trim().max(64).nullable().default(null),
  /** A SIP URI every request is routed through (pre-loaded Route), e.g. sip:sbc.example.com;lr. */
  outboundProxy: z
    .string()
    .trim()
    .max(300)
    .regex(/^sips?:[^\s<>"]+$/, rule('policy.rule.sipProxyUri'))
    .nullable()
    .default(null),
  /** STUN/TURN servers for the call's media. Empty means host candidates only (LAN, VPN, or a media server that handles NAT). */
  iceServers: z.array(iceServerSchema).max(8).default([]),
  /** `relay`: media only through the TURN servers above (see ICE_TRANSPORT_POLICIES). */
  iceTransportPolicy: z.enum(ICE_TRANSPORT_POLICIES).default('all'),
  /**
   * Longest wait for ICE candidates before an offer or answer is sent (SIP has no trickle ICE).
   * The media engine sends earlier once it has the candidates it needs (see shared/telephony/ice-policy.ts).
   */
  iceGatheringTimeoutMs: z.number().int().min(50).max(10_000).default(1_000),
  /** The DTLS role of the answer made while an inbound call rings (see shared/telephony/dtls-role.ts). */
  dtlsRoleWhileRinging: z.enum(DTLS_ROLES_WHILE_RINGING).default('auto'),
  dtmfMode: z.enum(DTMF_MODES).default('rfc4733'),
  /** ISO 3166 region used to turn national numbers into E.164, e.g. "GB" makes 020 7946 0018 into +442079460018. */
  defaultRegion: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, rule('policy.rule.countryCode'))
    .default('US'),
  /** Seconds a registration lasts before it is refreshed. */
  registerExpiresSec: z.number().int().min(60).max(3600).default(300),
  /** Seconds between WebSocket pings that find a dead connection (after sleep, Wi-Fi or VPN changes). */
  keepAliveSec: z.number().int().min(5).max(300).default(20),
});

export type TelephonySettings = z.output<typeof telephonySettingsSchema>;
export type TelephonySettingsInput = z.input<typeof telephonySettingsSchema>;

/** The account, as the agent or IT enters it in the app (what `telephony.setAccount` takes). */
export const accountInputSchema = z.strictObject({
  server: wsServerUrl,
  backupServer: wsServerUrl.nullable().default(null),
  domain: sipHost,
  username: sipUser,
  authUsername: sipUser.nullable().default(null),
  displayName: z.string().trim().max(64).nullable().default(null),
  /** Omit to keep the stored password. Never logged, never sent back. */
  password: z.string().min(1).max(256).optional(),
});

export type AccountInput = z.input<typeof accountInputSchema>;

/** The account as shown back to the UI: no password, only whether one is stored. */
export const accountSummarySchema = z.strictObject({
  server: z.string(),
  backupServer: z.string().nullable(),
  domain: z.string(),
  username: z.string(),
  authUsername: z.string().nullable(),
  displayName: z.string().nullable(),
  hasPassword: z.boolean(),
  /** The settings come from IT policy and the agent cannot change them here. */
  locked: z.boolean(),
});

export type AccountSummary = z.output<typeof accountSummarySchema>;
