/** Channel names of the pre-shift check, "Check my setup" (zod-free: the preload imports these). */
export const PRE_SHIFT_COMMANDS = ['preShift.status', 'preShift.callTest', 'preShift.cancel', 'preShift.record'] as const;
export const PRE_SHIFT_EVENTS = [] as const;
export const PRE_SHIFT_MEDIA = ['preShift.media.offer', 'preShift.media.answer', 'preShift.media.measure', 'preShift.media.close'] as const;
