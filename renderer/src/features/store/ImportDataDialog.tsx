import { useState, type FormEvent } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { IMPORT_MAX_CHARS, type ImportReport } from '../../../../shared/store/contract';
import { useBridge } from '../../app/BridgeContext';
import { useUserText } from '../../i18n';
import { ModalDialog } from '../../ui/ModalDialog';
import { KeyProtectionWarning } from './KeyProtectionWarning';
import { chunks, formatOf, useStoreState, type ImportProgress } from './store-state';
import './store.css';

type Kind = 'customers' | 'cases';
type Outcome = { kind: 'report'; report: ImportReport; what: Kind } | { kind: 'error'; message: string };

/**
 * "Import data": customers or cases from a CSV or JSON file, sent to main in chunks; every row is
 * checked before anything is written, and the dialog lists what was wrong by line.
 */
export function ImportDataDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('store');
  const client = useBridge();
  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const progress = useStoreState((s) => s.progress);
  const counts = useStoreState((s) => s.status?.counts ?? null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setOutcome({ kind: 'error', message: t('import.chooseFile') });
      return;
    }
    setBusy(true);
    setOutcome(null);
    let importId: string | null = null;
    try {
      const text = await file.text();
      if (text.length > IMPORT_MAX_CHARS) throw new Error(t('import.tooLarge'));
      const format = formatOf(file.name);
      const begun = await client.invoke('store.import.begin', {
        fileName: file.name.slice(-255) || 'import',
        kind,
        totalChars: text.length,
        ...(format ? { format } : {}),
      });
      importId = begun.importId;
      useStoreState.setState({ progress: { importId, phase: 'receiving', done: 0, total: text.length } });
      let sent = 0;
      for (const chunk of chunks(text, begun.maxChunkChars)) {
        await client.invoke('store.import.append', { importId, chunk });
        sent += chunk.length;
        useStoreState.setState({ progress: { importId, phase: 'receiving', done: sent, total: text.length } });
      }
      const report = await client.invoke('store.import.commit', { importId });
      importId = null;
      setOutcome({ kind: 'report', report, what: kind });
      if (report.ok) {
        // The counts shown below come from the store itself.
        client
          .invoke('store.status', { counts: true })
          .then((status) => useStoreState.setState({ status }))
          .catch(() => undefined);
      }
    } catch (error) {
      setOutcome({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      if (importId) await client.invoke('store.import.cancel', { importId }).catch(() => undefined);
    } finally {
      useStoreState.setState({ progress: null });
      setBusy(false);
    }
  };

  return (
    <ModalDialog title={t('import.title')} onClose={onClose} className="data-dialog">
      <KeyProtectionWarning detailed />
      <p>{t('import.intro')}</p>
      <form className="data-form" onSubmit={(e) => void submit(e)}>
        <RadioGroup
          className="data-kind"
          orientation="horizontal"
          value={kind}
          onChange={(value) => setKind(value === 'cases' ? 'cases' : 'customers')}
          isDisabled={busy}
        >
          <Label>{t('import.kind')}</Label>
          <div className="data-kind-options">
            <Radio value="customers" className="ui-radio">
              {t('import.customers')}
            </Radio>
            <Radio value="cases" className="ui-radio">
              {t('import.cases')}
            </Radio>
          </div>
        </RadioGroup>
        <label className="data-file">
          {t('import.file')}
          <input
            type="file"
            accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson,text/csv,application/json"
            disabled={busy}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
        </label>
        {busy && progress ? <Progress progress={progress} /> : busy ? <p role="status">{t('import.importing')}</p> : null}
        {outcome ? <Result outcome={outcome} counts={counts} /> : null}
        <div className="data-dialog-actions">
          {/* aria-disabled, not disabled: the button keeps focus while the file is imported. */}
          <button type="submit" className="ui-primary" aria-disabled={busy}>
            {t('import.submit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

function Progress({ progress }: { progress: ImportProgress }) {
  const { t } = useTranslation('store');
  const values = { phase: t(`import.phase.${progress.phase}`), done: progress.done, total: progress.total };
  return (
    <div>
      <progress aria-label={t('import.progress')} max={Math.max(1, progress.total)} value={progress.done} />
      <p role="status">{progress.phase === 'receiving' ? t('import.progressCharacters', values) : t('import.progressRows', values)}</p>
    </div>
  );
}

function Result({ outcome, counts }: { outcome: Outcome; counts: { customers: number; cases: number } | null }) {
  const { t } = useTranslation('store');
  const show = useUserText();
  if (outcome.kind === 'error') return <p role="alert">{outcome.message}</p>;
  const { report, what } = outcome;
  if (report.ok) {
    return (
      <div role="status">
        <p>
          {what === 'customers'
            ? t('import.importedCustomers', { count: report.imported.customers, rows: report.rows })
            : t('import.importedCases', { count: report.imported.cases, rows: report.rows })}
        </p>
        {counts ? <p>{t('import.storeHolds', { customers: counts.customers, cases: counts.cases })}</p> : null}
      </div>
    );
  }
  return (
    <div role="alert">
      <p>{t('import.nothingImported', { count: report.errorCount, rows: report.rows })}</p>
      <ul className="data-errors" aria-label={t('import.problems')}>
        {report.errors.map((e, i) => (
          <li key={`${e.line}-${e.field ?? ''}-${i}`}>
            {e.field
              ? t('import.problemLineField', { line: e.line, field: e.field, message: show(e.message) })
              : t('import.problemLine', { line: e.line, message: show(e.message) })}
          </li>
        ))}
        {report.errorCount > report.errors.length ? <li>{t('import.more', { count: report.errorCount - report.errors.length })}</li> : null}
      </ul>
    </div>
  );
}
