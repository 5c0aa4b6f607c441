import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { AgentDeskView, PopMatch, ScreenPop } from '../../../../shared/agent/contract';
import type { BridgeClient } from '../../bridge/client';
import { useCurrentContact, type CurrentContact } from '../../state/current-contact';
import { keepUnchanged } from './keep-unchanged';

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

/** Below this, a new offset between main's clock and this one is the message's transit, not the clocks. */
const SKEW_STEP_MS = 100;

/**
 * Takes a view from main. The parts that did not change stay the objects the components hold
 * (keepUnchanged), so each component selects what it shows and renders only when that changed.
 * zustand renders its subscribers in this task, before the window takes its next message.
 */
export function applyView(view: AgentDeskView): void {
  useAgent.setState((s) => {
    const skewMs = view.now - Date.now();
    // Each view's offset differs by its own transit time: only a real change moves the timers (and renders them).
    return { view: keepUnchanged(s.view, view), skewMs: Math.abs(skewMs - s.skewMs) < SKEW_STEP_MS ? s.skewMs : skewMs, error: null };
  });
}

/** The match the contact is filed under (its customer, open cases and last contacts), if any. */
export function filedMatch(pop: ScreenPop): PopMatch | undefined {
  return pop.lookup?.matches.find((m) => m.customer.id === pop.customerId);
}

function sameContact(a: CurrentContact | null, b: CurrentContact | null): boolean {
  if (a === null || b === null) return a === b;
  return (Object.keys(a) as (keyof CurrentContact)[]).every((key) => a[key] === b[key]);
}

/** Tells the other panels (escalation) which contact is on screen, when that changed. */
function publishContact(view: AgentDeskView | null): void {
  const store = useCurrentContact.getState();
  const set = (contact: CurrentContact | null): void => {
    if (!sameContact(store.contact, contact)) store.setContact(contact);
  };
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
