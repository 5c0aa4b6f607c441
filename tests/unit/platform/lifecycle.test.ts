import type { App, Dialog } from 'electron';
import { describe, expect, it } from 'vitest';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { quitAfterClosing, runStartup } from '../../../electron/platform/lifecycle';
import { StoreKeyError } from '../../../electron/store/store-key';
import { userText } from '../../../shared/text/user-text';

// Stand-ins for Electron's app and dialog that record what main does with them.
function fakeApp(preferredLanguages: string[] = ['en-US']) {
  const listeners: ((event: { preventDefault(): void }) => void)[] = [];
  const exits: number[] = [];
  let prevented = 0;
  const app = {
    on(name: string, listener: (event: { preventDefault(): void }) => void) {
      if (name === 'will-quit') listeners.push(listener);
      return app;
    },
    exit(code?: number) {
      exits.push(code ?? 0);
    },
    getPreferredSystemLanguages: () => preferredLanguages,
  };
  return {
    app: app as unknown as Pick<App, 'on' | 'exit' | 'getPreferredSystemLanguages'>,
    exits,
    get prevented() {
      return prevented;
    },
    /** What Electron does on quit: emits will-quit, and quits unless a listener prevented it. */
    quit(): boolean {
      let held = false;
      for (const listener of listeners)
        listener({
          preventDefault() {
            held = true;
            prevented += 1;
          },
        });
      return !held;
    },
  };
}

function fakeDialog() {
  const shown: { title: string; content: string }[] = [];
  return {
    dialog: { showErrorBox: (title: string, content: string) => shown.push({ title, content }) } as unknown as Pick<Dialog, 'showErrorBox'>,
    shown,
  };
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (condition() ? resolve() : setTimeout(poll, 1));
    poll();
  });
}

describe('start-up failure (runStartup)', () => {
  it('a start that throws is shown in a dialog, logged without its message, and the app exits with 1', async () => {
    const { app, exits } = fakeApp();
    const { dialog, shown } = fakeDialog();
    const memory = createMemorySink();
    const order: string[] = [];
    await runStartup(
      { exit: (code?: number) => order.push(`exit ${code ?? 0}`), getPreferredSystemLanguages: () => [] },
      { showErrorBox: (title: string) => order.push(`dialog ${title}`) },
      async () => {
        throw new Error('cannot read /home/jane.doe/policy.json');
      },
      createLogger(memory.sink),
      () => order.push('log closed'),
    );
    expect(order).toEqual(['dialog Switchboard could not start', 'log closed', 'exit 1']);
    expect(memory.records).toEqual([expect.objectContaining({ level: 'error', message: 'could not start', fields: { error: 'Error' } })]);
    expect(JSON.stringify(memory.records)).not.toContain('jane.doe');

    await runStartup(app, dialog, () => Promise.reject(new Error('x')), createLogger(createMemorySink().sink));
    expect(shown).toEqual([{ title: 'Switchboard could not start', content: expect.stringContaining('Switchboard could not start.') }]);
    expect(exits).toEqual([1]);
  });

  it("is said in the OS's language when Switchboard is translated into it", async () => {
    const { app, exits } = fakeApp(['de-AT', 'en-US']);
    const { dialog, shown } = fakeDialog();
    await runStartup(app, dialog, () => Promise.reject(new Error('x')), createLogger(createMemorySink().sink));
    expect(shown).toEqual([{ title: 'Switchboard konnte nicht starten', content: expect.stringContaining('Starten Sie es neu') }]);
    expect(exits).toEqual([1]);
  });

  it('a database key that cannot be read is explained in the dialog with its own sentence', async () => {
    const { app, exits } = fakeApp();
    const { dialog, shown } = fakeDialog();
    const keyError = new StoreKeyError(
      '/data/store.key',
      userText('store.key.electron', { file: '/data/store.key', why: userText('store.key.why.malformed') }),
    );
    await runStartup(app, dialog, () => Promise.reject(keyError), createLogger(createMemorySink().sink));
    expect(shown[0]?.content).toMatch(
      /^Switchboard cannot read its database key \/data\/store\.key: it is not a 64-digit key\. Nothing was changed/,
    );
    expect(exits).toEqual([1]);
  });

  it('a start that succeeds shows nothing and does not exit', async () => {
    const { app, exits } = fakeApp();
    const { dialog, shown } = fakeDialog();
    let started = false;
    await runStartup(
      app,
      dialog,
      async () => {
        started = true;
      },
      createLogger(createMemorySink().sink),
    );
    expect(started).toBe(true);
    expect(shown).toEqual([]);
    expect(exits).toEqual([]);
  });
});

describe('quitting (quitAfterClosing)', () => {
  it('holds the quit until the core has closed, then exits with 0', async () => {
    const fake = fakeApp();
    let finishClose: () => void = () => undefined;
    const order: string[] = [];
    quitAfterClosing(fake.app, {
      close: () =>
        new Promise<void>((resolve) => {
          order.push('close started');
          finishClose = () => {
            order.push('core closed');
            resolve();
          };
        }),
      log: createLogger(createMemorySink().sink),
      beforeExit: () => order.push('log closed'),
    });
    expect(fake.quit()).toBe(false);
    await until(() => order.length > 0);
    expect(fake.exits).toEqual([]);
    finishClose();
    await until(() => fake.exits.length > 0);
    expect(order).toEqual(['close started', 'core closed', 'log closed']);
    expect(fake.exits).toEqual([0]);
  });

  it('exits after the time limit when the core never closes, saying so in the log', async () => {
    const fake = fakeApp();
    const memory = createMemorySink();
    quitAfterClosing(fake.app, { close: () => new Promise<void>(() => undefined), log: createLogger(memory.sink), timeoutMs: 20 });
    expect(fake.quit()).toBe(false);
    await until(() => fake.exits.length > 0);
    expect(fake.exits).toEqual([0]);
    expect(memory.records.map((r) => r.message)).toContain('shutdown: services did not close in time; exiting anyway');
  });

  it('a core whose close fails still lets the app exit', async () => {
    const fake = fakeApp();
    quitAfterClosing(fake.app, { close: () => Promise.reject(new Error('store busy')), log: createLogger(createMemorySink().sink) });
    fake.quit();
    await until(() => fake.exits.length > 0);
    expect(fake.exits).toEqual([0]);
  });

  it('quitting again while closing is held too, and the core is closed once', async () => {
    const fake = fakeApp();
    let closes = 0;
    let finishClose: () => void = () => undefined;
    quitAfterClosing(fake.app, {
      close: () => {
        closes += 1;
        return new Promise<void>((resolve) => {
          finishClose = resolve;
        });
      },
      log: createLogger(createMemorySink().sink),
    });
    expect(fake.quit()).toBe(false);
    expect(fake.quit()).toBe(false);
    await until(() => closes > 0);
    finishClose();
    await until(() => fake.exits.length > 0);
    expect(closes).toBe(1);
    expect(fake.exits).toEqual([0]);
    expect(fake.prevented).toBe(2);
  });
});
