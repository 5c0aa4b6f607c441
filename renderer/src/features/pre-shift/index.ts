/**
 * The pre-shift check, "Check my setup": the Tools menu opens it with openPreShiftCheck(client) and
 * mounts <PreShiftDialog /> (it shows itself while the check is open); place <PreShiftOffer /> near
 * the first-run guide, and call bindPreShift(client) at start-up (it answers main's media requests
 * for the echo test call).
 */
import type { BridgeClient } from '../../bridge/client';
import { serveEchoTestMedia } from '../../media/echo-test-media';
import { getMediaEngine } from '../../media/engine';

export { PreShiftDialog } from './PreShiftDialog';
export { PreShiftOffer } from './PreShiftOffer';
export { openPreShiftCheck } from './pre-shift-run';

export function bindPreShift(client: BridgeClient): void {
  serveEchoTestMedia(client, () => getMediaEngine()?.devices ?? null);
}
