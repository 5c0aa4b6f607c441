import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { AgentDeskView, PopMatch, ScreenPop } from '../../../../shared/agent/contract';
import type { BridgeClient } from '../../bridge/client';
import { useCurrentContact } from '../../state/current-contact';

/**
 * The renderer's mirror of the agent's call loop. Main owns it all (state machine, screen pop,
 * drafts, which contact is on screen): this store is filled from `agent.getView` on every
 * (re)connection, so a reload shows the same contact and wrap-up, and then takes each `agent.view`
 * and each view a command answers as it is, with nothing to reconcile.
 */
interface AgentStore {
  view: AgentDeskView | null;
  /** Offset between main's clock and this one, so timers count from main's times. */
  skewMs: number;
  error: string | null;
}

export const useAgent = create<AgentStore>()(() => ({ view: null, skewMs: 0, error: null }));

let boundClient: BridgeClient | null = null;

export function agentClient(): BridgeClient {
  if (!boundClient) throw new Error('bindAgent was not called');
  return boundClient;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function applyView(view: AgentDeskView): void {
  useAgent.setState({ view, skewMs: view.now - Date.now(), error: null });
}

/** The match the contact is filed under (its customer, open cases and last contacts), if any. */
export function filedMatch(pop: ScreenPop): PopMatch | undefined {
  return pop.lookup?.matches.find((m) => m.customer.id === pop.customerId);
}

/** Tells the other panels (escalation) which contact is on screen. */
function publishContact(view: AgentDeskView | null): void {
  const set = useCurrentContact.getState().setContact;
  const pop = view?.contact ?? null;
  if (pop && pop.state !== 'declined') {
    const match = filedMatch(pop);
    set({
      callId: pop.state === 'ended' ? null : pop.callId,
      interactionId: pop.logged ? pop.interactionId : null,
      customerId: pop.customerId,
      customerName: match?.customer.name ?? null,
      caseId: pop.caseId,
      number: pop.lookup?.normalized ?? pop.number,
    });
    return;
  }
  const owed = view?.wrapUps[0];
  if (owed) {
    set({
      callId: null,
      interactionId: owed.interactionId,
      customerId: owed.customerId,
      customerName: owed.customerName,
      caseId: owed.caseId,
      number: owed.number,
    });
    return;
  }
  set(null);
}

export function bindAgent(client: BridgeClient): () => void {
  boundClient = client;
  const offs = [
    client.onConnectionState((state) => {
      if (state !== 'open') return;
      client
        .invoke('agent.getView', {})
        .then(applyView)
        .catch((error: unknown) => useAgent.setState({ error: messageOf(error) }));
    }),
    client.on('agent.view', applyView),
  ];
  const offPublish = useAgent.subscribe((s, prev) => {
    if (s.view !== prev.view) publishContact(s.view);
  });
  return () => {
    for (const off of offs) off();
    offPublish();
    boundClient = null;
  };
}

/** Main's "now", ticking every second (for timers in state and the ACW countdown). */
export function useMainNow(): number {
  const skew = useAgent((s) => s.skewMs);
  const [now, setNow] = useState(() => Date.now() + skew);
  useEffect(() => {
    setNow(Date.now() + skew);
    const timer = setInterval(() => setNow(Date.now() + skew), 1000);
    return () => clearInterval(timer);
  }, [skew]);
  return now;
}
