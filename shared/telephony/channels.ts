/** Channel names of the telephony area (zod-free: the preload imports these). */
export const TELEPHONY_COMMANDS = [
  'telephony.getState',
  'telephony.setAccount',
  'telephony.reconnect',
  'telephony.dial',
  'telephony.answer',
  'telephony.reject',
  'telephony.hangup',
  'telephony.hold',
  'telephony.resume',
  'telephony.mute',
  'telephony.sendDtmf',
  'telephony.pauseRecording',
  'telephony.resumeRecording',
  'telephony.blindTransfer',
  'telephony.consult',
  'telephony.completeTransfer',
  'telephony.cancelTransfer',
  'telephony.setDevices',
  'telephony.getSipTrace',
] as const;

export const TELEPHONY_EVENTS = ['telephony.registration', 'telephony.view', 'telephony.devices', 'telephony.hotkey'] as const;

export const TELEPHONY_MEDIA = [
  'telephony.media.prepare',
  'telephony.media.getDescription',
  'telephony.media.setDescription',
  'telephony.media.rollback',
  'telephony.media.close',
  'telephony.media.sendDtmf',
  'telephony.media.setMuted',
  'telephony.media.stats',
  'telephony.media.inspect',
  'telephony.media.counters',
  'telephony.media.setDevices',
] as const;
