import { create } from 'zustand';
import { doNotCallRefusalOf, type OverrideInput } from '../../../../shared/agent/do-not-call';
import { runPhoneCommand } from './telephony-state';

/**
 * Dialling from the phone bar (the dial box and Redial). Main decides whether a call may be placed
 * (the do-not-call list: electron/agent/do-not-call-guard.ts); a refusal is kept here, apart from
 * the phone's other errors, so the dial area can say why and, where policy allows, offer the
 * supervisor's approval for that same number.
 */
export interface DialRefusal {
  /** What was dialled, as the agent typed it (the approval dials it again). */
  target: string;
  message: string;
  /** Policy lets a supervisor approve the call. */
  overridable: boolean;
}

interface DialStore {
  refusal: DialRefusal | null;
  /** The last number dialled from the phone bar, placed or refused: what Redial dials. */
  lastDialled: string | null;
}

export const useDial = create<DialStore>()(() => ({ refusal: null, lastDialled: null }));

export type DialOutcome = 'placed' | 'refused' | 'failed';

/**
 * Dials `target`, with the supervisor's approval when given. A do-not-call refusal lands in
 * `refusal`; any other failure in the phone's `error`, as for every phone command.
 */
export async function placeCall(target: string, doNotCallOverride?: OverrideInput): Promise<DialOutcome> {
  useDial.setState({ lastDialled: target });
  let refused = false;
  const result = await runPhoneCommand('dial', async (client) => {
    try {
      return await client.invoke('telephony.dial', { target, ...(doNotCallOverride ? { doNotCallOverride } : {}) });
    } catch (error) {
      const refusal = doNotCallRefusalOf(error);
      if (!refusal) throw error;
      refused = true;
      useDial.setState({ refusal: { target, ...refusal } });
      // Answered, not failed: the dial area shows the refusal, and the phone's error line stays clear.
      return null;
    }
  });
  if (refused) return 'refused';
  if (result === null) return 'failed';
  useDial.setState({ refusal: null });
  return 'placed';
}

export function dismissRefusal(): void {
  useDial.setState({ refusal: null });
}
