/** One line of an emulator's request log (`state.requests`), as tests and bench scripts read it. */
export interface RequestLogEntry {
  at: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  /** 0 when the connection was cut instead of answered. */
  status: number;
  fault?: string;
}
