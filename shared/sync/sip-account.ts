import * as z from 'zod';
import { wsServerUrl } from '../telephony/settings';

/**
 * The SIP account the Sync API hands a signed-in agent (`GET /v1/me/sip-account`,
 * docs/sync-api.md "SIP account"), so agents never type a SIP password. `password` is what the
 * SIP server's digest challenge is answered with: a password, or a token the PBX takes as one.
 * Read by the app (electron/sso/sip-provisioning.ts) and served by tools/sync-server.
 */
export const provisionedSipAccountSchema = z.strictObject({
  server: wsServerUrl,
  domain: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, 'must be a host name or an IPv4 address'),
  user: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.!~*'()&=+$,;?/-]+$/, 'must be a SIP user name'),
  authUser: z.string().trim().min(1).max(64).nullable().default(null),
  displayName: z.string().trim().max(64).nullable().default(null),
  password: z.string().min(1).max(256),
});

export type ProvisionedSipAccount = z.output<typeof provisionedSipAccountSchema>;
export const SIP_ACCOUNT_PATH = '/v1/me/sip-account';
