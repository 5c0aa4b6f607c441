import { SessionState, type Session } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
import type { PolicyValues } from '../../shared/policy/keys';
import type { Call } from '../../shared/telephony/model';
import {
  addPause,
  DEFAULT_RECORDING_PAUSE,
  pauseInterval,
  recordingCommand,
  type RecordingAction,
  type RecordingCommand,
  type RecordingPause,
  type RecordingPauseConfig,
  type RecordingPauseOrigin,
} from '../../shared/telephony/recording-pause';
import { userText, type TextKey, type UserText } from '../../shared/text/user-text';
import { errorName } from '../bridge/bridge-server';
import type { CallBook, CallEntry, CallManagerDeps } from './call-book';
import { sendDtmf } from './dtmf';

/** The policy's recording pause keys as one configuration (shared/policy/keys.ts, section Phone). */
export function recordingPauseConfig(values: Partial<PolicyValues>): RecordingPauseConfig {
  return {
    method: values.recordingPauseMethod ?? DEFAULT_RECORDING_PAUSE.method,
    infoContentType: values.recordingPauseInfoContentType ?? DEFAULT_RECORDING_PAUSE.infoContentType,
    infoPauseBody: values.recordingPauseInfoBody ?? DEFAULT_RECORDING_PAUSE.infoPauseBody,
    infoResumeBody: values.recordingResumeInfoBody ?? DEFAULT_RECORDING_PAUSE.infoResumeBody,
    dtmfPause: values.recordingPauseDtmf ?? DEFAULT_RECORDING_PAUSE.dtmfPause,
    dtmfResume: values.recordingResumeDtmf ?? DEFAULT_RECORDING_PAUSE.dtmfResume,
  };
}

interface PauseBook {
  /** Who asked for the pause in progress. */
  by: RecordingPauseOrigin;
  pauses: RecordingPause[];
}

/**
 * PCI secure pause: asks the PBX to stop recording a call and to start again, as IT's policy says
 * (an INFO with a body, or a feature code as keypad tones), and keeps the intervals the call was
 * paused for its record. A call shows paused only once the command went out, and for INFO only
 * once the PBX answered 2xx: an agent who reads "paused" takes card details. A call that ends while
 * paused ends the interval with it. The same `pause` / `resume` serve the button, the shortcut and
 * a guided script's payment step (`by`).
 */
export class RecordingPauses {
  private readonly books = new Map<string, PauseBook>();

  constructor(
    private readonly deps: Pick<CallManagerDeps, 'bridge' | 'log' | 'now' | 'settings'> & { config: () => RecordingPauseConfig },
    private readonly book: CallBook,
  ) {}

  /** What a new call shows: recording, when a pause command is set up; nothing otherwise. */
  initial(): Call['recording'] {
    return this.deps.config().method === 'off' ? undefined : { state: 'recording', pausedSince: null };
  }

  isPaused(entry: CallEntry): boolean {
    const state = entry.call.recording?.state;
    return state === 'paused' || state === 'resuming';
  }

  async pause(entry: CallEntry, by: RecordingPauseOrigin): Promise<void> {
    const command = this.commandFor(entry, 'pause');
    const state = entry.call.recording?.state;
    if (state === 'paused' || state === 'pausing') return;
    if (state === 'resuming') throw new BridgeError('conflict', userText('telephony.recording.resuming'));
    this.book.update(entry, { recording: { state: 'pausing', pausedSince: null } });
    try {
      await this.send(entry, command);
    } catch (error) {
      if (!entry.ended) this.book.update(entry, { recording: { state: 'recording', pausedSince: null } });
      this.deps.log.warn('recording pause not confirmed', { callId: entry.call.id, method: command.kind, problem: problemOf(error) });
      throw new BridgeError(
        'failed',
        withCode(error, 'telephony.recording.pauseNotConfirmed', 'telephony.recording.pauseNotConfirmedWithCode'),
      );
    }
    if (entry.ended) return;
    const book = this.books.get(entry.call.id) ?? { by, pauses: [] };
    this.books.set(entry.call.id, { ...book, by });
    this.book.update(entry, { recording: { state: 'paused', pausedSince: this.deps.now() } });
    this.deps.log.info('recording paused', { callId: entry.call.id, method: command.kind, by });
  }

