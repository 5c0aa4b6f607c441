import type { Catalog } from '../catalog';
import type en from '../en/firstRun';

/** German messages of the "firstRun" namespace. */
const de: Catalog<typeof en> = {
  title: 'Erste Schritte',
  localStore:
    'Switchboard ist einsatzbereit: Kunden, Fälle und Ihre Arbeit liegen im lokalen Speicher auf diesem Computer und werden an das CRM gesendet, sobald ein Synchronisierungsserver eingerichtet ist.',
  phone:
    'Um Anrufe anzunehmen und zu tätigen, geben Sie Ihr SIP-Konto (Server, Domäne, Benutzername und Passwort) in der Telefonleiste unter „Telefoneinstellungen“ (Zahnrad-Schaltfläche) ein.',
  setUpPhone: 'Telefon einrichten',
  hide: 'Diese Anleitung ausblenden',
};
export default de;
