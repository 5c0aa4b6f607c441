import { userText, type UserText } from '../../shared/text/user-text';
import { isOAuthError } from '../auth/oauth-error';
import { SourceError } from '../sync/case-source';
import type { SyncBearer } from '../sync/sync-options';
import type { SsoSession } from './sso-session';

/**
 * The agent's access token as the Switchboard Sync API's bearer (docs/sync-api.md "Single
 * sign-on"). Signed out: no token, so sync sends nothing and every item stays queued (design rule 5),
 * and the status says to sign in. A provider that cannot be reached to renew an expired token is
 * "offline" to sync, which probes again with its backoff.
 */
export function ssoSyncBearer(session: SsoSession): SyncBearer {
  return {
    active: () => session.state().configured,
    async token() {
      try {
        return await session.accessToken();
      } catch (error) {
        // The clause, not the sentence: sync's status puts it inside its own ("Offline: …. Work is saved …").
        const reason = isOAuthError(error) ? error.clause : userText('sso.cannotRenew');
        throw new SourceError('network', 'sign-in-unreachable', reason);
      }
    },
    refused: () => session.refused(),
    agentId: () => session.agent?.agentId ?? null,
    problem: (): UserText | null => {
      const state = session.state();
      if (state.signedIn) return null;
      return state.problem ?? userText('sso.notSignedIn');
    },
  };
}
