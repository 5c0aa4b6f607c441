/** An emulator's answer as a value, so its server can cut, delay or lose it in one place. */
export interface Reply {
  status: number;
  /** An object or array is sent as JSON; a string as text/plain (each emulator says what undefined sends). */
  body: unknown;
  headers?: Record<string, string>;
}

/** An answer thrown from deep in a handler; each emulator subclasses it, naming the service. */
export class EmulatorHttpError extends Error {
  constructor(
    service: string,
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${service} emulator: HTTP ${status}`);
  }

  toReply(): Reply {
    return { status: this.status, body: this.body, headers: this.headers };
  }
}
