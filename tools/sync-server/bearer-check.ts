import { timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/**
 * Who may call the reference server's /v1 routes (docs/sync-api.md "Authentication"): the site's
 * static token, and/or an access token from the deployment's OpenID Provider, checked as a signed
 * JWT (RFC 9068) against the issuer's published keys: the signature by a key in the issuer's JWKS,
 * `iss` the issuer exactly, `aud` the Sync API's audience, and `exp`/`nbf` against the server's
 * clock. The keys come from the issuer's discovery document (OpenID Connect Discovery 1.0 §4,
 * `jwks_uri`) and are refetched when a token names a key id the cached set lacks (a rotation);
 * a key the issuer no longer publishes is refused.
 */

export interface OidcBearerOptions {
  /** Exactly as the OpenID Provider names itself in `iss`. */
  issuer: string;
  /** The `aud` the Sync API's access tokens carry. */
  audience: string;
  /** Where the keys are; default: the issuer's discovery document's `jwks_uri`. */
  jwksUri?: string;
}

/** Who a request is from: the static token's caller has no identity; an access token's has its subject. */
export interface Caller {
  subject: string | null;
  email: string | null;
  name: string | null;
}

export type BearerResult =
  | { ok: true; caller: Caller }
  /** `unavailable`: the issuer's keys could not be had, so the token could not be judged (503, not 401). */
  | { ok: false; detail: string; unavailable?: boolean };

/** Asymmetric algorithms only: an `HS256` token would be "signed" with a key anyone can read from the JWKS. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Leeway for the clocks of the server and the provider. */
const CLOCK_TOLERANCE_S = 30;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export class BearerCheck {
  private keys: Promise<JWTVerifyGetKey> | null = null;

  constructor(
    private readonly staticToken: string | null,
    private readonly oidc: OidcBearerOptions | null,
    private readonly now: () => number,
  ) {
    if (staticToken === null && oidc === null) throw new Error('The sync server needs a client token or an OpenID issuer to accept');
  }

  get acceptsAccessTokens(): boolean {
    return this.oidc !== null;
  }

  async check(token: string | null): Promise<BearerResult> {
    if (token === null) return { ok: false, detail: 'Send Authorization: Bearer <token>.' };
    if (this.staticToken !== null && sameSecret(token, this.staticToken))
      return { ok: true, caller: { subject: null, email: null, name: null } };
    if (this.oidc === null || token.split('.').length !== 3) return { ok: false, detail: 'The token is not one this server accepts.' };
    try {
      const { payload } = await jwtVerify(token, await this.jwks(), {
        issuer: this.oidc.issuer,
        audience: this.oidc.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'exp'],
      });
      return { ok: true, caller: { subject: text(payload.sub), email: text(payload.email), name: text(payload.name) } };
    } catch (error) {
      if (!(error instanceof joseErrors.JOSEError) || error instanceof joseErrors.JWKSTimeout) {
        return { ok: false, unavailable: true, detail: "The identity provider's keys could not be fetched; try again." };
      }
      return { ok: false, detail: refusal(error) };
    }
  }

  private jwks(): Promise<JWTVerifyGetKey> {
    if (!this.keys) {
      const pending = this.findKeys();
      this.keys = pending;
      // An issuer that was down is asked again at the next request.
      pending.catch(() => {
        if (this.keys === pending) this.keys = null;
      });
    }
    return this.keys;
  }

  private async findKeys(): Promise<JWTVerifyGetKey> {
    const oidc = this.oidc!;
    if (oidc.jwksUri) return createRemoteJWKSet(new URL(oidc.jwksUri));
    const discovery = new URL(`${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    const response = await fetch(discovery, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`the issuer's discovery document answered ${response.status}`);
    const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
    if (metadata.issuer !== oidc.issuer) throw new Error('the discovery document names another issuer');
    if (typeof metadata.jwks_uri !== 'string') throw new Error('the discovery document has no jwks_uri');
    return createRemoteJWKSet(new URL(metadata.jwks_uri));
  }
}

/** The reason a token was refused, for the 401's `detail` (read by IT; never the token or its claims). */
function refusal(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The access token has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'The access token was issued by another identity provider.';
    if (error.claim === 'aud') return 'The access token is not for this Sync API (wrong audience).';
    return `The access token's ${error.claim} claim is not valid.`;
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return "The access token is not signed with any of the identity provider's current keys.";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "The access token's signature is not valid.";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The access token is signed with an algorithm this server does not accept.';
  return 'The access token is not a valid signed token.';
}
