import type { z } from 'zod';
import { appCommands } from '../app/contract';
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
} as const satisfies Record<CommandChannel, CommandSpec>;

export type CommandRequest<C extends CommandChannel> = z.input<(typeof commandSchemas)[C]['request']>;
export type CommandResponse<C extends CommandChannel> = z.output<(typeof commandSchemas)[C]['response']>;
