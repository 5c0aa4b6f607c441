import type { BridgeClient } from '../bridge/client';

/** What main accepts (shared/app/contract.ts, `app.reportLanguages`): a browser's list is a handful of short tags. */
const MAX_LANGUAGES = 16;
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,4}$/;

/**
 * Tells main this page's preferred languages at each connect and whenever the browser's change.
 * The web shell runs on a server: for the agent's "system" language, the text main shows itself
 * (OS notifications) follows these, as the window does (electron/core/main-language.ts).
 */
export function reportLanguages(client: BridgeClient, nav: Pick<Navigator, 'languages'> = navigator, target: Window = window): void {
  const send = (): void => {
    if (client.connectionState !== 'open') return;
    const languages = nav.languages.filter((tag) => LANGUAGE_TAG.test(tag)).slice(0, MAX_LANGUAGES);
    // Lost with the connection: the next 'open' sends them again.
    client.invoke('app.reportLanguages', { languages }).catch(() => undefined);
  };
  target.addEventListener('languagechange', send);
  client.onConnectionState((state) => {
    if (state === 'open') send();
  });
}
