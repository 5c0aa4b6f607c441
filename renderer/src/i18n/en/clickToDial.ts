/** English messages of the "clickToDial" namespace: the source catalog; the other languages must have every key. */
export default {
  title: 'Call {{target}}?',
  detail: 'A {{scheme}}: link was opened with Switchboard.',
  extension: 'Extension {{extension}}: dial it on the keypad once the call is answered.',
  call: 'Call',
  cancel: 'Cancel',
} as const;
