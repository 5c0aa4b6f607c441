import { userText } from '../../shared/text/user-text';
import { SourceError, type CaseSource, type PushItem, type PushOutcome } from './case-source';

/**
 * Work records name the agent who did the work (`agentId`). With single sign-on the Sync API takes
 * the signed-in agent's access token, so a record naming another agent (logged before a sign-out,
 * when someone else then signed in on this computer) must not go out under this agent's token.
 * It is kept, untouched and pending, and tried again later: it goes out once its own agent signs
 * in again (design rule 5). Records that name no agent (case and customer edits) go out as before.
 */

/** The failure code a held item carries (the sync service releases these at every sign-in). */
export const HELD_FOR_ANOTHER_AGENT = 'another-agent';

/** How long a held item waits before it is looked at again. */
export const HELD_WORK_RECHECK_MS = 5 * 60_000;

function namedAgent(item: PushItem): string | null {
  const payload = item.payload as { agentId?: unknown } | null;
  return payload && typeof payload.agentId === 'string' ? payload.agentId : null;
}

export function heldForAnotherAgent(): SourceError {
  return new SourceError('server', HELD_FOR_ANOTHER_AGENT, userText('sync.error.heldForAnotherAgent'), {
    retryAfterMs: HELD_WORK_RECHECK_MS,
  });
}

/** `source`, sending only work that names `agent()` (or no agent). */
export function sendOnlyAgentsOwnWork(source: CaseSource, agent: () => string | null): CaseSource {
  const foreign = (item: PushItem): boolean => {
    const named = namedAgent(item);
    const current = agent();
    return named !== null && current !== null && named !== current;
  };
  const push: CaseSource['push'] = (item, signal) => (foreign(item) ? Promise.reject(heldForAnotherAgent()) : source.push(item, signal));
  const pushMany: CaseSource['pushMany'] = source.pushMany
    ? async (items, signal) => {
        const own = items.filter((item) => !foreign(item));
        const answers = own.length > 0 ? await source.pushMany!(own, signal) : [];
        let next = 0;
        return items.map((item): PushOutcome | SourceError => (foreign(item) ? heldForAnotherAgent() : answers[next++]!));
      }
    : undefined;
  // Everything else is the source's own, called on the source (its getters and fields included).
  return new Proxy(source, {
    get(target, property) {
      if (property === 'push') return push;
      if (property === 'pushMany') return pushMany;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
