/**
 * A guided script as the agent ran it on one contact: which steps were ticked and when. Kept with
 * the contact (the interaction record's `guidedScripts`), synced with it and written into the
 * call's CRM note. The step words are copied from the catalog when the script is opened, so a
 * policy that later rewords or drops a step does not change what the record says was done.
 */
import * as z from 'zod';
import { codeSchema } from '../config/workflow';
import { epochMsSchema } from '../core/record-fields';

/** A contact runs a handful of scripts at most; more is a stuck client, not work. */
export const MAX_SCRIPT_RUNS = 10;

export const scriptRunStepSchema = z.strictObject({
  id: codeSchema,
  label: z.string().min(1).max(200),
  payment: z.boolean(),
  /** A payment step the agent started (recording paused for it); null when not started or done. */
  startedAt: epochMsSchema.nullable(),
  /** When the agent ticked it; null while not done. */
  doneAt: epochMsSchema.nullable(),
});
export type ScriptRunStep = z.output<typeof scriptRunStepSchema>;

export const scriptRunSchema = z.strictObject({
  scriptId: codeSchema,
  title: z.string().min(1).max(80),
  targetSeconds: z.number().int().min(10).max(3600),
  openedAt: epochMsSchema,
  /** When the agent closed it (or the contact's wrap-up was submitted); null while open. */
  closedAt: epochMsSchema.nullable(),
  steps: z.array(scriptRunStepSchema).min(1).max(30),
});
export type ScriptRun = z.output<typeof scriptRunSchema>;

export const scriptRunsSchema = z.array(scriptRunSchema).max(MAX_SCRIPT_RUNS);
