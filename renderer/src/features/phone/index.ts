import type { BridgeClient } from '../../bridge/client';
import { startHeadsetButtons } from './headset-buttons';
import { bindPhone as bindPhoneState } from './phone-state';

/**
 * The phone for the window: place <PhoneBar /> in the header (the phone-bar
 * slot) and call bindPhone(client) once at start-up. Other features act on
 * calls through `phoneActions` and read them from `usePhone`.
 */
export { PhoneBar } from './PhoneBar';
export { phoneActions, usePhone } from './phone-state';

export function bindPhone(client: BridgeClient): () => void {
  const offState = bindPhoneState(client);
  const offHeadset = startHeadsetButtons();
  return () => {
    offState();
    offHeadset();
  };
}
