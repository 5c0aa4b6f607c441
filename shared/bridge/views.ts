import { agentViewKey, type AgentDeskView } from '../agent/contract';
import type { SsoView } from '../sso/contract';
import type { StatusFeedView } from '../status-feed/contract';
import type { PhoneView } from '../telephony/contract';
import type { CommandChannel, EventChannel } from './channels';
import { commandSchemas } from './commands';
import { eventSchemas } from './events';

/**
 * The events that are a feature's whole view, pushed by main when it changes, and what tells two
 * of a kind apart. The bridge sends a window a view only when it differs from the last one that
 * window got, by a push or in the answer to its own command.
 */
const VIEW_KEYS = {
  'agent.view': (view: AgentDeskView) => agentViewKey(view),
  'telephony.view': (view: PhoneView) => JSON.stringify(view),
  'statusFeed.view': (view: StatusFeedView) => JSON.stringify(view),
  'sso.view': (view: SsoView) => JSON.stringify(view),
} as const satisfies Partial<Record<EventChannel, (payload: never) => string>>;

export type ViewChannel = keyof typeof VIEW_KEYS;

/** The view's key, or null for an event that is not a view. */
export function viewKey(channel: EventChannel, payload: unknown): string | null {
  const key = (VIEW_KEYS as Partial<Record<EventChannel, (payload: unknown) => string>>)[channel];
  return key ? key(payload) : null;
}

/** The commands that answer a feature's view: their response is that view's own schema. */
const VIEW_ANSWERS = new Map<CommandChannel, ViewChannel>(
  (Object.keys(commandSchemas) as CommandChannel[]).flatMap((command) => {
    const view = (Object.keys(VIEW_KEYS) as ViewChannel[]).find((channel) => commandSchemas[command].response === eventSchemas[channel]);
    return view ? [[command, view] as const] : [];
  }),
);

/** The view a command answers with, if it does. */
export function viewAnsweredBy(command: CommandChannel): ViewChannel | null {
  return VIEW_ANSWERS.get(command) ?? null;
}
