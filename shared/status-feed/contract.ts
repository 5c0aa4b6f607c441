import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import { userTextSchema } from '../text/user-text';
import type { STATUS_FEED_COMMANDS, STATUS_FEED_EVENTS, STATUS_FEED_MEDIA } from './channels';

/**
 * The outage banner: main polls the status feed IT sets by policy (electron/status-feed/) and
 * pushes what is going on as one view. The feed never blocks calls: when it cannot be read the
 * view says so ("status feed unavailable") with the time of the last good read, and keeps the
 * incidents of that read.
 */

/** Statuspage's incident impact; `maintenance` for a maintenance in progress, `unknown` for RSS/Atom, which carry none. */
export const INCIDENT_IMPACTS = ['critical', 'major', 'minor', 'none', 'maintenance', 'unknown'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

/** Statuspage's unresolved incident statuses, a maintenance's `in_progress` / `verifying`, and `unknown` for a feed entry without one. */
export const ACTIVE_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'in_progress', 'verifying', 'unknown'] as const;
export type ActiveIncidentStatus = (typeof ACTIVE_INCIDENT_STATUSES)[number];

const ms = z.number().int().min(0);

export const incidentSchema = z.strictObject({
  /** The feed's id (Statuspage incident id, RSS guid, Atom id): what a wrap-up links to. */
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(300),
  impact: z.enum(INCIDENT_IMPACTS),
  status: z.enum(ACTIVE_INCIDENT_STATUSES),
  /** The newest update's text, as plain text. */
  latestUpdate: z.string().max(2000).nullable(),
  /** Names of the components it affects. */
  components: z.array(z.string().min(1).max(200)).max(50),
  startedAt: ms.nullable(),
  updatedAt: ms.nullable(),
  /** The incident's page, https only (shown as a link). */
  url: z.string().max(500).nullable(),
});
export type Incident = z.output<typeof incidentSchema>;

export const STATUS_FEED_STATES = ['off', 'starting', 'ok', 'unavailable'] as const;
export type StatusFeedState = (typeof STATUS_FEED_STATES)[number];

export const statusFeedViewSchema = z.strictObject({
  /** off: no feed set; starting: not read yet; ok: the last read worked; unavailable: it did not. */
  state: z.enum(STATUS_FEED_STATES),
  /** Active incidents of the last good read, most severe first. */
  incidents: z.array(incidentSchema).max(50),
  /** When the feed was last read successfully (a 304 counts). */
  lastGoodAt: ms.nullable(),
  /** Why the last read failed (no personal data: the host and the reason), in the window's language. */
  problem: userTextSchema.nullable(),
});
export type StatusFeedView = z.output<typeof statusFeedViewSchema>;

export const statusFeedCommands = {
  'statusFeed.getView': { request: z.strictObject({}), response: statusFeedViewSchema },
} as const satisfies Record<(typeof STATUS_FEED_COMMANDS)[number], CommandSpec>;

export const statusFeedEvents = {
  'statusFeed.view': statusFeedViewSchema,
} as const satisfies Record<(typeof STATUS_FEED_EVENTS)[number], z.ZodType>;

export const statusFeedMedia = {} as const satisfies Record<(typeof STATUS_FEED_MEDIA)[number], MediaSpec>;
