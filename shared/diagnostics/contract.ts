import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import type { DIAGNOSTICS_COMMANDS, DIAGNOSTICS_EVENTS, DIAGNOSTICS_MEDIA } from './channels';

/** An audio device as the media engine sees it (labels only: device ids are per-origin secrets). */
export const audioDeviceSchema = z.strictObject({
  kind: z.enum(['audioinput', 'audiooutput']),
  label: z.string().max(200),
  isDefault: z.boolean(),
});
export type AudioDevice = z.output<typeof audioDeviceSchema>;

export const diagnosticsExportResult = z.strictObject({
  /** Where the zip was written: the data folder's diagnostics/ folder. */
  path: z.string().max(4096),
  fileName: z.string().max(200),
  sizeBytes: z.number().int().min(0),
  /** The files inside the zip. */
  files: z.array(z.string().max(200)).max(100),
});
export type DiagnosticsExportResult = z.output<typeof diagnosticsExportResult>;

export const diagnosticsCommands = {
  /**
   * Builds one zip for IT: logs, the last SIP messages, call quality of recent calls, audio devices,
   * effective configuration and versions, with passwords, tokens and Authorization headers removed.
   */
  'diagnostics.export': { request: z.strictObject({}), response: diagnosticsExportResult },
} as const satisfies Record<(typeof DIAGNOSTICS_COMMANDS)[number], CommandSpec>;

export const diagnosticsEvents = {} as const satisfies Record<(typeof DIAGNOSTICS_EVENTS)[number], z.ZodType>;

export const diagnosticsMedia = {
  /** The audio devices the media engine can see, for the diagnostics zip. */
  'diagnostics.media.audioDevices': {
    params: z.strictObject({}),
    result: z.strictObject({ devices: z.array(audioDeviceSchema).max(100), permission: z.string().max(40) }),
  },
} as const satisfies Record<(typeof DIAGNOSTICS_MEDIA)[number], MediaSpec>;
