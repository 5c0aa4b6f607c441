import type { Catalog } from '../catalog';
import type en from '../en/sso';

/** German messages of the "sso" namespace. */
const de: Catalog<typeof en> = {
  agent: {
    label: 'Angemeldeter Agent',
    notSignedIn: 'Nicht angemeldet',
    signIn: 'Anmelden',
    signOut: 'Abmelden',
    email: ' ({{email}})',
  },
  screen: {
    title: 'Bei Switchboard anmelden',
    body: 'Ihre Organisation meldet Sie an. Switchboard öffnet deren Anmeldeseite in Ihrem Browser; kehren Sie hierher zurück, sobald dort steht, dass Sie angemeldet sind.',
    waiting: 'Warten auf die Anmeldung in Ihrem Browser…',
    signIn: 'Anmelden',
  },
  failed: 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
};
export default de;
