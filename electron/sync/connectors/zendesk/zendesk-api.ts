import * as z from 'zod';

/**
 * The parts of Zendesk Support's JSON that Switchboard reads, as lenient zod schemas: unknown
 * fields pass (Zendesk adds fields without notice), missing optional ones are null. Each shape
 * is named after the reference section it comes from (Zendesk Support API › …).
 */

const id = z.number().int().nonnegative();
const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const nullableId = id.nullish().transform((v) => v ?? null);
const isoTime = z.string().refine((v) => Number.isFinite(Date.parse(v)), 'must be an ISO 8601 time');

/** Zendesk Support API › Users › JSON format (the fields a customer is made of). */
export const zdUser = z.looseObject({
  id,
  name: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  email: nullableString,
  phone: nullableString,
  role: nullableString,
  /** "false if the user has been deleted". */
  active: z
    .boolean()
    .nullish()
    .transform((v) => v ?? true),
  organization_id: nullableId,
  external_id: nullableString,
  notes: nullableString,
  created_at: isoTime.nullish().transform((v) => v ?? null),
  updated_at: isoTime,
});
export type ZdUser = z.output<typeof zdUser>;

/** Zendesk Support API › Tickets › JSON format; `status` is "deleted" in the incremental export for deleted tickets. */
export const zdTicket = z.looseObject({
  id,
  subject: nullableString,
  raw_subject: nullableString,
  description: nullableString,
  status: z.string(),
  priority: nullableString,
  requester_id: nullableId,
  assignee_id: nullableId,
  group_id: nullableId,
  external_id: nullableString,
  tags: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  created_at: isoTime.nullish().transform((v) => v ?? null),
  updated_at: isoTime,
});
export type ZdTicket = z.output<typeof zdTicket>;

/** Zendesk Support API › Organizations › JSON format. */
export const zdOrganization = z.looseObject({ id, name: z.string() });

/** Zendesk Support API › Ticket Comments › JSON format: only what finds Switchboard's markers. */
export const zdComment = z.looseObject({
  id: id.nullish(),
  body: nullableString,
  plain_body: nullableString,
  html_body: nullableString,
  /** The time of the update that added it (its audit's): the ticket's `updated_at` right after that update. */
  created_at: nullableString,
});
export type ZdComment = z.output<typeof zdComment>;

/** Zendesk Support API › Incremental Exports › Cursor-based Pagination JSON Format. */
const cursorExport = {
  after_cursor: nullableString,
  end_of_stream: z.boolean(),
};
/** With `include=organizations` (Users sideloads), the users' organizations come along. */
export const userExportPage = z.looseObject({
  users: z.array(zdUser),
  organizations: z
    .array(z.looseObject({ id, name: z.string() }))
    .nullish()
    .transform((v) => v ?? []),
  ...cursorExport,
});
export const ticketExportPage = z.looseObject({ tickets: z.array(zdTicket), ...cursorExport });

/** Zendesk Support API › Search › Export Search Results › Response Format. */
export const searchExportPage = z.looseObject({
  results: z.array(zdTicket),
  meta: z.looseObject({
    has_more: z.boolean(),
    after_cursor: nullableString,
  }),
});

/** Zendesk Support API › Search › List Search Results (only used to find where a call was logged). */
export const searchPage = z.looseObject({ results: z.array(z.looseObject({ id, result_type: z.string().optional() })) });

/**
 * Zendesk Support API › Tickets › Count Tickets and Users › Count Users: `{ count: { value,
 * refreshed_at } }`, where `refreshed_at` "may occasionally be null" while the count is being
 * updated (and `value` is then limited to 100,000).
 */
export const countEnvelope = z.looseObject({
  count: z.looseObject({
    value: z.number().int().nonnegative(),
    refreshed_at: nullableString,
  }),
});

export const usersEnvelope = z.looseObject({ users: z.array(zdUser) });
export const userEnvelope = z.looseObject({ user: zdUser });
export const ticketEnvelope = z.looseObject({ ticket: zdTicket });
export const ticketsEnvelope = z.looseObject({ tickets: z.array(zdTicket) });
export const organizationsEnvelope = z.looseObject({ organizations: z.array(zdOrganization) });
export const commentsEnvelope = z.looseObject({ comments: z.array(zdComment) });

/**
 * Zendesk Support API › Introduction › Response format › Errors: `{ error, description, details }`
 * where `error` is a code ("RecordInvalid") or an object `{ title, message }`, and `details` maps a
 * field to `[{ description }]`.
 */
export const zdError = z.looseObject({
  error: z.union([z.string(), z.looseObject({ title: z.string().optional(), message: z.string().optional() })]).optional(),
  description: z.string().optional(),
  details: z.record(z.string(), z.array(z.looseObject({ description: z.string().optional() })).or(z.unknown())).optional(),
});
export type ZdError = z.output<typeof zdError>;
