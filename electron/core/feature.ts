import type { CommandChannel } from '../../shared/bridge/channels';
import type { BridgeServer, CommandHandler } from '../bridge/bridge-server';

/** A feature's bridge commands as data: the core mounts them, so no feature registers itself. */
export type CommandHandlers = { [C in CommandChannel]?: CommandHandler<C> };

/**
 * What every feature factory returns: `createXFeature(deps) → { name, handlers, close, … }`, plus
 * whatever service the other features or the hosts use. The core (app-core.ts) composes a list of
 * them, mounts their handlers and closes them in the shutdown order it states, so adding a feature
 * touches its own folder and a line or two of the core.
 */
export interface Feature {
  /** For the log and for the error that names a channel two features both claim. */
  readonly name: string;
  readonly handlers: CommandHandlers;
  /** Stops its timers and subscriptions; awaited at shutdown, in the order the core gives. */
  close?(): void | Promise<void>;
}

/** Mounts a feature's commands; a channel another feature already handles is a wiring bug, named here. */
export function mountFeature(bridge: Pick<BridgeServer, 'handle'>, feature: Feature): void {
  for (const [channel, handler] of Object.entries(feature.handlers) as [CommandChannel, CommandHandler<CommandChannel>][]) {
    try {
      bridge.handle(channel, handler);
    } catch (error) {
      throw new Error(`Feature ${feature.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

/** Closes features in the order given, each even when one before it failed. */
export async function closeFeatures(features: readonly Feature[], onError: (name: string, error: unknown) => void): Promise<void> {
  for (const feature of features) {
    try {
      await feature.close?.();
    } catch (error) {
      onError(feature.name, error);
    }
  }
}
