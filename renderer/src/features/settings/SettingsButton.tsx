import { useState } from 'react';
import { SettingsDialog } from './SettingsDialog';
import './settings.css';

/** "Settings" in the header: opens the dialog of effective settings. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Settings
      </button>
      {open && <SettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
