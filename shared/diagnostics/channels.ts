/** Channel names of the diagnostics area (zod-free: the preload imports these). */
export const DIAGNOSTICS_COMMANDS = ['diagnostics.export'] as const;
export const DIAGNOSTICS_EVENTS = [] as const;
export const DIAGNOSTICS_MEDIA = ['diagnostics.media.audioDevices'] as const;
