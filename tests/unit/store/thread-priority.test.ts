import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lowerThisThreadPriority } from '../../../electron/store/worker/thread-priority';

describe('lowerThisThreadPriority', () => {
  it('leaves threads alone where Node cannot reach a thread’s own priority', () => {
    expect(lowerThisThreadPriority(10, 'win32')).toEqual({ outcome: 'unsupported' });
    expect(lowerThisThreadPriority(10, 'darwin')).toEqual({ outcome: 'unsupported' });
  });

  it.runIf(process.platform === 'linux')('refuses the main thread, whose event loop it exists to protect', () => {
    const before = getPriority();
    expect(lowerThisThreadPriority(10, 'linux')).toEqual({ outcome: 'failed', reason: 'called on the main thread' });
    expect(getPriority()).toBe(before);
  });
});
