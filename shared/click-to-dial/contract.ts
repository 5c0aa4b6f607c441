import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import type { CLICK_TO_DIAL_COMMANDS, CLICK_TO_DIAL_EVENTS, CLICK_TO_DIAL_MEDIA } from './channels';
import { CLICK_TO_DIAL_SCHEMES } from './parse';

/** A link the OS handed over, parsed (shared/click-to-dial/parse.ts): waiting for the agent to confirm. */
export const dialRequestSchema = z.strictObject({
  id: z.string().min(1).max(64),
  scheme: z.enum(CLICK_TO_DIAL_SCHEMES),
  /** What the confirmed call passes to telephony.dial. */
  dial: z.string().min(1).max(200),
  /** What the confirmation names. */
  display: z.string().min(1).max(200),
  extension: z.string().max(10).nullable(),
  at: z.number().int(),
});
export type DialRequest = z.output<typeof dialRequestSchema>;

export const clickToDialCommands = {
  /** The link that arrived before the window was listening (first launch by a click); null when none. Clears it. */
  'clickToDial.takePending': { request: z.strictObject({}), response: z.strictObject({ request: dialRequestSchema.nullable() }) },
} as const satisfies Record<(typeof CLICK_TO_DIAL_COMMANDS)[number], CommandSpec>;

export const clickToDialEvents = {
  /** A tel:/sip:/callto: link was clicked: ask "Call <number>?". Nothing is dialled until the agent confirms. */
  'clickToDial.requested': dialRequestSchema,
} as const satisfies Record<(typeof CLICK_TO_DIAL_EVENTS)[number], z.ZodType>;

export const clickToDialMedia = {} as const satisfies Record<(typeof CLICK_TO_DIAL_MEDIA)[number], MediaSpec>;
