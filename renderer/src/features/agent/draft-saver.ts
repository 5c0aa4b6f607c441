import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentDeskView, WrapUpChangeRequest } from '../../../../shared/agent/contract';
import { agentClient, applyView, messageOf } from './agent-state';

/** Typed fields: a newer keystroke replaces a waiting one, since only the last text matters. */
const TYPED: ReadonlySet<WrapUpChangeRequest['kind']> = new Set(['notes', 'callback']);

export interface DraftSaver {
  save(change: WrapUpChangeRequest): void;
  /** The edits not sent yet, handed to the caller (the submit carries them) and forgotten here. */
  take(): WrapUpChangeRequest[];
  /** Edits waiting or on their way to main: the panel says "Saving…". */
  busy: boolean;
}

/**
 * Saves a wrap-up draft in main as it changes, so a renderer crash loses nothing typed before the
 * last round trip. One save is on its way at a time: keys typed meanwhile go in the next one, so
 * a fast typist sends a save per round trip, not per key. What is still waiting is sent when the
 * page goes away (reload, close) or the panel closes, and with the submit.
 */
export function useDraftSaver(
  interactionId: string,
  onSaved: (view: AgentDeskView) => void,
  onError: (message: string) => void,
): DraftSaver {
  const waiting = useRef<WrapUpChangeRequest[]>([]);
  const flying = useRef(false);
  const [inFlight, setInFlight] = useState(0);
  const [hasWaiting, setHasWaiting] = useState(false);
  const callbacks = useRef({ onSaved, onError });
  callbacks.current = { onSaved, onError };

  const take = useCallback((): WrapUpChangeRequest[] => {
    const changes = waiting.current;
    waiting.current = [];
    setHasWaiting(false);
    return changes;
  }, []);

  /** `now`: the page is going away, so what waits goes even while a save is on its way. */
  const send = useCallback(
    (now = false) => {
      if (flying.current && !now) return;
      const changes = take();
      if (changes.length === 0) return;
      flying.current = true;
      setInFlight((n) => n + 1);
      agentClient()
        .invoke('agent.saveWrapUpDraft', { interactionId, changes })
        .then((view) => {
          applyView(view);
          callbacks.current.onSaved(view);
        })
        .catch((e: unknown) => callbacks.current.onError(messageOf(e)))
        .finally(() => {
          flying.current = false;
          setInFlight((n) => n - 1);
          if (waiting.current.length > 0) send();
        });
    },
    [interactionId, take],
  );

  const save = useCallback(
    (change: WrapUpChangeRequest) => {
      waiting.current = [...waiting.current.filter((c) => !(TYPED.has(c.kind) && c.kind === change.kind)), change];
      setHasWaiting(true);
      send();
    },
    [send],
  );

  useEffect(() => {
    const leaving = () => send(true);
    window.addEventListener('pagehide', leaving);
    return () => {
      window.removeEventListener('pagehide', leaving);
      send(true);
    };
  }, [send]);

  return { save, take, busy: inFlight > 0 || hasWaiting };
}
