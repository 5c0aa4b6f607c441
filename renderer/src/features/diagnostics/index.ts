/**
 * Diagnostics: the Tools menu opens <DiagnosticsDialog />; main.tsx calls bindDiagnostics(client)
 * at start-up (it answers main's request for the audio device list).
 */
export { DiagnosticsDialog } from './DiagnosticsDialog';
export { bindDiagnostics } from './audio-devices';
