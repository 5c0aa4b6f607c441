/**
 * The records the Zendesk emulator keeps and the JSON it renders them as.
 *
 * Field names, value sets and envelopes follow Zendesk Support API › Tickets,
 * › Users, › Organizations and › Ticket Comments (JSON format tables). Records
 * hold times as epoch milliseconds; the wire carries ISO 8601 UTC with second
 * precision ("2011-05-05T10:38:52Z"), as every example in the reference does.
 */

/** `deleted` is not settable: it is how a deleted ticket shows in the incremental ticket export. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Order used by search comparisons (`status<solved` is new, open, pending and hold). */
export const STATUS_ORDER: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const TICKET_TYPES = ['problem', 'incident', 'question', 'task'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export type UserRole = 'end-user' | 'agent' | 'admin';

export interface ZendeskUser {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  organization_id: number | null;
  role: UserRole;
  /** False once the user is deleted; deleted users stay readable and still come through the user export. */
  active: boolean;
  suspended: boolean;
  external_id: string | null;
  tags: string[];
  time_zone: string;
  locale: string;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface ZendeskOrganization {
  id: number;
  name: string;
  external_id: string | null;
  domain_names: string[];
  tags: string[];
  details: string | null;
  notes: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface CustomFieldValue {
  id: number;
  value: unknown;
}

export interface TicketVia {
  channel: string;
  source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null };
}

export interface ZendeskTicket {
  id: number;
  subject: string | null;
  /** The first comment's text, as Zendesk sets it; read-only on the wire. */
  description: string;
  status: TicketStatus;
  priority: Priority | null;
  type: TicketType | null;
  requester_id: number;
  submitter_id: number;
  organization_id: number | null;
  assignee_id: number | null;
  group_id: number | null;
  tags: string[];
  custom_fields: CustomFieldValue[];
  external_id: string | null;
  due_at_ms: number | null;
  via: TicketVia;
  /**
   * Public flag new comments get when the request leaves `public` out: "The initial value set on
   * ticket creation persists for any additional comment unless you change it" (Ticket Comments › JSON format).
   */
  comment_public: boolean;
  created_at_ms: number;
  updated_at_ms: number;
}

/** Zendesk Support API › Talk Partner Edition API › Create Ticket or Voicemail Ticket (voice_comment table). */
export interface VoiceCommentData {
  from: string;
  to: string;
  recording_url: string;
  started_at: string;
  call_duration: number;
  answered_by_id: number;
  transcription_text?: string;
  location?: string;
}

export interface ZendeskComment {
  id: number;
  ticket_id: number;
  type: 'Comment' | 'VoiceComment';
  body: string;
  html_body: string;
  public: boolean;
  author_id: number;
  via: TicketVia;
  data: VoiceCommentData | null;
  created_at_ms: number;
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function viaApi(): TicketVia {
  return { channel: 'api', source: { from: {}, to: {}, rel: null } };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function htmlOf(text: string): string {
  return `<div class="zd-comment" dir="auto"><p dir="auto">${escapeHtml(text).replace(/\n/g, '<br>')}</p></div>`;
}

export function userJson(user: ZendeskUser, baseUrl: string): Record<string, unknown> {
  return {
    id: user.id,
    url: `${baseUrl}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    phone: user.phone,
    organization_id: user.organization_id,
    role: user.role,
    active: user.active,
    suspended: user.suspended,
    verified: user.email !== null,
    external_id: user.external_id,
    tags: user.tags,
    time_zone: user.time_zone,
    locale: user.locale,
    shared_phone_number: user.phone === null ? null : false,
    user_fields: {},
    created_at: isoSeconds(user.created_at_ms),
    updated_at: isoSeconds(user.updated_at_ms),
  };
}

/**
 * What `GET /api/v2/users/me` answers a caller without credentials (Users › Show the Currently
 * Authenticated User is "Allowed For: Anonymous users"): a 200 with an anonymous user, not a 401.
 */
export function anonymousUserJson(): Record<string, unknown> {
  return { id: null, url: null, name: 'Anonymous user', email: null, role: 'end-user', active: true, verified: false };
}

export function organizationJson(org: ZendeskOrganization, baseUrl: string): Record<string, unknown> {
  return {
    id: org.id,
    url: `${baseUrl}/api/v2/organizations/${org.id}.json`,
    name: org.name,
    external_id: org.external_id,
    domain_names: org.domain_names,
    tags: org.tags,
    details: org.details,
    notes: org.notes,
    shared_tickets: false,
    shared_comments: false,
    organization_fields: {},
    created_at: isoSeconds(org.created_at_ms),
    updated_at: isoSeconds(org.updated_at_ms),
  };
}

export function ticketJson(ticket: ZendeskTicket, baseUrl: string): Record<string, unknown> {
  return {
    id: ticket.id,
    url: `${baseUrl}/api/v2/tickets/${ticket.id}.json`,
    external_id: ticket.external_id,
    via: ticket.via,
    created_at: isoSeconds(ticket.created_at_ms),
    updated_at: isoSeconds(ticket.updated_at_ms),
    generated_timestamp: Math.floor(ticket.updated_at_ms / 1000),
    type: ticket.type,
    subject: ticket.subject,
    raw_subject: ticket.subject,
    description: ticket.description,
    priority: ticket.priority,
    status: ticket.status,
    requester_id: ticket.requester_id,
    submitter_id: ticket.submitter_id,
    assignee_id: ticket.assignee_id,
    organization_id: ticket.organization_id,
    group_id: ticket.group_id,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    problem_id: null,
    has_incidents: false,
    is_public: ticket.comment_public,
    due_at: ticket.due_at_ms === null ? null : isoSeconds(ticket.due_at_ms),
    tags: ticket.tags,
    custom_fields: ticket.custom_fields,
    fields: ticket.custom_fields,
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    followup_ids: [],
    from_messaging_channel: false,
  };
}

export function commentJson(comment: ZendeskComment): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: comment.id,
    type: comment.type,
    author_id: comment.author_id,
    body: comment.body,
    html_body: comment.html_body,
    plain_body: comment.body,
    public: comment.public,
    attachments: [],
    audit_id: comment.id,
    via: comment.via,
    created_at: isoSeconds(comment.created_at_ms),
    metadata: { system: {}, custom: {} },
  };
  if (comment.data) json.data = comment.data;
  return json;
}
