/** Channel names of the escalation area (zod-free: the preload imports these). */
export const ESCALATION_COMMANDS = [
  'escalation.options',
  'escalation.create',
  'escalation.list',
  'escalation.acknowledge',
  'escalation.resolve',
] as const;
export const ESCALATION_EVENTS = ['escalation.changed', 'escalation.alert'] as const;
export const ESCALATION_MEDIA = [] as const;
