import type { SyncConflict } from '../../../../shared/sync/contract';

/** The sync catalog's word for each kind of record the outbox sends. */
export const KIND_KEY = {
  case: 'kind.case',
  customer: 'kind.customer',
  interaction: 'kind.interaction',
  'wrap-up': 'kind.wrapUp',
  callback: 'kind.callback',
  escalation: 'kind.escalation',
  // An SLA alert is sent to a chat webhook, never to the CRM, so it never conflicts; the type has it.
  alert: 'kind.alert',
} as const satisfies Record<SyncConflict['entityKind'], string>;
