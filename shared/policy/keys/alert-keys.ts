/** Policy keys for SLA alerts to chat and the status feed behind the outage banner. */
import * as z from 'zod';
import { oneOf } from '../rule-text';
import { ALERT_CONTENT_LEVELS, alertWebhooksSchema } from '../../alerts/policy';
import { httpsUrl, wholeSeconds, define, STATUS_FEED_MIN_POLL_SECONDS, STATUS_FEED_MAX_POLL_SECONDS } from '../key-definition';

export const ALERT_KEYS = {
  slaAlertWebhooks: define({
    section: 'SLA alerts',
    title: 'SLA alert webhooks',
    description:
      'Where overdue escalations and management-chain steps are posted: JSON { webhooks: { <name>: { kind: "slack" | "teams", url } }, routes: { <P1-P4>: { <acknowledge-overdue | resolve-overdue | team-lead | service-manager | vp-operations>: [<name>, ...] } } }. Slack: an incoming webhook; Teams: a Workflows webhook (docs/deploy.md, "SLA alerts"). The addresses are secrets: https:// only, never shown in the app.',
    kind: 'json',
    schema: alertWebhooksSchema,
    builtin: null,
    secret: true,
    example:
      '{"webhooks":{"ops-slack":{"kind":"slack","url":"https://hooks.slack.com/services/T000/B000/XXXX"}},"routes":{"P1":{"acknowledge-overdue":["ops-slack"],"team-lead":["ops-slack"]}}}',
  }),
  slaAlertContent: define({
    section: 'SLA alerts',
    title: 'SLA alert content',
    description:
      "full: a message names the case's title and the customer's name besides the ids, priority, what is overdue and by how much, the agent and the case's CRM link. ids-only: no title and no name.",
    kind: 'string',
    schema: z.enum(ALERT_CONTENT_LEVELS, { error: oneOf(ALERT_CONTENT_LEVELS) }),
    builtin: 'full',
    example: 'ids-only',
  }),
  statusFeedUrl: define({
    section: 'Status feed',
    title: 'Status feed address',
    description:
      "The https:// address of a status feed whose active incidents show as a banner above the customer pane: a Statuspage v2 summary.json, or an RSS 2.0 or Atom feed (e.g. Statuspage's history.rss / history.atom). Not set: no banner. http:// only for 127.0.0.1.",
    kind: 'string',
    schema: httpsUrl('https://status.example.com/api/v2/summary.json'),
    builtin: null,
    example: 'https://status.example.com/api/v2/summary.json',
  }),
  statusFeedPollSeconds: define({
    section: 'Status feed',
    title: 'Status feed poll interval',
    description: `How often, in seconds, the status feed is read (${STATUS_FEED_MIN_POLL_SECONDS} to ${STATUS_FEED_MAX_POLL_SECONDS}). After a failed read the next one waits longer, up to 10 minutes.`,
    kind: 'string',
    schema: wholeSeconds(STATUS_FEED_MIN_POLL_SECONDS, STATUS_FEED_MAX_POLL_SECONDS),
    builtin: 60,
    example: '60',
  }),
} as const;
