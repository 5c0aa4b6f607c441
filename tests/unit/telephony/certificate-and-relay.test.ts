import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPolicyState, telephonyFromPolicy } from '../../../electron/policy/policy-service';
import { certificateProblem, isCertificateError } from '../../../electron/security/trust-store';
import { enoughCandidates, iceServerKinds } from '../../../shared/telephony/ice-policy';
import type { RegistrationState } from '../../../shared/telephony/model';
import { describeRegistration } from '../../../shared/telephony/registration-text';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import { openSettings, policyReading } from '../../support/settings';

/** The lab proves the untrusted-CA case end to end (tests/integration/telephony/tls-turn.test.ts); these are the other kinds. */
describe('a refused server certificate, in words', () => {
  const state = (over: Partial<RegistrationState>): RegistrationState => ({
    status: 'certificate-failed',
    since: 0,
    retryAt: 31_000,
    attempt: 1,
    code: null,
    server: 'primary',
    aor: 'sip:1001@example.com',
    ...over,
  });

  it('says the connection failed on the certificate, why, and that IT must look', () => {
    const start = "Not connected: the SIP server's certificate was not accepted";
    expect(describeRegistration(state({ certificate: 'untrusted' }), 0)).toBe(
      `${start} (it is signed by an authority this computer does not trust). Ask IT to check it · retrying in 31 s`,
    );
    expect(describeRegistration(state({ certificate: 'expired' }), 30_500)).toBe(
      `${start} (it has expired). Ask IT to check it · retrying in 1 s`,
    );
    expect(describeRegistration(state({ certificate: 'not-yet-valid', retryAt: null }), 0)).toBe(
      `${start} (it is not valid yet; check this computer's date and time). Ask IT to check it`,
    );
    expect(describeRegistration(state({ certificate: 'wrong-name' }), 0)).toContain('(it was issued for a different server name)');
    expect(describeRegistration(state({ certificate: 'revoked' }), 0)).toContain('(it has been revoked)');
    // A state from an older main without the field still reads as a sentence.
    expect(describeRegistration(state({}), 0)).toContain('(it is not valid)');
  });

  it("tells the kinds apart from Node's TLS error codes", () => {
    const cases: [string, string][] = [
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'untrusted'],
      ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'untrusted'],
      ['SELF_SIGNED_CERT_IN_CHAIN', 'untrusted'],
      ['DEPTH_ZERO_SELF_SIGNED_CERT', 'untrusted'],
      ['CERT_HAS_EXPIRED', 'expired'],
      ['CERT_NOT_YET_VALID', 'not-yet-valid'],
      ['ERR_TLS_CERT_ALTNAME_INVALID', 'wrong-name'],
      ['CERT_REVOKED', 'revoked'],
      ['CERT_SIGNATURE_FAILURE', 'invalid'],
    ];
    for (const [code, problem] of cases) {
      expect(isCertificateError(code), code).toBe(true);
      expect(certificateProblem(code), code).toBe(problem);
    }
  });
});

describe('iceTransportPolicy (media through TURN only)', () => {
  it('defaults to all; only all and relay are settings', () => {
    const base = { servers: { primary: 'wss://sip.example.com' }, domain: 'example.com', username: '1001' };
    expect(telephonySettingsSchema.parse(base).iceTransportPolicy).toBe('all');
    expect(telephonySettingsSchema.parse({ ...base, iceTransportPolicy: 'relay' }).iceTransportPolicy).toBe('relay');
    expect(telephonySettingsSchema.safeParse({ ...base, iceTransportPolicy: 'none' }).success).toBe(false);
  });

  it('relay-only: the first relay candidate is enough (the browser gathers no host candidates then)', () => {
    const turn = iceServerKinds([{ urls: 'turn:turn.example.com:3478' }]);
    expect(enoughCandidates(['relay'], turn, true)).toBe(true);
    expect(enoughCandidates([], turn, true)).toBe(false);
    expect(enoughCandidates(['host', 'srflx'], turn, true)).toBe(false);
    // Without the policy the relay alone is not enough: host candidates are still wanted.
    expect(enoughCandidates(['relay'], turn)).toBe(false);
  });

  it('comes from IT policy with the TURN servers', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-relay-policy-'));
    try {
      const account = {
        server: 'wss://sip.example.com',
        backupServer: null,
        domain: 'example.com',
        username: '1001',
        authUsername: null,
        displayName: null,
      };
      writeFileSync(
        path.join(dataDir, 'telephony.json'),
        JSON.stringify({ version: 1, account, devices: { microphone: null, speaker: null, ringer: null } }),
      );
      const enforced = {
        sipServer: 'wss://sip.example.com',
        sipDomain: 'example.com',
        turnUrls: ['turn:turn.example.com:3478'],
        turnUsername: 'u',
        turnCredential: 'p',
        iceTransportPolicy: 'relay',
      };
      const state = buildPolicyState(openSettings(dataDir, [policyReading({}, enforced)]));
      expect(state.effective.problems).toEqual([]);
      expect(telephonyFromPolicy(state.settings).settings).toMatchObject({
        iceTransportPolicy: 'relay',
        iceServers: [{ urls: ['turn:turn.example.com:3478'], username: 'u', credential: 'p' }],
      });
      const none = openSettings(dataDir, [policyReading({}, { sipServer: 'wss://sip.example.com', sipDomain: 'example.com' })]);
      expect(telephonyFromPolicy(none).settings?.iceTransportPolicy).toBe('all');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
