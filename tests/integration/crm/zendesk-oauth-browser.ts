import { expect, vi } from 'vitest';
import type { SyncService } from '../../../electron/sync/sync-service';
import type { ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { OAUTH_CLIENT_ID, WAIT } from './zendesk-harness';

/**
 * The agent's side of the Zendesk OAuth sign-in, played against the emulator's real authorization
 * and token endpoints (auto-approving as its admin): the browser tab and the sign-in that follows.
 */

/** Plays the system browser: the authorization page (auto-approved) redirects to the loopback listener, which answers the tab. */
export async function browser(zd: ZendeskEmulator, authorizationUrl: string): Promise<{ status: number; body: string }> {
  const url = new URL(authorizationUrl);
  expect(url.origin + url.pathname).toBe(`${zd.url}/oauth/authorizations/new`);
  expect(url.searchParams.get('client_id')).toBe(OAUTH_CLIENT_ID);
  expect(url.searchParams.get('scope')).toBe('read write');
  // The emulator matches redirect URIs exactly, port included: register the one the listener got.
  const redirectUri = url.searchParams.get('redirect_uri')!;
  const client = zd.oauth.clients.get(OAUTH_CLIENT_ID)!;
  if (!client.redirectUris.includes(redirectUri)) client.redirectUris.push(redirectUri);
  const answer = await fetch(url, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  const page = await fetch(answer.headers.get('location')!);
  return { status: page.status, body: await page.text() };
}

/** The agent chooses "Sign in to Zendesk" and approves in the browser; sync comes online signed in. */
export async function signInAndWait(zd: ZendeskEmulator, sync: SyncService): Promise<void> {
  const { authorizationUrl } = await sync.signInToZendesk();
  const page = await browser(zd, authorizationUrl);
  expect(page.status).toBe(200);
  await vi.waitFor(() => expect(sync.status()).toMatchObject({ connection: 'online', problem: null, zendesk: { signedIn: true } }), WAIT);
}
