/** English messages of the "common" namespace: the source catalog; the other languages must have every key. */
export default {
  close: 'Close',
  tools: {
    menu: 'Tools',
    importData: 'Import data…',
    checkSetup: 'Check my setup…',
    settings: 'Settings…',
    exportDiagnostics: 'Export diagnostics…',
    about: 'About Switchboard…',
  },
  about: {
    title: 'About Switchboard',
    product: 'Switchboard',
    tagline: 'The softphone and agent desktop for contact centres.',
    version: 'Version',
    runningIn: 'Running in',
    host: { electron: 'the desktop app', web: 'the web shell' },
    platform: 'Platform',
    unknown: 'Not known yet (the window is not connected)',
  },
} as const;
