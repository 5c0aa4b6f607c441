import type { PolicyEntryView } from '../../../../shared/policy/contract';

/** A setting's value as one line of text for the agent. */
export function formatValue(entry: Pick<PolicyEntryView, 'value' | 'key'>): string {
  const { value } = entry;
  if (value === null || value === undefined) return 'Not set';
  if (typeof value === 'boolean') return value ? 'On' : 'Off';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return value.length === 0 ? 'None' : value.join(', ');
    return `${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  }
  return 'Set';
}

export const ORIGIN_TEXT: Record<PolicyEntryView['origin'], string> = {
  'built-in': 'Built-in default',
  'policy-default': 'Default from your IT department (you may change it)',
  user: 'Your setting',
  enforced: 'Locked by your IT department',
};
