import { describe, expect, it } from 'vitest';
import { TypedEmitter } from '../../../shared/events/typed-emitter';

interface Events {
  ring: { callId: string };
  hangup: undefined;
}

function emitter() {
  const failures: { event: string; error: unknown; payload: unknown }[] = [];
  const events = new TypedEmitter<Events>((event, error, payload) => failures.push({ event, error, payload }));
  return { events, failures };
}

describe('TypedEmitter', () => {
  it('calls the listeners of the event emitted, in subscription order, until they unsubscribe', () => {
    const { events } = emitter();
    const heard: string[] = [];
    const offA = events.on('ring', ({ callId }) => heard.push(`a:${callId}`));
    events.on('ring', ({ callId }) => heard.push(`b:${callId}`));
    events.on('hangup', () => heard.push('hangup'));
    events.emit('ring', { callId: '1' });
    offA();
    events.emit('ring', { callId: '2' });
    events.emit('hangup', undefined);
    expect(heard).toEqual(['a:1', 'b:1', 'b:2', 'hangup']);
  });

  it('isolates a listener that throws: the others run, the emitter does not throw, the owner hears of it', () => {
    const { events, failures } = emitter();
    const heard: string[] = [];
    const boom = new Error('boom');
    events.on('ring', () => {
      throw boom;
    });
    events.on('ring', ({ callId }) => heard.push(callId));
    expect(() => events.emit('ring', { callId: '1' })).not.toThrow();
    expect(heard).toEqual(['1']);
    expect(failures).toEqual([{ event: 'ring', error: boom, payload: { callId: '1' } }]);
  });

  it('calls the listeners subscribed when the emit began, whatever they change meanwhile', () => {
    const { events } = emitter();
    const heard: string[] = [];
    let offB = (): void => undefined;
    events.on('ring', () => {
      heard.push('a');
      offB();
      events.on('ring', () => heard.push('late'));
    });
    offB = events.on('ring', () => heard.push('b'));
    events.emit('ring', { callId: '1' });
    expect(heard).toEqual(['a', 'b']);
  });

  it('counts listeners per event and drops them all on clear', () => {
    const { events } = emitter();
    events.on('ring', () => undefined);
    events.on('ring', () => undefined);
    expect(events.listenerCount('ring')).toBe(2);
    expect(events.listenerCount('hangup')).toBe(0);
    events.clear();
    expect(events.listenerCount('ring')).toBe(0);
    expect(() => events.emit('ring', { callId: '1' })).not.toThrow();
  });
});
