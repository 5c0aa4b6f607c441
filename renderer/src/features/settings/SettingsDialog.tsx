import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isPolicyKey, POLICY_SECTIONS, type PolicySection } from '../../../../shared/policy/keys';
import type { PolicyEntryView } from '../../../../shared/policy/contract';
import { useUserText } from '../../i18n';
import { ModalDialog } from '../../ui/ModalDialog';
import { AppearanceSetting } from './AppearanceSetting';
import { formatValue } from './format';
import { LockGlyph, useOriginText } from './origin';
import { refreshSettings, useSettings } from './settings-state';
import './settings.css';

/** Sections with a pointer to where their agent-entered parts are edited. */
const NOTED_SECTIONS = ['Phone', 'CRM sync'] as const;
type NotedSection = (typeof NOTED_SECTIONS)[number];
const isNoted = (section: PolicySection): section is NotedSection => (NOTED_SECTIONS as readonly string[]).includes(section);

/**
 * "Settings": the settings Switchboard runs on, by section; what IT locked is read-only and says
 * so. The theme and the language are the agent's to choose here (unless IT locked them).
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('settings');
  const show = useUserText();
  const view = useSettings((s) => s.view);
  const problem = useSettings((s) => s.problem);
  useEffect(() => {
    void refreshSettings();
  }, []);

  // Appearance first: it is what an agent comes here to change; the rest is for reading.
  const sections: readonly PolicySection[] = ['Appearance', ...POLICY_SECTIONS.filter((s) => s !== 'Appearance')];
  return (
    <ModalDialog title={t('title')} onClose={onClose} className="settings-dialog">
      {problem && (
        <p role="alert" className="settings-locked">
          {t('loadFailed', { problem })}
        </p>
      )}
      {!view && !problem && <p>{t('loading')}</p>}
      {view && view.problems.length > 0 && (
        <section className="settings-problems" aria-labelledby="settings-problems-title">
          <h3 id="settings-problems-title">{t('problems.title')}</h3>
          <p className="settings-note">{t('problems.note')}</p>
          <ul>
            {view.problems.map((p, index) => (
              <li key={`${index}-${p.key ?? ''}`}>{show(p.message)}</li>
            ))}
          </ul>
        </section>
      )}
      {view &&
        sections.map((section) => {
          const entries = view.entries.filter((e) => e.section === section);
          if (entries.length === 0) return null;
          return (
            <SettingsSection
              key={section}
              title={t(`section.${section}`)}
              note={isNoted(section) ? t(`note.${section}`) : undefined}
              entries={entries}
            />
          );
        })}
      {view && (
        <p className="settings-note">
          {t('sources', {
            list: view.sources.map((s) => (s.found ? s.source : t('sourceNone', { source: s.source }))).join('; ') || t('noSources'),
          })}
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
      {entries.map((entry) =>
        entry.key === 'theme' || entry.key === 'language' ? (
          <AppearanceSetting key={entry.key} entry={entry} which={entry.key} />
        ) : (
          <SettingRow key={entry.key} entry={entry} />
        ),
      )}
    </section>
  );
}

function SettingRow({ entry }: { entry: PolicyEntryView }) {
  const { t } = useTranslation('settings');
  const id = useId();
  const originText = useOriginText(entry);
  // In the window's language; a key this window does not know (a newer main) in main's English.
  const key = isPolicyKey(entry.key) ? entry.key : null;
  const title = key ? t(`key.${key}.title`) : entry.title;
  const description = key ? t(`key.${key}.description`) : entry.description;
  const isDocument =
    typeof entry.value === 'object' &&
    entry.value !== null &&
    !(Array.isArray(entry.value) && entry.value.every((v) => typeof v === 'string'));
  return (
    <div className="settings-row" data-setting={entry.key}>
      <label htmlFor={`${id}-value`}>{title}</label>
      <input id={`${id}-value`} type="text" readOnly value={formatValue(entry)} aria-describedby={`${id}-origin`} title={description} />
      <p id={`${id}-origin`} className={entry.locked ? 'settings-origin settings-locked' : 'settings-origin'}>
        {entry.locked ? <LockGlyph /> : null}
        {originText}
      </p>
      {isDocument && (
        <details className="settings-json">
          <summary>{t('showDocument', { title })}</summary>
          <pre>{JSON.stringify(entry.value, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
