/** English messages of the "diagnostics" namespace: the source catalog; the other languages must have every key. */
export default {
  title: 'Export diagnostics',
  intro:
    'One zip file for your IT department: the logs, the last SIP messages, call quality, audio devices, the configuration without secrets and the versions. Passwords, tokens and call credentials are not in it.',
  export: 'Export',
  exporting: 'Collecting the diagnostics…',
  exported: 'Diagnostics exported',
  notExported: 'Diagnostics not exported',
  sendFile: 'Send this file to your IT department.',
  file: 'Diagnostics file',
  size_one: '{{count, number}} file, {{kb, number}} KB',
  size_other: '{{count, number}} files, {{kb, number}} KB',
} as const;
