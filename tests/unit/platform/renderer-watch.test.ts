import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { GIVE_UP_MESSAGE, watchRenderer } from '../../../electron/platform/renderer-watch';

// A stand-in for the window's webContents: emits what Electron would, records what the watcher does.
function fakeContents() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const calls: string[] = [];
  let destroyed = false;
  const contents = {
    on(name: string, listener: (...args: unknown[]) => void) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return contents;
    },
    reload: () => calls.push('reload'),
    forcefullyCrashRenderer: () => calls.push('crash'),
    isDestroyed: () => destroyed,
  };
  const emit = (name: string, ...args: unknown[]) => {
    for (const listener of listeners.get(name) ?? []) listener(...args);
  };
  return {
    contents: contents as unknown as Pick<WebContents, 'on' | 'reload' | 'forcefullyCrashRenderer' | 'isDestroyed'>,
    calls,
    gone: (reason: string) => emit('render-process-gone', {}, { reason, exitCode: 1 }),
    hang: () => emit('unresponsive'),
    loaded: () => emit('did-finish-load'),
    destroy: () => {
      destroyed = true;
    },
  };
}

function setup(answer: boolean | null = null) {
  const fake = fakeContents();
  let time = 0;
  const asked: string[] = [];
  let answerNow: (again: boolean) => void = () => undefined;
  const memory = createMemorySink();
  watchRenderer(fake.contents, {
    log: createLogger(memory.sink),
    now: () => time,
    askToReload: (message) => {
      asked.push(message);
      return answer === null ? new Promise<boolean>((resolve) => (answerNow = resolve)) : Promise.resolve(answer);
    },
  });
  return {
    ...fake,
    asked,
    logs: memory.records,
    at: (ms: number) => {
      time = ms;
    },
    answer: (again: boolean) => answerNow(again),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('renderer crash or hang (watchRenderer)', () => {
  it('a crashed renderer is reloaded at once, and the log says why', () => {
    const w = setup();
    w.gone('crashed');
    expect(w.calls).toEqual(['reload']);
    expect(w.logs).toEqual([expect.objectContaining({ level: 'warn', message: 'reloading the window', fields: { why: 'crashed' } })]);
  });

  it('a hung renderer is ended and reloaded, and the crash that causes is not reloaded a second time', () => {
    const w = setup();
    w.hang();
    expect(w.calls).toEqual(['crash', 'reload']);
    w.gone('killed');
    expect(w.calls).toEqual(['crash', 'reload']);
    // A later, real crash is recovered again.
    w.loaded();
    w.gone('oom');
    expect(w.calls).toEqual(['crash', 'reload', 'reload']);
  });

  it('a clean exit (the window closing, the app quitting) is not a crash', () => {
    const w = setup();
    w.gone('clean-exit');
    expect(w.calls).toEqual([]);
  });

  it('after 3 reloads within a minute the agent is asked instead of reloading again, and their answer is followed', async () => {
    const w = setup();
    for (const at of [0, 10_000, 20_000]) {
      w.at(at);
      w.gone('crashed');
    }
    expect(w.calls).toEqual(['reload', 'reload', 'reload']);
    w.at(30_000);
    w.gone('crashed');
    expect(w.calls).toHaveLength(3);
    expect(w.asked).toEqual([GIVE_UP_MESSAGE]);
    // Crashes while the question is open do not reload or ask again.
    w.gone('crashed');
    w.hang();
    expect(w.calls.filter((c) => c === 'reload')).toHaveLength(3);
    expect(w.asked).toHaveLength(1);
    w.answer(true);
    await settle();
    expect(w.calls.filter((c) => c === 'reload')).toHaveLength(4);
    // The agent's reload starts a new allowance.
    w.at(31_000);
    w.gone('crashed');
    expect(w.calls.filter((c) => c === 'reload')).toHaveLength(5);
  });

  it('"Not now" leaves the window as it is', async () => {
    const w = setup(false);
    for (let i = 0; i < 4; i++) w.gone('crashed');
    await settle();
    expect(w.calls).toEqual(['reload', 'reload', 'reload']);
    expect(w.asked).toHaveLength(1);
  });

  it('reloads older than a minute no longer count against the limit', () => {
    const w = setup();
    for (const at of [0, 1_000, 2_000, 61_000, 62_000]) {
      w.at(at);
      w.gone('crashed');
    }
    expect(w.calls).toEqual(['reload', 'reload', 'reload', 'reload', 'reload']);
    expect(w.asked).toEqual([]);
  });

  it('a destroyed window is left alone', () => {
    const w = setup();
    w.destroy();
    w.gone('crashed');
    w.hang();
    expect(w.calls).toEqual([]);
  });
});
