import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../../shared/policy/resolve';
import { ruleText } from '../../../shared/policy/rule-text';
import {
  addPause,
  DEFAULT_RECORDING_PAUSE,
  describePause,
  MAX_RECORDING_PAUSES,
  pauseInterval,
  recordingCommand,
  recordingPauseConfigSchema,
} from '../../../shared/telephony/recording-pause';
import { recordingPauseConfig } from '../../../electron/telephony/recording-pause';
import { SipTrace } from '../../../electron/telephony/sip-trace';
import { englishOf } from '../../../shared/text/user-text';

describe('recording pause commands', () => {
  it('is off on a fresh install, so no agent is told "paused" by a PBX that never heard of it', () => {
    expect(recordingCommand(DEFAULT_RECORDING_PAUSE, 'pause')).toBeNull();
    expect(recordingPauseConfig(resolvePolicy([]).values)).toEqual(DEFAULT_RECORDING_PAUSE);
  });

  it('builds the documented INFO bodies, with CRLF line ends', () => {
    const config = { ...DEFAULT_RECORDING_PAUSE, method: 'sip-info' as const };
    expect(recordingCommand(config, 'pause')).toEqual({ kind: 'info', contentType: 'text/plain', body: 'Record: pause' });
    expect(recordingCommand(config, 'resume')).toEqual({ kind: 'info', contentType: 'text/plain', body: 'Record: resume' });
    const twoLines = { ...config, infoContentType: 'application/vnd.example.recording', infoPauseBody: 'action=pause\nreason=pci' };
    expect(recordingCommand(twoLines, 'pause')).toEqual({
      kind: 'info',
      contentType: 'application/vnd.example.recording',
      body: 'action=pause\r\nreason=pci',
    });
  });

  it('sends feature codes as keypad tones', () => {
    const config = { ...DEFAULT_RECORDING_PAUSE, method: 'dtmf' as const, dtmfPause: '*81', dtmfResume: '#82' };
    expect(recordingCommand(config, 'pause')).toEqual({ kind: 'dtmf', tones: '*81' });
    expect(recordingCommand(config, 'resume')).toEqual({ kind: 'dtmf', tones: '#82' });
  });

  it('takes the policy keys IT set, and refuses bad ones with a sentence naming the problem', () => {
    const policy = resolvePolicy([
      {
        source: '/etc/switchboard/policy.json',
        defaults: {},
        enforced: { recordingPauseMethod: 'dtmf', recordingPauseDtmf: '*48', recordingResumeDtmf: 'x9' },
        problems: [],
      },
    ]);
    expect(recordingPauseConfig(policy.values)).toMatchObject({ method: 'dtmf', dtmfPause: '*48', dtmfResume: '*2' });
    expect(policy.problems.map((p) => englishOf(p.message)).join('\n')).toMatch(/recordingResumeDtmf.*must be 1 to 16 keypad keys/);
    const bad = recordingPauseConfigSchema.safeParse({ ...DEFAULT_RECORDING_PAUSE, infoContentType: 'text/plain; charset=utf-8' });
    expect(englishOf(ruleText(bad.error?.issues[0]?.message ?? ''))).toMatch(/must be a MIME type such as text\/plain/);
  });

  it('logs the paused interval as offsets from the answer, for the call note', () => {
    const answeredAt = 1_000_000;
    const pause = pauseInterval(answeredAt, answeredAt + 42_400, answeredAt + 89_100, 'agent');
    expect(pause).toEqual({ startSec: 42, endSec: 90, by: 'agent' });
    expect(describePause(pause)).toBe('Recording paused 0:42–1:30 (PCI)');
    expect(describePause({ ...pause, by: 'script' })).toBe('Recording paused 0:42–1:30 (PCI, payment step)');
    let pauses = [pause];
    for (let i = 0; i < MAX_RECORDING_PAUSES + 5; i++) pauses = addPause(pauses, { startSec: 100 + i, endSec: 101 + i, by: 'agent' });
    expect(pauses).toHaveLength(MAX_RECORDING_PAUSES);
    expect(pauses.at(-1)?.endSec).toBe(101 + MAX_RECORDING_PAUSES + 4);
  });
});

describe('SIP trace and keypad digits', () => {
  const info = (body: string, eol = '\r\n') =>
    [
      'INFO sip:far@127.0.0.1 SIP/2.0',
      'Call-ID: abc',
      'CSeq: 3 INFO',
      'Content-Type: application/dtmf-relay',
      `Content-Length: ${body.length}`,
      '',
      body,
    ].join(eol);

  it('never keeps the digits of a DTMF INFO, whatever its line ends, and keeps what diagnosis needs', () => {
    const trace = new SipTrace();
    trace.record('out', info('Signal=4\r\nDuration=120'));
    trace.record('out', info('Signal=7\nDuration=120', '\n'));
    trace.record('in', 'INFO sip:agent@x SIP/2.0\r\nSignal: 5\r\nX-Dtmf-Digits: 4111\r\nCall-ID: def\r\nSignal=9');
    const text = JSON.stringify(trace.list());
    expect(text).not.toMatch(/Signal|4111|Duration/);
    expect(trace.list()[0]).toMatchObject({ firstLine: 'INFO sip:far@127.0.0.1 SIP/2.0' });
    expect(trace.list()[0]?.headers).toEqual([
      'Call-ID: abc',
      'CSeq: 3 INFO',
      'Content-Type: application/dtmf-relay',
      'Content-Length: 22',
    ]);
  });
});
