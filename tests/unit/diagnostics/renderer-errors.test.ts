import { describe, expect, it } from 'vitest';
import { BridgeServer, type RendererLink } from '../../../electron/bridge/bridge-server';
import { rendererErrorHandler, RENDERER_ERRORS_PER_WINDOW } from '../../../electron/diagnostics/renderer-errors';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { describeUncaught, scrubErrorText } from '../../../shared/app/error-report';

function setup() {
  const memory = createMemorySink();
  const bridge = new BridgeServer({ log: createLogger(memory.sink, { level: 'debug' }) });
  bridge.handle('app.reportError', rendererErrorHandler(createLogger(memory.sink, { level: 'debug', scope: 'renderer' })));
  const link = (id: string): RendererLink => {
    const value: RendererLink = { id, sendEvent: () => undefined, sendMedia: () => undefined };
    bridge.connect(value);
    return value;
  };
  const reported = () => memory.records.filter((r) => r.message === 'uncaught renderer error');
  return { bridge, link, logs: memory.records, reported };
}

const PERSONAL = [
  'ada@example.com',
  '+1 (415) 555-0101',
  '4155550101',
  'sip:1001@pbx.example.com',
  'Ada Lovelace',
  'token=abcDEF123',
  'C-100200',
];

describe('uncaught renderer errors in main’s log', () => {
  it('are logged as warnings with their shape and none of the personal data their text held', async () => {
    const { bridge, link, reported } = setup();
    const window = link('web-1');
    const message =
      'Unexpected token \'A\', "Ada Lovelace,ada@example.com" is not valid JSON; calling +1 (415) 555-0101 / 4155550101 ' +
      'as sip:1001@pbx.example.com from http://127.0.0.1:4000/#token=abcDEF123 about case C-100200, status 404';
    const reply = await bridge.handleCommand(window, 'app.reportError', {
      kind: 'rejection',
      name: 'SyntaxError',
      message,
      where: 'index-AbC123.js:1:2345',
    });
    expect(reply).toEqual({ ok: true, result: {} });
    expect(reported()).toEqual([
      expect.objectContaining({
        level: 'warn',
        scope: 'renderer',
        fields: {
          link: 'web-1',
          kind: 'rejection',
          name: 'SyntaxError',
          message:
            'Unexpected token \'A\', "…" is not valid JSON; calling <number> / <number> as <uri> from <url> about case C-<number>, status 404',
          where: 'index-AbC123.js:1:2345',
        },
      }),
    ]);
    const logged = JSON.stringify(reported());
    for (const data of PERSONAL) expect(logged).not.toContain(data);
  });

  it('masks personal data main is sent unscrubbed, and refuses an oversized report', async () => {
    const { bridge, link, reported } = setup();
    const window = link('web-1');
    await bridge.handleCommand(window, 'app.reportError', {
      kind: 'error',
      name: 'Ada Lovelace',
      message: 'lookup failed for ada@example.com',
      where: null,
    });
    expect(reported()[0]?.fields).toMatchObject({ name: 'Error', message: 'lookup failed for <email>' });
    const tooLong = await bridge.handleCommand(window, 'app.reportError', {
      kind: 'error',
      name: 'Error',
      message: 'x'.repeat(301),
      where: null,
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(reported()).toHaveLength(1);
  });

  it('a window that keeps throwing fills the log with at most its share, then one line saying the rest were dropped', async () => {
    const { bridge, link, logs, reported } = setup();
    const looping = link('web-1');
    for (let i = 0; i < RENDERER_ERRORS_PER_WINDOW + 30; i++) {
      await bridge.handleCommand(looping, 'app.reportError', {
        kind: 'error',
        name: 'TypeError',
        message: `render failed ${i}`,
        where: null,
      });
    }
    expect(reported()).toHaveLength(RENDERER_ERRORS_PER_WINDOW);
    expect(logs.filter((r) => r.message === 'further renderer errors from this window are not logged')).toHaveLength(1);
    // Another window (or the same page reloaded: a new link) is still heard.
    await bridge.handleCommand(link('web-2'), 'app.reportError', {
      kind: 'error',
      name: 'TypeError',
      message: 'other window',
      where: null,
    });
    expect(reported()).toHaveLength(RENDERER_ERRORS_PER_WINDOW + 1);
  });
});

describe('what the renderer reports about a thrown value', () => {
  it('an Error: its class, scrubbed message and the script position it came from', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'phone')");
    error.stack = `TypeError: Cannot read properties of undefined (reading 'phone')\n    at Ev (http://127.0.0.1:41989/assets/index-DrYiyZHD.js:40:1234)\n    at http://127.0.0.1:41989/assets/index-DrYiyZHD.js:9:10`;
    expect(describeUncaught('error', error)).toEqual({
      kind: 'error',
      name: 'TypeError',
      message: "Cannot read properties of undefined (reading 'phone')",
      where: 'index-DrYiyZHD.js:40:1234',
    });
  });

  it('a DOMException without a stack (a refused setSinkId), a thrown string and a thrown object', () => {
    expect(
      describeUncaught('rejection', { name: 'AbortError', message: 'The operation could not be performed and was aborted', stack: '' }),
    ).toEqual({
      kind: 'rejection',
      name: 'AbortError',
      message: 'The operation could not be performed and was aborted',
      where: null,
    });
    expect(describeUncaught('rejection', 'no answer from 4155550101')).toEqual({
      kind: 'rejection',
      name: 'non-error',
      message: 'no answer from <number>',
      where: null,
    });
    expect(describeUncaught('rejection', { customer: 'Ada Lovelace' })).toEqual({
      kind: 'rejection',
      name: 'non-error',
      message: 'a value of type object was thrown',
      where: null,
    });
  });

  it('one line, bounded, whatever the text was', () => {
    const scrubbed = scrubErrorText(`first line\nsecond\tline ${'y'.repeat(10_000)}`);
    expect(scrubbed).toMatch(/^first line second line y+…$/);
    expect(scrubbed).toHaveLength(300);
  });
});
