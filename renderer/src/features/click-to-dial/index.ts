/**
 * Click-to-dial: place <ClickToDialPrompt /> once (next to the header actions) and call
 * bindClickToDial(client) at start-up. A clicked tel:/sip:/callto: link asks "Call <number>?" first.
 */
export { ClickToDialPrompt } from './ClickToDialPrompt';
export { bindClickToDial, useClickToDial } from './click-to-dial-state';
