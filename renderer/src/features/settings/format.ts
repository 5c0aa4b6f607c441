import type { PolicyEntryView } from '../../../../shared/policy/contract';
import { i18n } from '../../i18n';

/** A setting's value as one line of text for the agent, in the window's language. */
export function formatValue(entry: Pick<PolicyEntryView, 'value' | 'key'>): string {
  const { value } = entry;
  if (value === null || value === undefined) return i18n.t('settings:value.notSet');
  if (typeof value === 'boolean') return value ? i18n.t('settings:value.on') : i18n.t('settings:value.off');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return value.length === 0 ? i18n.t('settings:value.none') : value.join(', ');
    return i18n.t('settings:value.entries', { count: value.length });
  }
  return i18n.t('settings:value.set');
}
