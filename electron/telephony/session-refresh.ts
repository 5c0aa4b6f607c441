/**
 * Session refreshes by UPDATE (RFC 4028 with RFC 3311). PBXs, SBCs and trunks keep a call's
 * session alive by refreshing it every half interval, with a re-INVITE or an UPDATE without a
 * body. sip.js answers re-INVITEs but answers every in-dialog UPDATE 501 Not Implemented, and a
 * refresher whose refresh fails ends the call (RFC 4028 §10) when the session expires.
 * This answers a body-less UPDATE for a call we have with 200 OK before sip.js sees it.
 * An UPDATE with an SDP body (a mid-call media change) still goes to sip.js (501): the far end
 * then falls back to a re-INVITE, which sip.js handles.
 */

/** Headers copied from the request into the response (RFC 3261 §8.2.6.2), compact forms included. */
const COPIED = new Set(['via', 'v', 'from', 'f', 'to', 't', 'call-id', 'i', 'cseq']);

interface ParsedRequest {
  method: string;
  headers: { name: string; value: string }[];
  body: string;
}

function parseRequest(raw: string): ParsedRequest | null {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const lines = head.split('\r\n');
  const start = /^([A-Z]+) \S+ SIP\/2\.0$/.exec(lines[0] ?? '');
  if (!start?.[1]) return null;
  const headers: { name: string; value: string }[] = [];
  for (const line of lines.slice(1)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      // A folded header line continues the one before it.
      const last = headers[headers.length - 1]!;
      last.value = `${last.value} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { method: start[1], headers, body };
}

function header(request: ParsedRequest, ...names: string[]): string | null {
  return request.headers.find((h) => names.includes(h.name.toLowerCase()))?.value ?? null;
}

/**
 * The 200 OK for a body-less in-dialog UPDATE of a live call, or null when it is not one (then
 * sip.js handles the message as usual). `contact` is our Contact header value (`<sip:…>`), which a
 * 2xx to a target-refresh request must carry.
 */
export function answerRefreshUpdate(raw: string, contact: string, isLiveCall: (sipCallId: string) => boolean): string | null {
  if (!raw.startsWith('UPDATE ')) return null;
  const request = parseRequest(raw);
  if (!request || request.method !== 'UPDATE') return null;
  const length = Number(header(request, 'content-length', 'l') ?? '0');
  if (length !== 0 || request.body.trim() !== '') return null;
  const callId = header(request, 'call-id', 'i');
  const to = header(request, 'to', 't');
  if (!callId || !to || !/;\s*tag=/i.test(to) || !isLiveCall(callId)) return null;

  const lines = ['SIP/2.0 200 OK'];
  for (const h of request.headers) if (COPIED.has(h.name.toLowerCase())) lines.push(`${h.name}: ${h.value}`);
  lines.push(`Contact: ${contact}`);
  const sessionExpires = header(request, 'session-expires', 'x');
  if (sessionExpires) {
    // Accept the interval and the refresher the far end chose (RFC 4028 §9): it keeps refreshing.
    lines.push(`Session-Expires: ${sessionExpires}`, 'Require: timer');
  }
  lines.push('Supported: timer', 'Content-Length: 0', '', '');
  return lines.join('\r\n');
}
