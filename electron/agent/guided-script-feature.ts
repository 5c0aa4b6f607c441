import type { Feature } from '../core/feature';
import type { CallLoop } from './call-loop';
import { GuidedScripts, type ContactCall, type GuidedScriptsOptions } from './guided-scripts';

/** Guided scripts as a feature: the `scripts.*` commands on the contacts' runs (guided-scripts.ts). */
export function createGuidedScriptsFeature(options: GuidedScriptsOptions): Feature & { service: GuidedScripts; close(): Promise<void> } {
  const scripts = new GuidedScripts(options);
  return {
    name: 'scripts',
    service: scripts,
    handlers: {
      'scripts.get': ({ interactionId }) => scripts.get(interactionId),
      'scripts.open': ({ interactionId, scriptId }) => scripts.open(interactionId, scriptId),
      'scripts.step': ({ interactionId, scriptId, stepId, action }) => scripts.step(interactionId, scriptId, stepId, action),
      'scripts.close': ({ interactionId, scriptId }) => scripts.close(interactionId, scriptId),
    },
    close: () => scripts.closeService(),
  };
}

/**
 * The contacts the agent works on, as the call loop has them: the contact on screen (its call while
 * it rings or is up) and each contact still owed a wrap-up.
 */
export function contactCallOf(loop: Pick<CallLoop, 'contact' | 'view'>): ContactCall {
  return (interactionId) => {
    const pop = loop.contact;
    if (pop?.interactionId === interactionId) return { callId: pop.state === 'ringing' || pop.state === 'connected' ? pop.callId : null };
    return loop.view().wrapUps.some((w) => w.interactionId === interactionId) ? { callId: null } : undefined;
  };
}
