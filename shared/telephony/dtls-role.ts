/**
 * The DTLS role of the answer the media engine makes while an inbound call rings
 * (docs/architecture.md, "While it rings: the DTLS role"). An offer of `a=setup:actpass` leaves the
 * role to the answerer (RFC 5763 §5):
 *
 * - `active`: Switchboard is the DTLS client. Chromium sends its ClientHello as soon as ICE connects,
 *   while the call rings, so an offerer that takes it (RFC 5763 §5 asks it to) finishes the handshake
 *   before the agent answers, and Answer costs the 200 OK and one packet. It is what browsers answer.
 * - `passive`: the offerer starts DTLS once the 200 OK brings it the answer: two round trips after
 *   Answer, with any offerer, including one that drops a ClientHello that comes before the answer.
 * - `auto`: `active` when the offer shows it was made by a media server (an SBC or media relay,
 *   `offerFromMediaServer`), else `passive`.
 */
export const DTLS_ROLES_WHILE_RINGING = ['auto', 'active', 'passive'] as const;
export type DtlsRoleWhileRinging = (typeof DTLS_ROLES_WHILE_RINGING)[number];

/**
 * What `auto` reads as a media server's offer, one made by the relay that terminates ICE and DTLS
 * itself and so holds its DTLS state from the moment it offers:
 * - an ICE-lite offer (`a=ice-lite`): only servers are ICE-lite (RFC 8445 §2.5);
 * - an RTP/SAVPF audio section without `a=mid` or a BUNDLE group: how an SBC or media relay that
 *   bridges plain SIP phones offers toward a WebRTC client (rtpengine, the lab's gateway, does;
 *   docs/interop.md). A WebRTC endpoint (a browser, a WebRTC library, a PBX passing one through)
 *   writes both.
 * Anything else gets `passive`: not every WebRTC stack takes a ClientHello before it has the answer
 * (werift 0.24, the lab's WebRTC far end, drops it), and Chromium's retransmission timer doubles for
 * as long as the call rings, so the first audio could come seconds after Answer.
 */
export function offerFromMediaServer(offer: string): boolean {
  const lines = offer.split(/\r?\n/);
  if (lines.some((l) => l === 'a=ice-lite')) return true;
  if (lines.some((l) => /^a=group:BUNDLE\b/.test(l) || /^a=mid:/.test(l))) return false;
  return lines.some((l) => /^m=audio \d+ (?:UDP\/TLS\/)?RTP\/SAVPF /.test(l));
}

/**
 * The a=setup the ringing answer says. `null` leaves Chromium's own choice, which follows the offer
 * when it fixed the role (`a=setup:passive` → active, `a=setup:active` → passive) and is `active` for
 * `actpass`. Only `actpass` gives the answerer a choice: any other rewrite would leave both sides
 * waiting for the other to start DTLS.
 */
export function ringingAnswerRole(offer: string, choice: DtlsRoleWhileRinging): 'passive' | null {
  if (!/^a=setup:actpass\r?$/m.test(offer)) return null;
  if (choice === 'active') return null;
  if (choice === 'passive') return 'passive';
  return offerFromMediaServer(offer) ? null : 'passive';
}
