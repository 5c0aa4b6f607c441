import { create } from 'zustand';

/**
 * The contact the agent is working on right now, as the agent workflow sees it: the call or
 * logged contact, the customer shown and the case it is filed under. features/agent writes it;
 * other panels (escalation, stats) read it so "Escalate" and friends act on what is on screen
 * without reaching into another feature's store.
 */
export interface CurrentContact {
  /** The telephony call id while a call is live or in wrap-up; null for email/chat/walk-in. */
  callId: string | null;
  /** The logged interaction, once main has written it. */
  interactionId: string | null;
  customerId: string | null;
  customerName: string | null;
  caseId: string | null;
  /** The other party's number as shown (E.164 where known). */
  number: string | null;
}

interface CurrentContactStore {
  contact: CurrentContact | null;
  setContact: (contact: CurrentContact | null) => void;
  /** Merge a change (e.g. the agent picked another case) into the current contact. */
  patchContact: (patch: Partial<CurrentContact>) => void;
}

export const useCurrentContact = create<CurrentContactStore>()((set) => ({
  contact: null,
  setContact: (contact) => set({ contact }),
  patchContact: (patch) => set((s) => (s.contact ? { contact: { ...s.contact, ...patch } } : s)),
}));
