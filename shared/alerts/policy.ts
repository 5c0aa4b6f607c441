/**
 * What IT sets for SLA alerts (policy section "SLA alerts", docs/deploy.md): the chat webhooks an
 * escalation's overdue clocks and management-chain steps are posted to, per priority and event,
 * and how much of the case a message may carry. Main posts them (electron/alerts); the renderer
 * never sees a webhook address (the key is secret: shared/policy/keys.ts).
 */
import * as z from 'zod';
import { rule } from '../policy/rule-text';
import { CHAIN_ROLES, PRIORITIES, type Priority } from '../config/workflow';

/** The events an alert is raised for: a clock past its deadline, or a chain role falling due. */
export const ALERT_EVENTS = ['acknowledge-overdue', 'resolve-overdue', ...CHAIN_ROLES] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

export const WEBHOOK_KINDS = ['slack', 'teams'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** full: the case's title and the customer's name too; ids-only: ids, priority, times and the agent. */
export const ALERT_CONTENT_LEVELS = ['full', 'ids-only'] as const;
export type AlertContentLevel = (typeof ALERT_CONTENT_LEVELS)[number];

const MAX_WEBHOOKS = 20;

/**
 * A webhook address: https://, or http://127.0.0.1 (the tests' local receivers). Its path is the
 * secret, so no message here repeats the value: policy problems are logged and shown in the app.
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(1000, rule('policy.rule.atMostCharacters', { maximum: 1000 }))
  .refine((value) => {
    // shared/ has no URL class: a strict pattern (scheme, host, optional port and path; no user:password@, no spaces).
    const match =
      /^(https?):\/\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)(?::(\d{1,5}))?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$/.exec(
        value,
      );
    if (!match) return false;
    if (match[3] !== undefined && Number(match[3]) > 65535) return false;
    return match[1] === 'https' || match[2] === '127.0.0.1';
  }, rule('policy.rule.webhookUrl'));

export const webhookIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, rule('policy.rule.webhookId'));

export const alertWebhookSchema = z.strictObject({
  kind: z.enum(WEBHOOK_KINDS, { error: rule('policy.rule.webhookKind') }),
  url: webhookUrlSchema,
});
export type AlertWebhook = z.output<typeof alertWebhookSchema>;

const routeTargets = z.array(webhookIdSchema).max(MAX_WEBHOOKS);
const eventRoutes = z.partialRecord(
  z.enum(ALERT_EVENTS, { error: rule('policy.rule.oneOfList', { list: ALERT_EVENTS.join(', ') }) }),
  routeTargets,
);

/**
 * `{ webhooks: { <name>: { kind, url } }, routes: { <priority>: { <event>: [<name>, ...] } } }`.
 * An event with no route for the escalation's priority is not posted anywhere.
 */
export const alertWebhooksSchema = z
  .strictObject({
    webhooks: z.record(webhookIdSchema, alertWebhookSchema).refine((hooks) => Object.keys(hooks).length <= MAX_WEBHOOKS, {
      message: rule('policy.rule.tooManyWebhooks', { maximum: MAX_WEBHOOKS }),
    }),
    routes: z.partialRecord(z.enum(PRIORITIES, { error: rule('policy.rule.oneOfList', { list: PRIORITIES.join(', ') }) }), eventRoutes),
  })
  .superRefine((value, ctx) => {
    for (const [priority, events] of Object.entries(value.routes)) {
      for (const [event, targets] of Object.entries(events ?? {})) {
        (targets ?? []).forEach((target, index) => {
          if (!(target in value.webhooks))
            ctx.addIssue({
              code: 'custom',
              path: ['routes', priority, event, index],
              message: rule('policy.rule.unknownWebhook', { name: target }),
            });
        });
      }
    }
  });
export type AlertWebhooks = z.output<typeof alertWebhooksSchema>;

/** The webhooks (name and address) an event of this priority goes to, each once, in the order the route names them. */
export function webhooksFor(policy: AlertWebhooks | null, priority: Priority, event: AlertEvent): (AlertWebhook & { id: string })[] {
  const targets = policy?.routes[priority]?.[event] ?? [];
  const seen = new Set<string>();
  const result: (AlertWebhook & { id: string })[] = [];
  for (const id of targets) {
    const hook = policy?.webhooks[id];
    if (hook === undefined || seen.has(id)) continue;
    seen.add(id);
    result.push({ id, ...hook });
  }
  return result;
}
