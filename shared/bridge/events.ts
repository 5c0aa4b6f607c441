import type { z } from 'zod';
import { agentEvents } from '../agent/contract';
import { appEvents } from '../app/contract';
import { callbacksEvents } from '../callbacks/contract';
import { scriptsEvents } from '../scripts/contract';
import { clickToDialEvents } from '../click-to-dial/contract';
import { diagnosticsEvents } from '../diagnostics/contract';
import { escalationEvents } from '../escalation/contract';
import { policyEvents } from '../policy/contract';
import { preShiftEvents } from '../pre-shift/contract';
import { statsEvents } from '../stats/contract';
import { ssoEvents } from '../sso/contract';
import { statusFeedEvents } from '../status-feed/contract';
import { storeEvents } from '../store/contract';
import { syncEvents } from '../sync/contract';
import { telephonyEvents } from '../telephony/contract';
import type { EventChannel } from './channels';

export { NOTICE_LEVELS, type Notice } from '../app/contract';

/** Events are main → renderer notifications; they need no answer. Merged from the feature areas. */
export const eventSchemas = {
  ...appEvents,
  ...telephonyEvents,
  ...storeEvents,
  ...syncEvents,
  ...escalationEvents,
  ...statsEvents,
  ...callbacksEvents,
  ...scriptsEvents,
  ...policyEvents,
  ...clickToDialEvents,
  ...diagnosticsEvents,
  ...agentEvents,
  ...statusFeedEvents,
  ...ssoEvents,
  ...preShiftEvents,
} as const satisfies Record<EventChannel, z.ZodType>;

export type EventPayload<E extends EventChannel> = z.output<(typeof eventSchemas)[E]>;
