import type { BridgeClient } from '../../bridge/client';
import { startHeadsetButtons } from './headset-buttons';
import { bindTelephony as bindPhoneState } from './telephony-state';

/**
 * The phone for the window: place <PhoneBar /> in the header (the phone-bar
 * slot) and call bindTelephony(client) once at start-up. Other features act on
 * calls through `phoneActions` and read them from `useTelephony`.
 */
export { PhoneBar } from './PhoneBar';
export { phoneActions, useTelephony } from './telephony-state';

export function bindTelephony(client: BridgeClient): () => void {
  const offState = bindPhoneState(client);
  const offHeadset = startHeadsetButtons();
  return () => {
    offState();
    offHeadset();
  };
}
