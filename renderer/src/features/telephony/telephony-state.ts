import { create } from 'zustand';
import { i18n } from '../../i18n';
import { BridgeError } from '../../../../shared/bridge/errors';
import type { PhoneView, TelephonyState } from '../../../../shared/telephony/contract';
import {
  DEFAULT_DEVICE_PREFS,
  type Call,
  type CallEnded,
  type DevicePrefs,
  type RegistrationState,
} from '../../../../shared/telephony/model';
import type { AccountSummary, DtmfMode } from '../../../../shared/telephony/settings';
import type { BridgeClient } from '../../bridge/client';
import { getMediaEngine } from '../../media/engine';
import { partyLabel, partyName, primaryCall, ringingCalls } from './telephony-model';
import type { HotkeyAction } from '../../../../shared/hotkeys/accelerator';
import type { UserText } from '../../../../shared/text/user-text';

/**
 * The renderer's mirror of the phone in main. Main owns the truth: this store
 * is filled from `telephony.getState` on every (re)connection, so a reload
 * shows the calls in progress at once, and then takes each phone view main
 * pushes (`telephony.view`) as it is.
 */
export interface TelephonyStore {
  registration: RegistrationState | null;
  calls: Call[];
  account: AccountSummary | null;
  devices: DevicePrefs;
  dtmfMode: DtmfMode;
  defaultRegion: string;
  /** Server and domain enforced by IT policy, if any. */
  lockedAddress: TelephonyState['lockedAddress'];
  /** The last call that ended (what the call log got). */
  lastEnded: CallEnded | null;
  /** A phone view came since the connection opened: a call that ends after it is news (its problem is shown). */
  viewSeen: boolean;
  /**
   * The last phone command that failed, until the next success: main's message (a command's
   * refusal, why a call ended), translated when shown, or an error's sentence as it came.
   */
  error: PhoneError | null;
  /** Commands in flight, by a key such as "hold:<callId>", so buttons can be disabled. */
  pending: Record<string, true>;
}

/** What the phone strip shows as the last failure (PhoneBar): a message main composed, or a sentence. */
export type PhoneError = UserText | string;

export const useTelephony = create<TelephonyStore>()(() => ({
  registration: null,
  calls: [],
  account: null,
  devices: DEFAULT_DEVICE_PREFS,
  dtmfMode: 'rfc4733',
  defaultRegion: 'US',
  lockedAddress: null,
  lastEnded: null,
  viewSeen: false,
  error: null,
  pending: {},
}));

let boundClient: BridgeClient | null = null;

/** The client bindTelephony was given (the phone UI's commands go through it). */
export function phoneClient(): BridgeClient | null {
  return boundClient;
}

export function applyTelephonyState(state: TelephonyState): void {
  useTelephony.setState({
    registration: state.registration,
    calls: state.calls.filter((c) => c.status !== 'ended'),
    account: state.account,
    devices: state.devices,
    dtmfMode: state.dtmfMode,
    defaultRegion: state.defaultRegion,
    lockedAddress: state.lockedAddress,
  });
}

/** Takes main's phone view, pushed or answered by a call control; the media engine follows it (ring, quality). */
function applyPhoneView(view: PhoneView): void {
  getMediaEngine()?.follow(view);
  useTelephony.setState((s) => {
    // The first view after (re)connecting may name a call that ended before: that one is no news.
    const newlyEnded = s.viewSeen && view.lastEnded !== null && view.lastEnded.callId !== s.lastEnded?.callId ? view.lastEnded : null;
    return {
      calls: view.calls,
      lastEnded: view.lastEnded ?? s.lastEnded,
      viewSeen: true,
      // Why a call failed, in main's one message (media unusable, the server gone); never an exception's text.
      ...(newlyEnded?.problem ? { error: newlyEnded.problem } : {}),
    };
  });
}

