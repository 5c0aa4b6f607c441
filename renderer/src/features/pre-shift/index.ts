/**
 * The pre-shift check, "Check my setup": place <PreShiftButton /> at the header-actions slot and
 * <PreShiftOffer /> near the first-run guide, and call bindPreShift(client) at start-up (it
 * answers main's media requests for the echo test call).
 */
import type { BridgeClient } from '../../bridge/client';
import { serveEchoTestMedia } from '../../media/echo-test-media';
import { getMediaEngine } from '../../media/engine';

export { PreShiftButton } from './PreShiftButton';
export { PreShiftOffer } from './PreShiftOffer';

export function bindPreShift(client: BridgeClient): void {
  serveEchoTestMedia(client, () => getMediaEngine()?.devices ?? null);
}
