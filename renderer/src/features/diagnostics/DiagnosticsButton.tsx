import { useRef, useState } from 'react';
import type { DiagnosticsExportResult } from '../../../../shared/diagnostics/contract';
import { useBridge } from '../../app/BridgeContext';
import { useModalDialog } from '../../ui/ModalDialog';
import './diagnostics.css';

type Outcome = { kind: 'done'; result: DiagnosticsExportResult } | { kind: 'error'; message: string };

/**
 * "Export diagnostics" in the header: one zip for IT (logs, the last SIP
 * messages, call quality, audio devices, configuration without secrets,
 * versions). Main writes it to the data folder; the dialog names the file.
 */
export function DiagnosticsButton() {
  const client = useBridge();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const run = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    try {
      setOutcome({ kind: 'done', result: await client.invoke('diagnostics.export', {}) });
    } catch (error) {
      setOutcome({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {/* aria-disabled, not disabled: the button keeps focus while the zip is built, and gets it back after. */}
      <button ref={buttonRef} type="button" className="diagnostics-button" onClick={() => void run()} aria-disabled={busy} aria-busy={busy}>
        Export diagnostics
      </button>
      {outcome ? (
        <ExportedDialog
          outcome={outcome}
          onClose={() => {
            setOutcome(null);
            buttonRef.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}

function ExportedDialog({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const ref = useModalDialog(onClose);
  const title = outcome.kind === 'done' ? 'Diagnostics exported' : 'Diagnostics not exported';
  return (
    <dialog ref={ref} className="modal-dialog diagnostics-dialog" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">{title}</h2>
      {outcome.kind === 'done' ? (
        <>
          <p>Send this file to your IT department. Passwords, tokens and call credentials are not in it.</p>
          <p>
            <output className="diagnostics-path" aria-label="Diagnostics file">
              {outcome.result.path}
            </output>
          </p>
          <p>
            {outcome.result.files.length} files, {Math.max(1, Math.round(outcome.result.sizeBytes / 1024))} KB
          </p>
        </>
      ) : (
        <p role="alert">{outcome.message}</p>
      )}
      <button type="button" onClick={() => ref.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