/** Mirrors main's telephony state into the store; call once at start-up. */
export function bindTelephony(client: BridgeClient): () => void {
  boundClient = client;
  const offs = [
    client.onConnectionState((state) => {
      if (state !== 'open') return;
      useTelephony.setState({ viewSeen: false });
      client
        .invoke('telephony.getState', {})
        .then(applyTelephonyState)
        .catch((error: unknown) => useTelephony.setState({ error: phoneErrorOf(error) }));
    }),
    client.on('telephony.registration', (registration) => useTelephony.setState({ registration })),
    client.on('telephony.view', applyPhoneView),
    client.on('telephony.devices', (devices) => useTelephony.setState({ devices })),
    client.on('telephony.hotkey', ({ action }) => void globalHotkey(action)),
    useTelephony.subscribe((state, previous) => {
      // A call that starts ringing is announced (web shell); none ringing any more stops it.
      const before = new Set(ringingCalls(previous.calls).map((c) => c.id));
      const rung = ringingCalls(state.calls).find((c) => !before.has(c.id));
      if (rung) announceIncoming(client, partyLabel(rung), rung.waiting);
      else if (ringingCalls(state.calls).length === 0 && before.size > 0) stopAnnouncing();
    }),
  ];
  return () => {
    for (const off of offs) off();
    if (boundClient === client) boundClient = null;
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failed command as the phone strip keeps it: main's message when it sent one (shown again after a language change). */
export function phoneErrorOf(error: unknown): PhoneError {
  return error instanceof BridgeError && error.text ? error.text : messageOf(error);
}

/**
 * Runs a phone command with `key` marked pending; a failure lands in `error`
 * (shown to the agent) instead of throwing.
 */
export async function runPhoneCommand<T>(key: string, action: (client: BridgeClient) => Promise<T>): Promise<T | null> {
  const client = boundClient;
  if (!client) {
    useTelephony.setState({ error: i18n.t('telephony:errors.notConnected') });
    return null;
  }
  useTelephony.setState((s) => ({ pending: { ...s.pending, [key]: true } }));
  try {
    const result = await action(client);
    useTelephony.setState({ error: null });
    return result;
  } catch (error) {
    useTelephony.setState({ error: phoneErrorOf(error) });
    return null;
  } finally {
    useTelephony.setState((s) => {
      const pending = { ...s.pending };
      delete pending[key];
      return { pending };
    });
  }
}

// ------------------------------------------------------------------ actions (buttons, shortcuts, headset)

/** A call control: its answer is the phone view as the command left it, taken like a push. */
function viewCommand(key: string, action: (client: BridgeClient) => Promise<PhoneView>): Promise<PhoneView | null> {
  return runPhoneCommand(key, (c) => action(c).then((view) => (applyPhoneView(view), view)));
}

export const phoneActions = {
  dial: (target: string) => runPhoneCommand('dial', (c) => c.invoke('telephony.dial', { target })),
  answer: (callId: string) => viewCommand(`answer:${callId}`, (c) => c.invoke('telephony.answer', { callId })),
  reject: (callId: string) => viewCommand(`reject:${callId}`, (c) => c.invoke('telephony.reject', { callId })),
  hangup: (callId: string) => viewCommand(`hangup:${callId}`, (c) => c.invoke('telephony.hangup', { callId })),
  hold: (callId: string) => viewCommand(`hold:${callId}`, (c) => c.invoke('telephony.hold', { callId })),
  resume: (callId: string) => viewCommand(`hold:${callId}`, (c) => c.invoke('telephony.resume', { callId })),
  mute: (callId: string, muted: boolean) => viewCommand(`mute:${callId}`, (c) => c.invoke('telephony.mute', { callId, muted })),
  pauseRecording: (callId: string) => viewCommand(`recording:${callId}`, (c) => c.invoke('telephony.pauseRecording', { callId })),
  resumeRecording: (callId: string) => viewCommand(`recording:${callId}`, (c) => c.invoke('telephony.resumeRecording', { callId })),
  sendDtmf: (callId: string, tones: string) => runPhoneCommand(`dtmf:${callId}`, (c) => c.invoke('telephony.sendDtmf', { callId, tones })),
  blindTransfer: (callId: string, target: string) =>
    viewCommand(`transfer:${callId}`, (c) => c.invoke('telephony.blindTransfer', { callId, target })),
  consult: (callId: string, target: string) =>
    runPhoneCommand(`transfer:${callId}`, (c) => c.invoke('telephony.consult', { callId, target })),
  completeTransfer: (callId: string, consultCallId: string) =>
    viewCommand(`transfer:${callId}`, (c) => c.invoke('telephony.completeTransfer', { callId, consultCallId })),
  /** Ends the consultation `consultCallId` and takes the customer it was for off hold. */
  cancelTransfer: (consultCallId: string) =>
    viewCommand(`cancel:${consultCallId}`, (c) => c.invoke('telephony.cancelTransfer', { callId: consultCallId })),
  reconnect: () => runPhoneCommand('reconnect', (c) => c.invoke('telephony.reconnect', {})),
};

/** Answer the ringing call (holding the current one), if one rings. Returns whether it did something. */
export function answerRinging(): boolean {
  const ringing = ringingCalls(useTelephony.getState().calls)[0];
  if (!ringing) return false;
  void phoneActions.answer(ringing.id);
  return true;
}

export function hangupPrimary(): boolean {
  const call = primaryCall(useTelephony.getState().calls);
  if (!call) return false;
  void phoneActions.hangup(call.id);
  return true;
}

export function toggleHoldPrimary(): boolean {
  const call = primaryCall(useTelephony.getState().calls);
  if (!call || call.holdPending !== null) return false;
  if (call.status === 'held') void phoneActions.resume(call.id);
  else if (call.status === 'active') void phoneActions.hold(call.id);
  else return false;
  return true;
}

export function toggleMutePrimary(): boolean {
  const call = primaryCall(useTelephony.getState().calls);
  if (!call || (call.status !== 'active' && call.status !== 'held')) return false;
  void phoneActions.mute(call.id, !call.muted);
  return true;
}

/** Pause recording of the call in progress, or resume it (PCI secure pause); only in an answered call with a pause command set up. */
export function toggleRecordingPrimary(): boolean {
  const call = primaryCall(useTelephony.getState().calls);
  if (!call?.recording || call.answeredAt === null || (call.status !== 'active' && call.status !== 'held')) return false;
  if (call.recording.state === 'recording') void phoneActions.pauseRecording(call.id);
  else if (call.recording.state === 'paused') void phoneActions.resumeRecording(call.id);
  else return false;
  return true;
}

/** A global hotkey (Electron): the same action, on the same call, as the window's own shortcut. */
export function globalHotkey(action: HotkeyAction): boolean {
  if (action === 'answer') return answerRinging();
  if (action === 'hangUp') return hangupPrimary();
  if (action === 'mute') return toggleMutePrimary();
  return toggleHoldPrimary();
}

/** A headset's or keyboard's single call button: answer if it rings, else hang up. */
export function hookButton(): boolean {
  return answerRinging() || hangupPrimary();
}

// ------------------------------------------------------------------ inbound ring (web shell)

let titleTimer: ReturnType<typeof setInterval> | null = null;
let savedTitle: string | null = null;
let notification: Notification | null = null;

/**
 * In Electron, main raises the window and shows the OS notification. A
 * browser window cannot be raised from outside, so in the web shell the page
 * draws attention itself: a notification (when the agent allowed them) and a
 * flashing title. Both stop when no call rings any more.
 */
function announceIncoming(client: BridgeClient, who: string, waiting: boolean): void {
  if (client.host !== 'web' || typeof document === 'undefined') return;
  // The same rule as main's (electron/telephony/ring-attention.ts): an agent looking at the page
  // sees the call in the phone bar; a notification or a flashing title on top of it gets in the way.
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  const text = waiting ? i18n.t('telephony:ringing.waitingTitle', { who }) : i18n.t('telephony:ringing.title', { who });
  try {
    if (typeof Notification === 'function' && Notification.permission === 'granted') {
      notification?.close();
      // Notification bodies are plain text.
      notification = new Notification(waiting ? i18n.t('telephony:ringing.waitingGroup') : i18n.t('telephony:ringing.incomingGroup'), {
        body: who,
        tag: 'switchboard-ringing',
      });
      notification.onclick = () => window.focus();
    }
  } catch {
    // Notifications are a courtesy; the ringtone and the phone bar carry the call.
  }
  savedTitle ??= document.title;
  if (titleTimer !== null) clearInterval(titleTimer);
  let on = false;
  titleTimer = setInterval(() => {
    on = !on;
    document.title = on ? text : (savedTitle ?? 'Switchboard');
  }, 1000);
  document.title = text;
}

function stopAnnouncing(): void {
  if (titleTimer !== null) clearInterval(titleTimer);
  titleTimer = null;
  notification?.close();
  notification = null;
  if (savedTitle !== null && typeof document !== 'undefined') document.title = savedTitle;
  savedTitle = null;
}

/** The call as the notification and the ring banner name it. */
export function callerText(call: Call): string {
  return call.remote.displayName ? `${call.remote.displayName} (${call.remote.number})` : partyName(call);
}
