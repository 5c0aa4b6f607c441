import { DiagnosticsButton } from '../features/diagnostics';
import { PreShiftButton } from '../features/pre-shift';
import { SettingsButton } from '../features/settings';
import { ImportDataButton } from '../features/store';

/** The actions an agent needs rarely and IT often: import, the setup check, settings, diagnostics. */
export function AdminMenu() {
  return (
    <>
      <ImportDataButton />
      <PreShiftButton />
      <SettingsButton />
      <DiagnosticsButton />
    </>
  );
}
