import { useEffect, useId } from 'react';
import { POLICY_SECTIONS } from '../../../../shared/policy/keys';
import type { PolicyEntryView } from '../../../../shared/policy/contract';
import { formatValue, ORIGIN_TEXT } from './format';
import { ModalDialog } from '../../ui/ModalDialog';
import { refreshSettings, useSettings } from './settings-state';

const SECTION_NOTES: Partial<Record<(typeof POLICY_SECTIONS)[number], string>> = {
  Phone: 'Your SIP account (user name and password) is entered under Phone settings in the phone bar.',
  'CRM sync': 'The sync access token is entered in the sync settings at the bottom of the window.',
};

/** "Settings": the settings Switchboard runs on, by section; what IT locked is read-only and says so. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const view = useSettings((s) => s.view);
  const problem = useSettings((s) => s.problem);
  useEffect(() => {
    void refreshSettings();
  }, []);

  return (
    <ModalDialog title="Settings" onClose={onClose} className="settings-dialog">
      {problem && (
        <p role="alert" className="settings-locked">
          The settings could not be loaded: {problem}
        </p>
      )}
      {!view && !problem && <p>Loading…</p>}
      {view && view.problems.length > 0 && (
        <section className="settings-problems" aria-labelledby="settings-problems-title">
          <h3 id="settings-problems-title">Problems in the IT policy</h3>
          <p className="settings-note">Switchboard uses safe defaults for these settings. Tell your IT department.</p>
          <ul>
            {view.problems.map((p, index) => (
              <li key={`${index}-${p.key ?? ''}`}>{p.message}</li>
            ))}
          </ul>
        </section>
      )}
      {view &&
        POLICY_SECTIONS.map((section) => {
          const entries = view.entries.filter((e) => e.section === section);
          if (entries.length === 0) return null;
          return <SettingsSection key={section} title={section} note={SECTION_NOTES[section]} entries={entries} />;
        })}
      {view && (
        <p className="settings-note">
          Policy sources checked: {view.sources.map((s) => `${s.source}${s.found ? '' : ' (none)'}`).join('; ') || 'none'}.
        </p>
      )}
    </ModalDialog>
  );
}

function SettingsSection({ title, note, entries }: { title: string; note: string | undefined; entries: PolicyEntryView[] }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {note && <p className="settings-note">{note}</p>}
      {entries.map((entry) => (
        <SettingRow key={entry.key} entry={entry} />
      ))}
    </section>
  );
}

function SettingRow({ entry }: { entry: PolicyEntryView }) {
  const id = useId();
  const isDocument =
    typeof entry.value === 'object' &&
    entry.value !== null &&
    !(Array.isArray(entry.value) && entry.value.every((v) => typeof v === 'string'));
  return (
    <div className="settings-row" data-setting={entry.key}>
      <label htmlFor={`${id}-value`}>{entry.title}</label>
      <input
        id={`${id}-value`}
        type="text"
        readOnly
        value={formatValue(entry)}
        aria-describedby={`${id}-origin`}
        title={entry.description}
      />
      <p id={`${id}-origin`} className={entry.locked ? 'settings-origin settings-locked' : 'settings-origin'}>
        {ORIGIN_TEXT[entry.origin]}
        {entry.source ? ` (${entry.source})` : ''}
      </p>
      {isDocument && (
        <details className="settings-json">
          <summary>Show {entry.title.toLowerCase()}</summary>
          <pre>{JSON.stringify(entry.value, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
