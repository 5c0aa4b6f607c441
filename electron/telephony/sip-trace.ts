import type { SipTraceEntry } from '../../shared/telephony/model';

/** Headers that carry credentials (digest responses). Challenges carry none and stay. */
const SECRET_HEADERS = /^(authorization|proxy-authorization)\s*:/i;

/**
 * The last SIP messages in memory, for diagnostics: the first line and the
 * headers, never the body (SDP) and never the digest credentials. Nothing is
 * written to disk or logged from here.
 */
export class SipTrace {
  private readonly entries: SipTraceEntry[] = [];

  constructor(
    private readonly capacity = 200,
    private readonly now: () => number = Date.now,
  ) {}

  record(direction: 'in' | 'out', message: string): void {
    if (/^(\r\n)+$/.test(message)) return; // CRLF keep-alive
    const headEnd = message.indexOf('\r\n\r\n');
    const head = headEnd === -1 ? message : message.slice(0, headEnd);
    const [firstLine = '', ...lines] = head.split('\r\n');
    const headers = lines
      .filter((line) => line !== '' && !SECRET_HEADERS.test(line))
      .slice(0, 60)
      .map((line) => line.slice(0, 1000));
    this.entries.push({ at: this.now(), direction, firstLine: firstLine.slice(0, 300), headers });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): SipTraceEntry[] {
    return this.entries.map((e) => ({ ...e, headers: [...e.headers] }));
  }

  clear(): void {
    this.entries.length = 0;
  }
}
