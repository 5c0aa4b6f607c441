import { useTranslation } from 'react-i18next';
import { useStoreState } from './store-state';

/**
 * The warning that the database key is kept without the OS keychain (Linux `basic_text`): short
 * beside the Tools menu, where it stays in view, and in full (what it means, what to ask IT) in
 * the Import data dialog. Nothing when the key is protected.
 */
export function KeyProtectionWarning({ detailed = false }: { detailed?: boolean }) {
  const { t } = useTranslation('store');
  const keyBackend = useStoreState((s) => s.status?.encryption.keyBackend ?? null);
  if (keyBackend !== 'plaintext-fallback') return null;
  return (
    <p role="status" className={detailed ? 'data-key-warning data-key-warning-detailed' : 'data-key-warning'}>
      <span aria-hidden="true" className="data-key-warning-icon">
        ⚠
      </span>{' '}
      {detailed ? t('keyWarning.long') : t('keyWarning.short')}
    </p>
  );
}
