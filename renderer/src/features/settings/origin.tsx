import { useTranslation } from 'react-i18next';
import type { PolicyEntryView } from '../../../../shared/policy/contract';
import { useUserText } from '../../i18n/user-text';

/** Where a value comes from, as the agent reads it: "Locked by your IT department (HKLM\…)". */
export function useOriginText(entry: PolicyEntryView): string {
  const { t } = useTranslation('settings');
  const show = useUserText();
  const origin = t(`origin.${entry.origin}`);
  return entry.source ? t('originWithSource', { origin, source: show(entry.source) }) : origin;
}

/** A padlock beside "Locked by your IT department": the words carry the meaning, the glyph the glance. */
export function LockGlyph() {
  return (
    <svg className="settings-lock" aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z"
      />
    </svg>
  );
}
