import type syncText from '../../shared/text/en/sync';
import { englishOf, userText, type UserText } from '../../shared/text/user-text';

/**
 * An error whose sentence the agent reads (in the sync status, or a form's answer): it carries the
 * message as a key and values for the window to translate; `message` is the English, for logs.
 */
export class SyncTextError extends Error {
  constructor(readonly text: UserText) {
    super(englishOf(text));
    this.name = 'SyncTextError';
  }
}

export function isSyncTextError(error: unknown): error is SyncTextError {
  return error instanceof SyncTextError;
}

/** What a connector reads or sends, as its sentences name it ("the ticket list"). */
export type Subject = keyof typeof syncText.subject;

export function subject(what: Subject): UserText {
  return userText(`sync.subject.${what}`);
}
