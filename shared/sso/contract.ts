import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import { userTextSchema } from '../text/user-text';
import type { SSO_COMMANDS, SSO_EVENTS, SSO_MEDIA } from './channels';

/**
 * The agent's single sign-on as the window sees it (electron/sso/feature.ts): whether IT set it up
 * and requires it, who is signed in (name and email from the ID token), and why the agent is not.
 * No token ever crosses the bridge: main keeps them in the secret store.
 */
export const ssoViewSchema = z.strictObject({
  /** IT set up single sign-on (policy ssoIssuer and ssoClientId). */
  configured: z.boolean(),
  /** Nothing but the sign-in screen until the agent is signed in (policy ssoRequired). */
  required: z.boolean(),
  signedIn: z.boolean(),
  /** A browser sign-in is waiting to come back. */
  signingIn: z.boolean(),
  agent: z.strictObject({ name: z.string().max(254), email: z.string().max(254).nullable() }).nullable(),
  /** Why the agent is not signed in, in one sentence. */
  problem: userTextSchema.nullable(),
});
export type SsoView = z.output<typeof ssoViewSchema>;

export const ssoCommands = {
  'sso.getView': { request: z.strictObject({}), response: ssoViewSchema },
  /** Starts the sign-in; the window opens the URL in the system browser. */
  'sso.signIn': { request: z.strictObject({}), response: z.strictObject({ authorizationUrl: z.url() }) },
  /** Forgets the sign-in; unsent work stays in the outbox for the next sign-in. */
  'sso.signOut': { request: z.strictObject({}), response: ssoViewSchema },
} as const satisfies Record<(typeof SSO_COMMANDS)[number], CommandSpec>;

export const ssoEvents = {
  'sso.view': ssoViewSchema,
} as const satisfies Record<(typeof SSO_EVENTS)[number], z.ZodType>;

export const ssoMedia = {} as const satisfies Record<(typeof SSO_MEDIA)[number], MediaSpec>;
