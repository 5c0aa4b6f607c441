import type { SipTraceEntry } from '../../shared/telephony/model';

/** Headers that carry credentials (digest responses). Challenges carry none and stay. */
const SECRET_HEADERS = /^(authorization|proxy-authorization)\s*:/i;
/** A header line as RFC 3261 §7.3 writes one: a token name, a colon. Anything else is not a header. */
const HEADER_LINE = /^[A-Za-z0-9!%'*+.^_`~-]+\s*:/;
/** Headers some gateways carry keypad digits in (Cisco-style relay names, vendor X- headers). */
const DIGIT_HEADERS = /^(signal|digits?|dtmf|x-[a-z0-9-]*(dtmf|digits?))\s*:/i;
/** RFC 7433 User-to-User: a warm transfer's case summary travels in its data (shared/telephony/user-to-user.ts). */
const UUI_HEADER = /^(user-to-user)\s*:\s*([^;]*)(.*)$/i;

/** A User-to-User header keeps its parameters (which package, which encoding) but not its data, which may name the customer's problem. */
function withoutUuiData(line: string): string {
  const match = UUI_HEADER.exec(line);
  if (!match) return line;
  return `${match[1]}: [${Math.floor((match[2] ?? '').trim().length / 2)} bytes not kept]${match[3] ?? ''}`;
}

/**
 * The last SIP messages in memory, for diagnostics: the first line and the
 * headers, never the body (SDP) and never the digest credentials. Nothing is
 * written to disk or logged from here.
 *
 * Keypad digits never get in, whether or not recording is paused (PCI secure pause): they travel in
 * INFO bodies (`application/dtmf-relay`: `Signal=4`), which are never kept, and a line that is not a
 * header (a body of a message with bare LF line ends, which would otherwise read as headers) or a
 * header named for digits is dropped too. Always, not only while paused: the trace cannot tell a
 * card number from an IVR choice, an agent may key digits before pressing pause, and what a SIP
 * engineer needs of an INFO (that it went, its Content-Type and Content-Length, the answer) stays.
 */
export class SipTrace {
  private readonly entries: SipTraceEntry[] = [];

  constructor(
    private readonly capacity = 200,
    private readonly now: () => number = Date.now,
  ) {}

  record(direction: 'in' | 'out', message: string): void {
    if (/^(\r\n)+$/.test(message)) return; // CRLF keep-alive
    const headEnd = /\r?\n\r?\n/.exec(message)?.index ?? -1;
    const head = headEnd === -1 ? message : message.slice(0, headEnd);
    const [firstLine = '', ...lines] = head.split(/\r?\n/);
    const headers = lines
      .filter((line) => HEADER_LINE.test(line) && !SECRET_HEADERS.test(line) && !DIGIT_HEADERS.test(line))
      .slice(0, 60)
      .map((line) => withoutUuiData(line).slice(0, 1000));
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
