import { useBridge } from '../../app/BridgeContext';
import { openPreShiftCheck, usePreShift } from './pre-shift-run';
import { PreShiftDialog } from './PreShiftDialog';
import './pre-shift.css';

/** "Check my setup" in the header: microphone, speaker, an echo test call and the network, before the first call. */
export function PreShiftButton() {
  const client = useBridge();
  const running = usePreShift((s) => s.running);
  return (
    <>
      <button type="button" className="pre-shift-button" onClick={() => openPreShiftCheck(client)} aria-busy={running}>
        Check my setup
      </button>
      <PreShiftDialog />
    </>
  );
}
