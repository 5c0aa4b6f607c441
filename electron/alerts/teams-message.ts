import type { AlertFacts } from './alert-facts';
import { factLines, headline, whatIsOverdue } from './alert-facts';

/**
 * An alert as the body a Teams Workflows webhook ("When a Teams webhook request is received",
 * Power Automate) takes: a message with one Adaptive Card attachment, which the flow's "Post card
 * in a chat or channel" step posts (Microsoft Teams docs › "Create incoming webhooks with
 * Workflows"; Adaptive Cards schema 1.4: TextBlock, FactSet, Action.OpenUrl). Office 365
 * connectors, which took MessageCards, are retired.
 *
 * Adaptive Cards read a little Markdown in TextBlocks and facts (emphasis, links, lists); the
 * case's title and the customer's name are escaped so they cannot turn into a link or emphasis.
 */

export interface TeamsMessage {
  type: 'message';
  attachments: { contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: Record<string, unknown> }[];
}

export function escapeCardMarkdown(text: string): string {
  return text.replace(/([\\*_[\]()~`])/g, '\\$1');
}

export function teamsMessage(facts: AlertFacts): TeamsMessage {
  const card: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    // Teams shows the summary in notifications and the activity feed.
    fallbackText: headline(facts),
    body: [
      {
        type: 'TextBlock',
        text: `${facts.priority} escalation: ${whatIsOverdue(facts.event)}`,
        weight: 'Bolder',
        size: 'Medium',
        color: 'Attention',
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: factLines(facts).map(({ label, value, caseText }) => ({
          title: label,
          value: caseText ? escapeCardMarkdown(value) : value,
        })),
      },
      { type: 'TextBlock', text: 'Switchboard SLA alert', isSubtle: true, size: 'Small', wrap: true },
    ],
  };
  if (facts.caseLink !== null)
    card.actions = [{ type: 'Action.OpenUrl', title: `Open case in ${facts.caseLink.crm}`, url: facts.caseLink.url }];
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}
