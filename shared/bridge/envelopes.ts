import * as z from 'zod';
import { userTextSchema } from '../text/user-text';
import { BRIDGE_ERROR_CODES } from './errors';

/**
 * The wire envelopes. The Electron transport carries the same fields over IPC
 * channels; the web shell carries them as JSON text over its WebSocket.
 */
const requestId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const errorBodySchema = z.strictObject({
  code: z.enum(BRIDGE_ERROR_CODES),
  /** English, for logs; the window shows `text` when there is one (shared/bridge/errors.ts). */
  message: z.string().max(1000),
  text: userTextSchema.optional(),
  issues: z.array(z.string().max(1000)).max(50).optional(),
  /** The issues as messages the window translates (shared/bridge/errors.ts `IssueText`). */
  issueTexts: z
    .array(z.strictObject({ path: z.string().max(200), text: userTextSchema }))
    .max(50)
    .optional(),
});

const channelName = z.string().min(1).max(100);

export const commandEnvelope = z.strictObject({
  t: z.literal('command'),
  id: requestId,
  channel: channelName,
  payload: z.unknown(),
});

export const mediaReplyEnvelope = z.discriminatedUnion('ok', [
  z.strictObject({ t: z.literal('media-reply'), id: requestId, ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ t: z.literal('media-reply'), id: requestId, ok: z.literal(false), error: errorBodySchema }),
]);

/** Renderer → main. */
export const clientEnvelope = z.union([commandEnvelope, mediaReplyEnvelope]);

export const replyEnvelope = z.discriminatedUnion('ok', [
  z.strictObject({ t: z.literal('reply'), id: requestId, ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ t: z.literal('reply'), id: requestId, ok: z.literal(false), error: errorBodySchema }),
]);

export const eventEnvelope = z.strictObject({ t: z.literal('event'), channel: channelName, payload: z.unknown() });

export const mediaRequestEnvelope = z.strictObject({
  t: z.literal('media'),
  id: requestId,
  method: channelName,
  params: z.unknown(),
});

/** A message main could not attribute to a request (unparseable, no id). */
export const protocolErrorEnvelope = z.strictObject({ t: z.literal('error'), error: errorBodySchema });

/** Main → renderer. */
export const serverEnvelope = z.union([replyEnvelope, eventEnvelope, mediaRequestEnvelope, protocolErrorEnvelope]);

export type CommandEnvelope = z.output<typeof commandEnvelope>;
export type MediaReplyEnvelope = z.output<typeof mediaReplyEnvelope>;
export type ClientEnvelope = z.output<typeof clientEnvelope>;
export type ReplyEnvelope = z.output<typeof replyEnvelope>;
export type EventEnvelope = z.output<typeof eventEnvelope>;
export type MediaRequestEnvelope = z.output<typeof mediaRequestEnvelope>;
export type ServerEnvelope = z.output<typeof serverEnvelope>;

/** The body of a reply without its id: what a handler's outcome becomes. */
export type ReplyBody = { ok: true; result: unknown } | { ok: false; error: z.output<typeof errorBodySchema> };

/**
 * Largest message either side accepts. Most are a few kB (SDP, screen pops); the largest the
 * renderer sends is a `store.import.append` chunk, 512 Ki characters, at most 3 MiB as JSON (a
 * control character is six bytes escaped). tests/unit/web-shell/host.test.ts sends that worst case.
 */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
