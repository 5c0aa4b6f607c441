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
  /** One sentence a person can act on. Never contains secrets or personal data. */
  message: string;
  /** For invalid payloads: one entry per problem, `field.path: what is wrong`. */
  issues?: string[];
}

/**
 * Thrown by command handlers and media handlers to answer with a specific,
 * user-facing error. Any other exception becomes a generic `failed` reply so
 * that internals (and whatever personal data they hold) never reach the UI.
 */
export class BridgeError extends Error {
  readonly code: BridgeErrorCode;
  readonly issues: string[] | undefined;

  constructor(code: BridgeErrorCode, message: string, issues?: string[]) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
    this.issues = issues;
  }

  toBody(): BridgeErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromBody(body: BridgeErrorBody): BridgeError {
    return new BridgeError(body.code, body.message, body.issues);
  }
}
