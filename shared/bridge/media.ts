import type { z } from 'zod';
import { agentMedia } from '../agent/contract';
import { appMedia } from '../app/contract';
import { callbacksMedia } from '../callbacks/contract';
import { scriptsMedia } from '../scripts/contract';
import { clickToDialMedia } from '../click-to-dial/contract';
import { diagnosticsMedia } from '../diagnostics/contract';
import { escalationMedia } from '../escalation/contract';
import { policyMedia } from '../policy/contract';
import { preShiftMedia } from '../pre-shift/contract';
import { statsMedia } from '../stats/contract';
import { ssoMedia } from '../sso/contract';
import { statusFeedMedia } from '../status-feed/contract';
import { storeMedia } from '../store/contract';
import { syncMedia } from '../sync/contract';
import { telephonyMedia } from '../telephony/contract';
import type { MediaMethod } from './channels';
import type { MediaSpec } from './spec';

export type { MediaSpec } from './spec';

/**
 * Media RPC: main asks the renderer's media engine (the only place WebRTC can
 * run) to act, and waits for its answer. The renderer is the server here.
 * Merged from the feature areas.
 */
export const mediaSchemas = {
  ...appMedia,
  ...telephonyMedia,
  ...storeMedia,
  ...syncMedia,
  ...escalationMedia,
  ...statsMedia,
  ...callbacksMedia,
  ...scriptsMedia,
  ...policyMedia,
  ...clickToDialMedia,
  ...diagnosticsMedia,
  ...agentMedia,
  ...statusFeedMedia,
  ...ssoMedia,
  ...preShiftMedia,
} as const satisfies Record<MediaMethod, MediaSpec>;

export type MediaParams<M extends MediaMethod> = z.input<(typeof mediaSchemas)[M]['params']>;
export type MediaResult<M extends MediaMethod> = z.output<(typeof mediaSchemas)[M]['result']>;
