import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsExportResult } from '../../../../shared/diagnostics/contract';
import { useBridge } from '../../app/BridgeContext';
import { ModalDialog } from '../../ui/ModalDialog';
import './diagnostics.css';

type Outcome = { kind: 'done'; result: DiagnosticsExportResult } | { kind: 'error'; message: string };

/**
 * "Export diagnostics": says what goes into the zip for IT (logs, the last SIP messages, call
 * quality, audio devices, configuration without secrets, versions); Export has main write it to
 * the data folder, and the dialog names the file.
 */
export function DiagnosticsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('diagnostics');
  const client = useBridge();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'done', result: await client.invoke('diagnostics.export', {}) });
    } catch (error) {
      setOutcome({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title={t('title')} onClose={onClose} className="diagnostics-dialog">
      <p>{t('intro')}</p>
      {busy ? <p role="status">{t('exporting')}</p> : null}
      {outcome?.kind === 'done' ? (
        <section className="diagnostics-result" aria-label={t('exported')}>
          <p className="diagnostics-done">
            <span aria-hidden="true">✓ </span>
            {t('exported')}. {t('sendFile')}
          </p>
          <p>
            <output className="diagnostics-path" aria-label={t('file')}>
              {outcome.result.path}
            </output>
          </p>
          <p>{t('size', { count: outcome.result.files.length, kb: Math.max(1, Math.round(outcome.result.sizeBytes / 1024)) })}</p>
        </section>
      ) : null}
      {outcome?.kind === 'error' ? (
        <p role="alert" className="diagnostics-failed">
          <span aria-hidden="true">✕ </span>
          {t('notExported')}: {outcome.message}
        </p>
      ) : null}
      <div className="diagnostics-actions">
        {/* aria-disabled, not disabled: the button keeps focus while the zip is built, and gets it back after. */}
        <button type="button" className="ui-primary" onClick={() => void run()} aria-disabled={busy} aria-busy={busy}>
          {t('export')}
        </button>
      </div>
    </ModalDialog>
  );
}
