import { useState, type FormEvent } from 'react';
import { IMPORT_MAX_CHARS, type ImportReport } from '../../../../shared/store/contract';
import { useBridge } from '../../app/BridgeContext';
import { useModalDialog } from '../../ui/ModalDialog';
import { chunks, formatOf, useStoreState } from './store-state';
import './store.css';

/**
 * "Import data" in the header, and beside it a plain warning when the
 * database key is kept without the OS keychain (Linux `basic_text`).
 */
export function ImportDataButton() {
  const [open, setOpen] = useState(false);
  const keyBackend = useStoreState((s) => s.status?.encryption.keyBackend ?? null);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Import data
      </button>
      {keyBackend === 'plaintext-fallback' ? (
        <p role="status" className="data-key-warning">
          Warning: this computer has no system keyring, so the key of the local customer database and saved passwords are kept only
          obfuscated on disk. Ask IT to set up a keyring (GNOME Keyring or KWallet).
        </p>
      ) : null}
      {open ? <ImportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

type Kind = 'customers' | 'cases';
type Outcome = { kind: 'report'; report: ImportReport; what: Kind } | { kind: 'error'; message: string };

const PHASE_WORDS: Record<string, string> = {
  receiving: 'Sending the file',
  parsing: 'Reading rows',
  validating: 'Checking rows',
  writing: 'Saving',
  indexing: 'Updating search',
  done: 'Finished',
};

function ImportDialog({ onClose }: { onClose: () => void }) {
  const client = useBridge();
  const ref = useModalDialog(onClose);
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
      setOutcome({ kind: 'error', message: 'Choose a CSV or JSON file first.' });
      return;
    }
    setBusy(true);
    setOutcome(null);
    let importId: string | null = null;
    try {
      const text = await file.text();
      if (text.length > IMPORT_MAX_CHARS) throw new Error('This file is too large to import here; ask IT to use npm run import.');
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
    <dialog ref={ref} className="modal-dialog data-dialog" aria-labelledby="data-import-title">
      <h2 id="data-import-title">Import data</h2>
      <p>
        Customers or cases from a CSV or JSON file. Every row is checked first: if any row has a problem, nothing is imported and the
        problems are listed with their line numbers.
      </p>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Records in the file
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} disabled={busy}>
            <option value="customers">Customers</option>
            <option value="cases">Cases</option>
          </select>
        </label>
        <label>
          File (CSV or JSON)
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
        {busy && progress ? (
          <div>
            <progress aria-label="Import progress" max={Math.max(1, progress.total)} value={progress.done} />
            <p role="status">
              {PHASE_WORDS[progress.phase] ?? progress.phase}: {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
              {progress.phase === 'receiving' ? ' characters' : ' rows'}
            </p>
          </div>
        ) : busy ? (
          <p role="status">Importing…</p>
        ) : null}
        {outcome ? <Result outcome={outcome} counts={counts} /> : null}
        <div className="data-dialog-actions">
          <button type="submit" aria-disabled={busy}>
            Import
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}

function Result({ outcome, counts }: { outcome: Outcome; counts: { customers: number; cases: number } | null }) {
  if (outcome.kind === 'error') return <p role="alert">{outcome.message}</p>;
  const { report, what } = outcome;
  if (report.ok) {
    const n = what === 'customers' ? report.imported.customers : report.imported.cases;
    return (
      <div role="status">
        <p>
          Imported {n.toLocaleString()} {n === 1 ? what.replace(/s$/, '') : what} from {report.rows.toLocaleString()} rows.
        </p>
        {counts ? (
          <p>
            The local store now holds {counts.customers.toLocaleString()} customers and {counts.cases.toLocaleString()} cases.
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div role="alert">
      <p>
        Nothing was imported: {report.errorCount.toLocaleString()} {report.errorCount === 1 ? 'problem' : 'problems'} in{' '}
        {report.rows.toLocaleString()} rows. Fix the file and import it again.
      </p>
      <ul className="data-errors" aria-label="Problems in the file">
        {report.errors.map((e, i) => (
          <li key={`${e.line}-${e.field ?? ''}-${i}`}>
            Line {e.line}
            {e.field ? ` (${e.field})` : ''}: {e.message}
          </li>
        ))}
        {report.errorCount > report.errors.length ? (
          <li>… and {(report.errorCount - report.errors.length).toLocaleString()} more</li>
        ) : null}
      </ul>
    </div>
  );
}
