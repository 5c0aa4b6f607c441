import type { AlertFacts } from './alert-facts';
import { factLines, headline, whatIsOverdue } from './alert-facts';

/**
 * An alert as a Slack incoming-webhook message with Block Kit (Slack API docs › Block Kit:
 * header, section fields, actions, context). `text` is the notification and fallback line.
 * Text from the case (its title, the customer's name) is escaped as Slack's mrkdwn asks
 * ("Formatting text for app surfaces" › Escaping text: &, <, >), so a title cannot mention
 * @channel or smuggle in a link.
 */

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

/** Block Kit's limits: a header's text, a section field, a button's label and its URL. */
const HEADER_MAX = 150;
const FIELD_MAX = 2000;
const BUTTON_LABEL_MAX = 75;
const BUTTON_URL_MAX = 3000;

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function slackMessage(facts: AlertFacts): SlackMessage {
  const blocks: Record<string, unknown>[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: cut(`${facts.priority} escalation: ${whatIsOverdue(facts.event)}`, HEADER_MAX), emoji: false },
    },
    {
      type: 'section',
      fields: factLines(facts).map(({ label, value }) => ({ type: 'mrkdwn', text: cut(`*${label}*\n${escapeMrkdwn(value)}`, FIELD_MAX) })),
    },
  ];
  if (facts.caseLink !== null && facts.caseLink.url.length <= BUTTON_URL_MAX) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: cut(`Open case in ${facts.caseLink.crm}`, BUTTON_LABEL_MAX) },
          url: facts.caseLink.url,
          action_id: 'open-case',
        },
      ],
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: escapeMrkdwn(`Switchboard SLA alert · escalation ${facts.escalationId}`) }],
  });
  return { text: escapeMrkdwn(headline(facts)), blocks };
}
