import { decodeJwt } from 'jose';

/**
 * Who the signed-in agent is, from the ID token. openid-client checked the token when it arrived
 * (signature, issuer, audience, nonce-less code flow with PKCE: OpenID Connect Core 1.0 §3.1.3.7),
 * so here it is only read back from the secret store.
 */
export interface AgentIdentity {
  /** The provider's subject (`sub`): stable for the agent at this issuer. */
  subject: string;
  /** The name the agent goes by (`name`); the email or subject when the provider gives none. */
  name: string;
  email: string | null;
  /** What work records name the agent by (`agentId`): the email, else the subject. At most 64 characters. */
  agentId: string;
}

const text = (value: unknown, max: number): string | null => {
  if (typeof value !== 'string') return null;
  const clean = value.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return clean === '' ? null : clean.slice(0, max);
};

/** The identity in an ID token; null when it is not one (then the agent signs in again). */
export function identityFromIdToken(idToken: string | undefined): AgentIdentity | null {
  if (!idToken) return null;
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(idToken);
  } catch {
    return null;
  }
  const subject = text(claims.sub, 255);
  if (subject === null) return null;
  const email = text(claims.email, 254);
  const agentId = (email ?? subject).slice(0, 64);
  return { subject, name: text(claims.name, 120) ?? email ?? subject, email, agentId };
}
