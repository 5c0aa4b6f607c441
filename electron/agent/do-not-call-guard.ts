import { refusalError } from '../../shared/bridge/errors';
import {
  decideDial,
  DO_NOT_CALL_ISSUE,
  OVERRIDE_POSSIBLE_ISSUE,
  type DoNotCallOverrideMode,
  type ListAnswer,
} from '../../shared/agent/do-not-call';
import type { Logger } from '../logging/logger';
import type { StoreOps } from '../store/op-table';
import { listKeyOf, type OutboundGuard } from '../telephony/outbound-guard';

/**
 * A store that has not answered by then is treated as one that cannot: the agent is waiting on the
 * Call button, and a healthy store answers this indexed lookup in milliseconds even on a busy machine.
 */
export const LIST_LOOKUP_TIMEOUT_MS = 5000;

export interface DoNotCallGuardOptions {
  store: Pick<StoreOps, 'isDoNotCall'>;
  /** The `doNotCallOverride` policy, read at every dial (policy can change while the app runs). */
  mode: () => DoNotCallOverrideMode;
  now: () => number;
  log: Logger;
}

/**
 * The do-not-call check telephony runs before every outbound INVITE (OutboundGuard): one store
 * lookup of the dialled number (the store matches it in E.164, the form the list keeps), then the
 * rules of shared/agent/do-not-call.ts. The log says what was decided, never the number, the
 * supervisor's name or the reason: those are kept with the call's interaction record.
 */
export function createDoNotCallGuard(options: DoNotCallGuardOptions): OutboundGuard {
  const { log } = options;
  return {
    async check(target, override) {
      if (target.kind === 'extension' && override === null) {
        // Internal extensions and feature codes reach colleagues and the PBX, not customers: a store
        // that is down must not stop the agent calling Tier 2 for help.
        return null;
      }
      const listed = await lookUp(options, listKeyOf(target));
      const mode = options.mode();
      const decision = decideDial({ number: listKeyOf(target), listed, mode, override, now: options.now() });
      if (decision.kind === 'place') {
        if (decision.override) log.warn('do-not-call override: call placed with a supervisor approval', { policy: mode });
        return decision.override;
      }
      log.info('outbound call refused: do-not-call', { listed, overridable: decision.overridable, withApproval: override !== null });
      const issues = [DO_NOT_CALL_ISSUE, ...(decision.overridable ? [OVERRIDE_POSSIBLE_ISSUE] : [])];
      throw refusalError('forbidden', decision, decision.text ?? decision.message, issues);
    },
  };
}

async function lookUp(options: DoNotCallGuardOptions, number: string): Promise<ListAnswer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), LIST_LOOKUP_TIMEOUT_MS);
  });
  const asked = options.store.isDoNotCall(number).then(
    (listed): ListAnswer => (listed ? 'listed' : 'not-listed'),
    (error: unknown): ListAnswer => {
      options.log.warn('do-not-call list could not be checked', { error: error instanceof Error ? error.name : 'unknown' });
      return 'unknown';
    },
  );
  try {
    const answer = await Promise.race([asked, late]);
    if (answer !== 'late') return answer;
    options.log.warn('do-not-call list could not be checked', { error: 'timeout', afterMs: LIST_LOOKUP_TIMEOUT_MS });
    return 'unknown';
  } finally {
    clearTimeout(timer);
  }
}