  async resume(entry: CallEntry): Promise<void> {
    const command = this.commandFor(entry, 'resume');
    const recording = entry.call.recording;
    if (!recording || recording.state === 'recording' || recording.state === 'resuming') return;
    if (recording.state === 'pausing') throw new BridgeError('conflict', userText('telephony.recording.pausing'));
    const pausedSince = recording.pausedSince ?? this.deps.now();
    this.book.update(entry, { recording: { state: 'resuming', pausedSince } });
    try {
      await this.send(entry, command);
    } catch (error) {
      if (!entry.ended) this.book.update(entry, { recording: { state: 'paused', pausedSince } });
      this.deps.log.warn('recording resume not confirmed', { callId: entry.call.id, method: command.kind, problem: problemOf(error) });
      throw new BridgeError(
        'failed',
        withCode(error, 'telephony.recording.resumeNotConfirmed', 'telephony.recording.resumeNotConfirmedWithCode'),
      );
    }
    if (entry.ended) return;
    this.close(entry, pausedSince, this.deps.now());
    this.book.update(entry, { recording: { state: 'recording', pausedSince: null } });
    this.deps.log.info('recording resumed', { callId: entry.call.id, method: command.kind });
  }

  /**
   * The call ended: its paused intervals for the record, a pause still on ending with the call
   * (nothing is sent: the dialog is gone, and the PBX stops recording with it).
   */
  end(entry: CallEntry, endedAt: number): RecordingPause[] | undefined {
    const recording = entry.call.recording;
    if (recording && (recording.state === 'paused' || recording.state === 'resuming') && recording.pausedSince !== null) {
      this.close(entry, recording.pausedSince, endedAt);
      this.deps.log.info('call ended while recording was paused', { callId: entry.call.id });
    }
    const book = this.books.get(entry.call.id);
    this.books.delete(entry.call.id);
    if (!recording) return undefined;
    return book?.pauses ?? [];
  }

  private close(entry: CallEntry, pausedAt: number, resumedAt: number): void {
    const book = this.books.get(entry.call.id) ?? { by: 'agent' as const, pauses: [] };
    const answeredAt = entry.call.answeredAt ?? pausedAt;
    this.books.set(entry.call.id, { ...book, pauses: addPause(book.pauses, pauseInterval(answeredAt, pausedAt, resumedAt, book.by)) });
  }

  private commandFor(entry: CallEntry, action: RecordingAction): RecordingCommand {
    const command = recordingCommand(this.deps.config(), action);
    if (!command || !entry.call.recording) throw new BridgeError('unavailable', userText('telephony.recording.notSetUp'));
    const talking = entry.call.status === 'active' || entry.call.status === 'held';
    if (entry.ended || entry.call.answeredAt === null || !talking || entry.session.state !== SessionState.Established) {
      throw new BridgeError('conflict', userText('telephony.recording.notAnswered'));
    }
    return command;
  }

  private async send(entry: CallEntry, command: RecordingCommand): Promise<void> {
    if (command.kind === 'dtmf') {
      const mode = this.deps.settings()?.dtmfMode ?? 'rfc4733';
      await sendDtmf(entry.session, entry.call.id, command.tones, mode, this.deps);
      return;
    }
    await infoAnswered(entry.session, command.contentType, command.body);
  }
}

/** An INFO's final answer: resolves on 2xx, rejects with the status on anything else (a timeout is sip.js's 408). */
function infoAnswered(session: Session, contentType: string, content: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    session
      .info({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response) => reject(new InfoRefused(response.message.statusCode ?? 0)),
        },
        requestOptions: { body: { contentDisposition: 'render', contentType, content } },
      })
      .catch(reject);
  });
}

class InfoRefused extends Error {
  constructor(readonly statusCode: number) {
    super(`INFO answered ${statusCode}`);
    this.name = 'InfoRefused';
  }
}

/** The refusal's message, naming the PBX's status code when it answered one. */
function withCode(error: unknown, plain: TextKey, coded: TextKey): UserText {
  return error instanceof InfoRefused && error.statusCode > 0 ? userText(coded, { code: error.statusCode }) : userText(plain);
}

function problemOf(error: unknown): string {
  return error instanceof InfoRefused ? `status ${error.statusCode}` : errorName(error);
}
