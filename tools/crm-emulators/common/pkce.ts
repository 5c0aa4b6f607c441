import { createHash, timingSafeEqual } from 'node:crypto';

/** Equality of two secrets that takes the same time wherever they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** RFC 7636 §4.6: whether a code_verifier matches an S256 code_challenge. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  return sameSecret(createHash('sha256').update(verifier).digest('base64url'), challenge);
}
