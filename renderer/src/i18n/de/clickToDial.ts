import type { Catalog } from '../catalog';
import type en from '../en/clickToDial';

/** German messages of the "clickToDial" namespace. */
const de: Catalog<typeof en> = {
  title: '{{target}} anrufen?',
  detail: 'Ein {{scheme}}:-Link wurde mit Switchboard geöffnet.',
  extension: 'Durchwahl {{extension}}: Wählen Sie sie über die Wähltastatur, sobald der Anruf angenommen wurde.',
  call: 'Anrufen',
  cancel: 'Abbrechen',
};
export default de;
