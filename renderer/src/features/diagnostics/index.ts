/**
 * Diagnostics: place <DiagnosticsButton /> at the header-actions slot and call bindDiagnostics(client)
 * at start-up (it answers main's request for the audio device list).
 */
export { DiagnosticsButton } from './DiagnosticsButton';
export { bindDiagnostics } from './audio-devices';
