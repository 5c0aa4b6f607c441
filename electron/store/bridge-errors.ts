import { BridgeError } from '../../shared/bridge/errors';
import { StoreError } from './errors';

/** A StoreError as the agent should read it over the bridge. */
export function toBridgeError(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error;
  // The agent's text when there is one; a StoreError without one is shown as its English.
  const message = error.text ?? error.message;
  switch (error.code) {
    case 'invalid-input':
      return new BridgeError('invalid-payload', message, error.issues, error.issueTexts);
    case 'not-found':
      return new BridgeError('not-found', message);
    case 'conflict':
      return new BridgeError('conflict', message);
    case 'unavailable':
    case 'corrupt':
    case 'io':
      return new BridgeError('unavailable', message);
    case 'timeout':
      return new BridgeError('timeout', message);
    case 'internal':
      return error;
  }
}

/** Runs a store call for a bridge command, its StoreError turned into the agent's error. */
export async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toBridgeError(error);
  }
}
