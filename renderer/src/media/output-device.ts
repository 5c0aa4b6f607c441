/**
 * Sends an element's sound to `deviceId` (undefined: the system default). When the chosen device
 * cannot be used (unplugged since it was chosen) the element goes to the default instead. Resolves
 * with null when the element now plays where asked or on the default, else with why not (the error
 * name); it never rejects, because callers run it without waiting (a call's audio starts anyway).
 */
export async function routeAudio(element: HTMLMediaElement, deviceId: string | undefined): Promise<string | null> {
  if (typeof element.setSinkId !== 'function') return null;
  const target = deviceId ?? '';
  // Every element starts on the default output. Asking for the output it already uses changes
  // nothing, yet Chromium can refuse it (AbortError where it cannot open an output device, as on a
  // machine without sound hardware), so it is not asked.
  if (element.sinkId === target) return null;
  try {
    await element.setSinkId(target);
    return null;
  } catch (error) {
    const why = error instanceof DOMException ? error.name : 'setSinkId failed';
    if (target === '') return why;
    // Still on the default: the fallback is where it already plays.
    if (element.sinkId === '') return null;
    try {
      await element.setSinkId('');
      return null;
    } catch (fallbackError) {
      return fallbackError instanceof DOMException ? fallbackError.name : why;
    }
  }
}
