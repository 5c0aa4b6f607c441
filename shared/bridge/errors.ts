import type { FieldError } from '../core/result';
import { englishOf, type UserText } from '../text/user-text';
import { issueTextsOf, type IssueText } from './validate';

export type { IssueText } from './validate';

/** Error codes a bridge reply can carry. Each one tells the caller what to do next. */
export const BRIDGE_ERROR_CODES = [
  /** The message itself is not a bridge message (not JSON, wrong envelope). */
  'bad-message',
  /** The channel or media method is not on the allow-list. */
  'unknown-channel',
  /** The payload does not match the channel's schema; `issues` says where. */
  'invalid-payload',
  /** A handler answered with something that does not match the schema (a bug on the answering side). */
  'invalid-result',
  /** The request was valid but cannot be carried out now (e.g. no media engine attached). */
  'unavailable',
  /** The thing the request refers to does not exist. */
  'not-found',
  /** The request conflicts with the current state. */
  'conflict',
  /** The request is not allowed (e.g. a setting locked by IT policy). */
  'forbidden',
  /** No answer in time. */
  'timeout',
  /** The other side went away before answering. */
  'disconnected',
  /** The far end's session description cannot be used by the media engine (codecs, transport). */
  'incompatible',
  /** The handler failed for a reason the caller cannot fix; details are in the log. */
  'failed',
] as const;

export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export interface BridgeErrorBody {
  code: BridgeErrorCode;
  /** One sentence a person can act on, in English (for logs). Never contains secrets or personal data. */
  message: string;
  /** The same sentence as a key and values, for the window to show in the agent's language (absent: show `message`). */
  text?: UserText;
  /** For invalid payloads: one entry per problem, `field.path: what is wrong`, in English (logs, tests). */
  issues?: string[];
  /** The same problems as keys and values, for the window to mark each field and say why in the agent's language. */
  issueTexts?: IssueText[];
}

/**
 * Thrown by command handlers and media handlers to answer with a specific,
 * user-facing error. Any other exception becomes a generic `failed` reply so
 * that internals (and whatever personal data they hold) never reach the UI.
 *
 * Given a `UserText`, `message` is its English and `text` travels with the body, so the window
 * can show it in the agent's language. A plain string is shown as written.
 */
export class BridgeError extends Error {
  readonly code: BridgeErrorCode;
  readonly issues: string[] | undefined;
  readonly text: UserText | null;
  readonly issueTexts: IssueText[] | undefined;

  constructor(code: BridgeErrorCode, message: string | UserText, issues?: string[], issueTexts?: IssueText[]) {
    super(typeof message === 'string' ? message : englishOf(message));
    this.name = 'BridgeError';
    this.code = code;
    this.issues = issues;
    this.text = typeof message === 'string' ? null : message;
    this.issueTexts = issueTexts;
  }

  /** The body on the wire: its `message` stays English even where this error's `message` was translated. */
  toBody(): BridgeErrorBody {
    const body: BridgeErrorBody = { code: this.code, message: this.text ? englishOf(this.text) : this.message };
    if (this.text) body.text = this.text;
    if (this.issues) body.issues = this.issues;
    if (this.issueTexts && this.issueTexts.length > 0) body.issueTexts = this.issueTexts;
    return body;
  }

  /**
   * The error a body describes. `translate` (the window's) makes `message` the sentence in the
   * agent's language, so whatever shows `error.message` shows it translated; `text` stays for
   * showing it again after a language change. A refusal without `text` whose `message` is its
   * `issueTexts` said in turn says them in turn in the agent's language.
   */
  static fromBody(body: BridgeErrorBody, translate?: (text: UserText) => string): BridgeError {
    const error = new BridgeError(body.code, body.text ?? body.message, body.issues, body.issueTexts);
    if (!translate) return error;
    if (body.text) error.message = translate(body.text);
    else if (body.issueTexts && saysAll(body.message, body.issueTexts))
      error.message = sentencesOf(body.issueTexts.map((i) => translate(i.text)));
    return error;
  }
}

/** Whether `message` is just these problems said in turn (a refusal may also name problems without a message; then it stays as sent). */
function saysAll(message: string, issueTexts: readonly IssueText[]): boolean {
  return issueTexts.length > 0 && sentencesOf(issueTexts.map((i) => englishOf(i.text))) === message;
}

/** Several problems as one message: each sentence once, each ending in a full stop (shared/core/result.ts `refuse`). */
function sentencesOf(sentences: readonly string[]): string {
  const unique = [...new Set(sentences)];
  if (unique.length === 1) return unique[0] ?? '';
  return unique.map((s) => (/[.!?]$/.test(s) ? s : `${s}.`)).join(' ');
}

/**
 * A workflow refusal (shared/core/result.ts) as a bridge error: its sentence, `field: problem`
 * per field in English, and each field's problem as a message where the rule gave one.
 */
export function refusalError(
  code: BridgeErrorCode,
  refusal: { message: string; errors: readonly FieldError[] },
  message: string | UserText = refusal.message,
  extraIssues: readonly string[] = [],
): BridgeError {
  return new BridgeError(
    code,
    message,
    [...extraIssues, ...refusal.errors.map((e) => `${e.field}: ${e.message}`)],
    issueTextsOf(refusal.errors),
  );
}
