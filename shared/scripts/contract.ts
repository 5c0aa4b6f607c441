import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import { guidedScriptSchema } from '../config/workflow';
import { scriptRunsSchema } from './script-run';
import type { SCRIPTS_COMMANDS, SCRIPTS_EVENTS, SCRIPTS_MEDIA } from './channels';

/**
 * Guided scripts on the bridge. Main owns the runs (electron/agent/guided-scripts.ts: the store,
 * the recording pause of a payment step); the renderer shows the runs of the contact it works on,
 * and works out the suggestion and the timer itself from the catalog (shared/scripts/guided-scripts.ts),
 * so the clock moves without a push.
 */

const id = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const code = z.string().min(1, 'must not be empty').max(40, 'must be at most 40 characters');

export const scriptsViewSchema = z.strictObject({
  /** The scripts the agent may open (the policy's or the shipped list). */
  catalog: z.array(guidedScriptSchema).max(100),
  /** The contact these runs belong to. */
  interactionId: id,
  /** The call the contact is, while it is up: a payment step pauses its recording. Null when it is over or not a call. */
  callId: z.string().nullable(),
  runs: scriptRunsSchema,
});
export type ScriptsView = z.output<typeof scriptsViewSchema>;

const byContact = z.strictObject({ interactionId: id });
const byScript = z.strictObject({ interactionId: id, scriptId: code });

export const scriptsCommands = {
  'scripts.get': { request: byContact, response: scriptsViewSchema },
  'scripts.open': { request: byScript, response: scriptsViewSchema },
  /** done / undone: tick or untick; start: a payment step is begun (recording pauses). Ticking a started payment step resumes recording. */
  'scripts.step': {
    request: z.strictObject({ interactionId: id, scriptId: code, stepId: code, action: z.enum(['done', 'undone', 'start']) }),
    response: scriptsViewSchema,
  },
  'scripts.close': { request: byScript, response: scriptsViewSchema },
} as const satisfies Record<(typeof SCRIPTS_COMMANDS)[number], CommandSpec>;

export const scriptsEvents = {
  /** Main changed a contact's runs itself (its call ended during a payment step). */
  'scripts.changed': scriptsViewSchema,
} as const satisfies Record<(typeof SCRIPTS_EVENTS)[number], z.ZodType>;

export const scriptsMedia = {} as const satisfies Record<(typeof SCRIPTS_MEDIA)[number], MediaSpec>;
