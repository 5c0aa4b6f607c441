import type { z } from 'zod';
import { agentCommands } from '../agent/contract';
import { appCommands } from '../app/contract';
import { callbacksCommands } from '../callbacks/contract';
import { scriptsCommands } from '../scripts/contract';
import { clickToDialCommands } from '../click-to-dial/contract';
import { diagnosticsCommands } from '../diagnostics/contract';
import { escalationCommands } from '../escalation/contract';
import { policyCommands } from '../policy/contract';
import { preShiftCommands } from '../pre-shift/contract';
import { statsCommands } from '../stats/contract';
import { ssoCommands } from '../sso/contract';
import { statusFeedCommands } from '../status-feed/contract';
import { storeCommands } from '../store/contract';
import { syncCommands } from '../sync/contract';
import { telephonyCommands } from '../telephony/contract';
import type { CommandChannel } from './channels';
import type { CommandSpec } from './spec';

export type { CommandSpec } from './spec';
export { HOST_KINDS, type AppInfo, type HostKind } from '../app/contract';

/** Every command's schemas, merged from the feature areas. */
export const commandSchemas = {
  ...appCommands,
  ...telephonyCommands,
  ...storeCommands,
  ...syncCommands,
  ...escalationCommands,
  ...statsCommands,
  ...callbacksCommands,
  ...scriptsCommands,
  ...policyCommands,
  ...clickToDialCommands,
  ...diagnosticsCommands,
  ...agentCommands,
  ...statusFeedCommands,
  ...ssoCommands,
  ...preShiftCommands,
} as const satisfies Record<CommandChannel, CommandSpec>;

export type CommandRequest<C extends CommandChannel> = z.input<(typeof commandSchemas)[C]['request']>;
export type CommandResponse<C extends CommandChannel> = z.output<(typeof commandSchemas)[C]['response']>;
