import type { Reply } from './reply';

/** RFC 6749 §4.1.2: the 302 back to the client's redirect URI, with `query` and the client's `state` if it sent one. */
export function redirectBack(redirectUri: string, state: string | null, query: Record<string, string>): Reply {
  const target = new URL(redirectUri);
  for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
  if (state !== null) target.searchParams.set('state', state);
  return { status: 302, body: '', headers: { location: target.toString(), 'cache-control': 'no-store' } };
}
