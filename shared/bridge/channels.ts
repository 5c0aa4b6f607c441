import { AGENT_COMMANDS, AGENT_EVENTS, AGENT_MEDIA } from '../agent/channels';
import { APP_COMMANDS, APP_EVENTS, APP_MEDIA } from '../app/channels';
import { CALLBACKS_COMMANDS, CALLBACKS_EVENTS, CALLBACKS_MEDIA } from '../callbacks/channels';
import { SCRIPTS_COMMANDS, SCRIPTS_EVENTS, SCRIPTS_MEDIA } from '../scripts/channels';
import { CLICK_TO_DIAL_COMMANDS, CLICK_TO_DIAL_EVENTS, CLICK_TO_DIAL_MEDIA } from '../click-to-dial/channels';
import { DIAGNOSTICS_COMMANDS, DIAGNOSTICS_EVENTS, DIAGNOSTICS_MEDIA } from '../diagnostics/channels';
import { ESCALATION_COMMANDS, ESCALATION_EVENTS, ESCALATION_MEDIA } from '../escalation/channels';
import { POLICY_COMMANDS, POLICY_EVENTS, POLICY_MEDIA } from '../policy/channels';
import { PRE_SHIFT_COMMANDS, PRE_SHIFT_EVENTS, PRE_SHIFT_MEDIA } from '../pre-shift/channels';
import { STATS_COMMANDS, STATS_EVENTS, STATS_MEDIA } from '../stats/channels';
import { SSO_COMMANDS, SSO_EVENTS, SSO_MEDIA } from '../sso/channels';
import { STATUS_FEED_COMMANDS, STATUS_FEED_EVENTS, STATUS_FEED_MEDIA } from '../status-feed/channels';
import { STORE_COMMANDS, STORE_EVENTS, STORE_MEDIA } from '../store/channels';
import { SYNC_COMMANDS, SYNC_EVENTS, SYNC_MEDIA } from '../sync/channels';
import { TELEPHONY_COMMANDS, TELEPHONY_EVENTS, TELEPHONY_MEDIA } from '../telephony/channels';

/**
 * The bridge's allow-list: every channel that may cross between main and the
 * renderer, merged from each feature area's channels.ts. Kept free of zod so
 * the sandboxed preload can check names without bundling the schemas. The
 * schema maps in commands.ts, events.ts and media.ts must cover exactly these
 * names (enforced at compile time with `satisfies`).
 *
 * To add an area: shared/<area>/channels.ts (names) and shared/<area>/contract.ts
 * (schemas), then one line here and one in each of commands/events/media.ts.
 */
export const COMMAND_CHANNELS = [
  ...APP_COMMANDS,
  ...TELEPHONY_COMMANDS,
  ...STORE_COMMANDS,
  ...SYNC_COMMANDS,
  ...ESCALATION_COMMANDS,
  ...STATS_COMMANDS,
  ...CALLBACKS_COMMANDS,
  ...SCRIPTS_COMMANDS,
  ...POLICY_COMMANDS,
  ...CLICK_TO_DIAL_COMMANDS,
  ...DIAGNOSTICS_COMMANDS,
  ...AGENT_COMMANDS,
  ...STATUS_FEED_COMMANDS,
  ...SSO_COMMANDS,
  ...PRE_SHIFT_COMMANDS,
] as const;
export const EVENT_CHANNELS = [
  ...APP_EVENTS,
  ...TELEPHONY_EVENTS,
  ...STORE_EVENTS,
  ...SYNC_EVENTS,
  ...ESCALATION_EVENTS,
  ...STATS_EVENTS,
  ...CALLBACKS_EVENTS,
  ...SCRIPTS_EVENTS,
  ...POLICY_EVENTS,
  ...CLICK_TO_DIAL_EVENTS,
  ...DIAGNOSTICS_EVENTS,
  ...AGENT_EVENTS,
  ...STATUS_FEED_EVENTS,
  ...SSO_EVENTS,
  ...PRE_SHIFT_EVENTS,
] as const;
export const MEDIA_METHODS = [
  ...APP_MEDIA,
  ...TELEPHONY_MEDIA,
  ...STORE_MEDIA,
  ...SYNC_MEDIA,
  ...ESCALATION_MEDIA,
  ...STATS_MEDIA,
  ...CALLBACKS_MEDIA,
  ...SCRIPTS_MEDIA,
  ...POLICY_MEDIA,
  ...CLICK_TO_DIAL_MEDIA,
  ...DIAGNOSTICS_MEDIA,
  ...AGENT_MEDIA,
  ...STATUS_FEED_MEDIA,
  ...SSO_MEDIA,
  ...PRE_SHIFT_MEDIA,
] as const;

export type CommandChannel = (typeof COMMAND_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];
export type MediaMethod = (typeof MEDIA_METHODS)[number];

const commandSet: ReadonlySet<string> = new Set(COMMAND_CHANNELS);
const eventSet: ReadonlySet<string> = new Set(EVENT_CHANNELS);
const mediaSet: ReadonlySet<string> = new Set(MEDIA_METHODS);

export function isCommandChannel(value: unknown): value is CommandChannel {
  return typeof value === 'string' && commandSet.has(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && eventSet.has(value);
}

export function isMediaMethod(value: unknown): value is MediaMethod {
  return typeof value === 'string' && mediaSet.has(value);
}
