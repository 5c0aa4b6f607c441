import { userText, userTextSchema, type TextValue, type UserText } from '../../shared/text/user-text';

/**
 * Why an outbox row was parked, held back or is in conflict, as the outbox keeps it: the message's
 * JSON in the row's text column (`last_error_message`), so the window can show it in the agent's
 * language. Sync and SLA alerts (electron/alerts/alert-delivery.ts) both store them so. A row
 * written before messages were kept this way still reads: its sentence is shown as it is.
 */

/** What the store keeps of a row's reason (electron/store/worker/outbox.ts clips longer text). */
export const STORED_TEXT_MAX = 500;

function clipValues(text: UserText, max: number): UserText {
  if (!text.values) return text;
  const values: Record<string, TextValue> = {};
  for (const [name, value] of Object.entries(text.values)) {
    values[name] =
      typeof value === 'string'
        ? value.length > max
          ? `${value.slice(0, max - 1)}…`
          : value
        : typeof value === 'number'
          ? value
          : clipValues(value, max);
  }
  return { key: text.key, values };
}

/**
 * The message as the outbox row keeps it. A long value (what the CRM said) is shortened until the
 * whole fits the column: a clipped JSON text would no longer read as a message.
 */
export function storedText(text: UserText): string {
  let stored = JSON.stringify(text);
  for (let max = 400; stored.length > STORED_TEXT_MAX && max >= 8; max = Math.floor(max * 0.7)) {
    stored = JSON.stringify(clipValues(text, max));
  }
  return stored.length > STORED_TEXT_MAX ? JSON.stringify(userText(text.key)) : stored;
}

/** The message an outbox row keeps; `fallback` when it keeps none, its sentence as written when it is not a message. */
export function textOfStored(stored: string | null | undefined, fallback: UserText): UserText {
  if (stored === null || stored === undefined || stored.trim() === '') return fallback;
  if (stored.startsWith('{')) {
    try {
      const parsed = userTextSchema.safeParse(JSON.parse(stored));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: a sentence that happens to start with a brace.
    }
  }
  return userText('sync.outbox.legacy', { detail: stored });
}
