import { describe, expect, it } from 'vitest';
import { iceServerKinds, enoughCandidates } from '../../../shared/telephony/ice-policy';
import type { RegistrationState } from '../../../shared/telephony/model';
import { describeRegistration } from '../../../shared/telephony/registration-text';

const state = (over: Partial<RegistrationState>): RegistrationState => ({
  status: 'registered',
  since: 0,
  retryAt: null,
  attempt: 0,
  code: null,
  server: 'primary',
  aor: 'sip:1001@example.com',
  ...over,
});

describe('registration state in the agent’s words', () => {
  it('says what is happening and counts down to the next attempt', () => {
    expect(describeRegistration(state({}), 0)).toBe('Registered');
    expect(describeRegistration(state({ server: 'backup' }), 0)).toBe('Registered (backup server)');
    expect(describeRegistration(state({ status: 'reconnecting', retryAt: 4_000 }), 0)).toBe('Reconnecting in 4 s');
    expect(describeRegistration(state({ status: 'reconnecting', retryAt: 4_000 }), 3_500)).toBe('Reconnecting in 1 s');
    expect(describeRegistration(state({ status: 'reconnecting', retryAt: 4_000 }), 9_000)).toBe('Reconnecting now');
    expect(describeRegistration(state({ status: 'unreachable', retryAt: 8_000 }), 0)).toBe('Server unreachable · retrying in 8 s');
    expect(describeRegistration(state({ status: 'auth-failed', code: 401 }), 0)).toBe('Wrong password (401)');
    expect(describeRegistration(state({ status: 'auth-failed', code: 403 }), 0)).toBe('Account refused (403)');
    expect(describeRegistration(state({ status: 'unconfigured', aor: null }), 0)).toBe('Phone not set up');
    expect(describeRegistration(state({ status: 'blocked-by-policy', server: null }), 0)).toBe(
      'Not connected: the SIP server is unencrypted (ws://), which your IT policy does not allow. Enter a wss:// server in Phone settings, or ask IT',
    );
  });
});

describe('ICE: when an offer may go before gathering completes', () => {
  it('needs host candidates, plus srflx with STUN, plus relay with TURN', () => {
    const none = iceServerKinds([]);
    const stun = iceServerKinds([{ urls: 'stun:stun.example.com' }]);
    const turn = iceServerKinds([{ urls: ['turns:turn.example.com:443?transport=tcp'] }]);
    expect(enoughCandidates([], none)).toBe(false);
    expect(enoughCandidates(['host'], none)).toBe(true);
    expect(enoughCandidates(['host'], stun)).toBe(false);
    expect(enoughCandidates(['host', 'srflx'], stun)).toBe(true);
    expect(enoughCandidates(['host', 'srflx'], turn)).toBe(false);
    expect(enoughCandidates(['host', 'relay'], turn)).toBe(true);
  });
});
