import { useState } from 'react';
import { Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_CHOICES, THEME_CHOICES, type LanguageChoice, type ThemeChoice } from '../../../../shared/policy/keys';
import type { PolicyEntryView } from '../../../../shared/policy/contract';
import { LANGUAGE_NAMES } from '../../i18n';
import { LockGlyph, useOriginText } from './origin';
import { setAppearance } from './settings-state';

/**
 * The theme or the language as a group of radio buttons (three choices each, all visible at once).
 * A choice applies as soon as main has saved it; when IT enforces the setting the group is
 * read-only and says who locked it.
 */
export function AppearanceSetting({ entry, which }: { entry: PolicyEntryView; which: 'theme' | 'language' }) {
  const { t } = useTranslation('settings');
  const originText = useOriginText(entry);
  const [problem, setProblem] = useState<string | null>(null);
  const choices: readonly string[] = which === 'theme' ? THEME_CHOICES : LANGUAGE_CHOICES;
  const value = typeof entry.value === 'string' && choices.includes(entry.value) ? entry.value : 'system';

  const choose = (next: string) => {
    setProblem(null);
    const change = which === 'theme' ? { theme: next as ThemeChoice } : { language: next as LanguageChoice };
    setAppearance(change).catch((error: unknown) =>
      setProblem(t('saveFailed', { problem: error instanceof Error ? error.message : String(error) })),
    );
  };

  const labelOf = (choice: string): string => {
    if (choice === 'system') return which === 'theme' ? t('theme.system') : t('language.system');
    if (which === 'language') return choice === 'de' ? LANGUAGE_NAMES.de : LANGUAGE_NAMES.en;
    return choice === 'dark' ? t('theme.dark') : t('theme.light');
  };

  return (
    <RadioGroup
      className="settings-row settings-choice"
      data-setting={entry.key}
      orientation="horizontal"
      value={value}
      onChange={choose}
      isReadOnly={entry.locked}
    >
      <Label>{which === 'theme' ? t('key.theme.title') : t('key.language.title')}</Label>
      <div className="settings-choice-options">
        {choices.map((choice) => (
          // A language is named in its own language, so an agent who cannot read the current one finds theirs.
          <Radio
            key={choice}
            value={choice}
            className="ui-radio settings-radio"
            lang={which === 'language' && choice !== 'system' ? choice : undefined}
          >
            {labelOf(choice)}
          </Radio>
        ))}
      </div>
      <Text slot="description" className={entry.locked ? 'settings-origin settings-locked' : 'settings-origin'}>
        {entry.locked ? <LockGlyph /> : null}
        {originText}
      </Text>
      {problem ? (
        <p role="alert" className="settings-origin settings-error">
          {problem}
        </p>
      ) : null}
    </RadioGroup>
  );
}
