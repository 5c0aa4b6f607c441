import type { AudioDevice } from '../../../../shared/diagnostics/contract';
import type { BridgeClient } from '../../bridge/client';

/** Lists audio devices by label (ids are per-origin identifiers and stay out of the zip). */
export async function listAudioDevices(): Promise<{ devices: AudioDevice[]; permission: string }> {
  let permission = 'unknown';
  try {
    const status = await navigator.permissions.query({ name: 'microphone' });
    permission = status.state;
  } catch {
    // Not every engine can query the microphone permission.
  }
  if (!navigator.mediaDevices?.enumerateDevices) return { devices: [], permission: `${permission}; enumerateDevices unavailable` };
  const all = await navigator.mediaDevices.enumerateDevices();
  const devices = all
    .filter((d): d is MediaDeviceInfo & { kind: 'audioinput' | 'audiooutput' } => d.kind === 'audioinput' || d.kind === 'audiooutput')
    .slice(0, 100)
    .map((d) => ({
      kind: d.kind,
      label: (d.label || '(no label until the microphone is allowed)').slice(0, 200),
      isDefault: d.deviceId === 'default',
    }));
  return { devices, permission };
}

/** Answers main's `diagnostics.media.audioDevices` from this window. */
export function bindDiagnostics(client: BridgeClient): void {
  client.serveMedia({ 'diagnostics.media.audioDevices': () => listAudioDevices() });
}
