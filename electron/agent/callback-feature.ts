import type { Feature } from '../core/feature';
import { CallbackList, type CallbackListOptions } from './callback-list';

/** My callbacks as a feature: the `callbacks.*` commands on the list (callback-list.ts). Dialling one is `telephony.dial`. */
export function createCallbacksFeature(options: CallbackListOptions): Feature & { service: CallbackList; close(): void } {
  const list = new CallbackList(options);
  return {
    name: 'callbacks',
    service: list,
    handlers: {
      'callbacks.list': () => list.view(),
      'callbacks.reschedule': ({ id, at }) => list.reschedule(id, at),
      'callbacks.complete': ({ id, outcome }) => list.complete(id, outcome),
      'callbacks.handBack': ({ id, reason }) => list.handBack(id, reason),
    },
    close: () => list.close(),
  };
}
